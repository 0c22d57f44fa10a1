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
        kind: 'definition_mismatch', objectType: 'table', object, table: object, expected: describeTable(e), actual: describeTable(a),
        message: `${object} is a ${describeTable(a)}; canonical: ${describeTable(e)}`,
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
