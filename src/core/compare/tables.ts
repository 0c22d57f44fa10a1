import type { Table } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, qname, type KindComparer } from './context';

export const tableKey = (t: Table) => qname(t.schema, t.name);

/** How a table is shaped, as one line: kind, partition key, parent. */
export function describeTable(t: Table): string {
  const parts = [t.kind === 'partitioned' ? `partitioned table ${tableKey(t)}` : `table ${tableKey(t)}`];
  if (t.partitionKey) parts.push(`PARTITION BY ${t.partitionKey}`);
  if (t.partitionOf) parts.push(`PARTITION OF ${t.partitionOf}`);
  return parts.join(' ');
}

/**
 * Storage and structure properties beyond kind and parent, each only when not the default:
 * UNLOGGED, WITH (reloptions), INHERITS, partition bound, CLUSTER ON, REPLICA IDENTITY, and a
 * foreign table's server and OPTIONS.
 */
export function tableProperties(t: Table): string[] {
  const out: string[] = [];
  if (t.foreign) out.push(`FOREIGN TABLE SERVER ${t.foreign.server}${t.foreign.options.length ? ` OPTIONS (${t.foreign.options.join(', ')})` : ''}`);
  if (t.persistence === 'unlogged') out.push('UNLOGGED');
  if (t.partitionBound) out.push(t.partitionBound);
  if (t.inherits?.length) out.push(`INHERITS (${t.inherits.join(', ')})`);
  if (t.options?.length) out.push(`WITH (${t.options.join(', ')})`);
  if (t.clusterOn) out.push(`CLUSTER ON ${t.clusterOn}`);
  // A foreign table always reports NOTHING; only a local table's replica identity is a choice.
  if (!t.foreign && t.replicaIdentity && t.replicaIdentity !== 'DEFAULT') out.push(`REPLICA IDENTITY ${t.replicaIdentity}`);
  return out;
}

const describeFully = (t: Table) => [describeTable(t), ...tableProperties(t)].join(' ');

/** Which properties differ, for the message. */
function differingProperties(e: Table, a: Table): string[] {
  const ep = tableProperties(e);
  const ap = tableProperties(a);
  return [...ep.filter((p) => !ap.includes(p)).map((p) => `lacks ${p}`), ...ap.filter((p) => !ep.includes(p)).map((p) => `has ${p}`)];
}

/**
 * Tables: a missing table is one divergence (classify() gives it the severity of the most
 * severe element inside it); its columns, indexes, policies are not reported again.
 * Ownership is not compared (OWNER TO is dump noise, seed 004 §3.1).
 */
export const compareTables: KindComparer = (ctx) => {
  const d = diffLists(ctx.expected.tables, ctx.actual.tables, tableKey, (e, a) => {
    const object = tableKey(e);
    const out = [];
    if (describeTable(e) !== describeTable(a)) {
      out.push(divergence(ctx, {
        kind: 'definition_mismatch', objectType: 'table', object, table: object, expected: describeFully(e), actual: describeFully(a),
        message: `${object} is a ${describeTable(a)}; canonical: ${describeTable(e)}`,
      }));
    } else if (describeFully(e) !== describeFully(a)) {
      out.push(divergence(ctx, {
        kind: 'definition_mismatch', objectType: 'table', object, table: object, expected: describeFully(e), actual: describeFully(a),
        message: `table ${object} ${differingProperties(e, a).join('; ')} (canonical: ${tableProperties(e).join(' ') || 'defaults'})`,
      }));
    }
    out.push(...commentDivergence(ctx, 'table', object, object, e.comment, a.comment));
    return out;
  });
  return [
    ...d.missing.map((t) => divergence(ctx, {
      kind: 'missing', objectType: 'table', object: tableKey(t), table: tableKey(t), expected: `${describeTable(t)} (${t.columns.length} columns)`, actual: null,
      message: `table ${tableKey(t)} is missing from the dump`,
    })),
    ...d.extra.map((t) => divergence(ctx, {
      kind: 'extra', objectType: 'table', object: tableKey(t), table: tableKey(t), expected: null, actual: `${describeTable(t)} (${t.columns.length} columns)`,
      message: `table ${tableKey(t)} is not in the canonical schema`,
    })),
    ...d.altered,
  ];
};
