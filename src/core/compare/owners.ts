import type { SchemaModel } from '../model';
import type { Divergence, ObjectType } from '../report/types';
import { funcKey } from './functions';
import { divergence, qname, type KindComparer } from './context';

interface Owned {
  objectType: ObjectType;
  object: string;
  table: string | null;
  owner: string | undefined;
}

/** Every owned object of the model with its identity (owned sequences follow their table). */
function owned(m: SchemaModel): Owned[] {
  return [
    ...m.tables.map((t) => ({ objectType: 'table' as const, object: qname(t.schema, t.name), table: qname(t.schema, t.name), owner: t.owner })),
    ...m.views.map((v) => ({ objectType: v.materialized ? 'materialized_view' as const : 'view' as const, object: qname(v.schema, v.name), table: null, owner: v.owner })),
    ...m.sequences.filter((s) => !s.ownedBy).map((s) => ({ objectType: 'sequence' as const, object: qname(s.schema, s.name), table: null, owner: s.owner })),
    ...m.functions.map((f) => ({ objectType: 'function' as const, object: funcKey(f), table: null, owner: f.owner })),
    ...m.types.map((t) => ({ objectType: 'type' as const, object: qname(t.schema, t.name), table: null, owner: t.owner })),
    ...(m.namespaces ?? []).map((n) => ({ objectType: 'schema' as const, object: n.name, table: null, owner: n.owner })),
    ...(m.collations ?? []).map((c) => ({ objectType: 'collation' as const, object: qname(c.schema, c.name), table: null, owner: c.owner })),
    ...(m.eventTriggers ?? []).map((e) => ({ objectType: 'event_trigger' as const, object: e.name, table: null, owner: e.owner })),
    ...(m.publications ?? []).map((p) => ({ objectType: 'publication' as const, object: p.name, table: null, owner: p.owner })),
    ...(m.foreignServers ?? []).map((s) => ({ objectType: 'foreign_server' as const, object: s.name, table: null, owner: s.owner })),
    ...(m.foreignDataWrappers ?? []).map((w) => ({ objectType: 'foreign_data_wrapper' as const, object: w.name, table: null, owner: w.owner })),
  ];
}

/**
 * OWNER TO, where the canonical names an owner. A canonical object owned by the role that
 * loaded it (the bootstrap superuser, never in `roles`) says nothing about ownership: a dump
 * taken with --no-owner or from another cluster is not drift there (seed 004 §3.1).
 */
export const compareOwners: KindComparer = (ctx) => {
  const named = new Set(ctx.expected.roles.map((r) => r.name));
  const key = (o: Owned) => `${o.objectType}\u0000${o.object}`;
  const actual = new Map(owned(ctx.actual).map((o) => [key(o), o]));
  const out: Divergence[] = [];
  for (const e of owned(ctx.expected)) {
    const a = actual.get(key(e));
    if (!a || e.owner === undefined || a.owner === undefined || e.owner === a.owner || !named.has(e.owner)) continue;
    out.push(divergence(ctx, {
      kind: 'owner_mismatch', objectType: e.objectType, object: e.object, table: e.table, expected: `OWNER TO ${e.owner}`, actual: `OWNER TO ${a.owner}`,
      message: `${e.object} is owned by ${a.owner}; canonical: ${e.owner}`,
    }));
  }
  return out;
};
