import type { SchemaModel } from '../model';

/** Code-point order, never locale order: the same bytes on every machine. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortBy<T>(list: readonly T[], key: (x: T) => string): T[] {
  return list.map((x) => [key(x), x] as const).sort((a, b) => byString(a[0], b[0])).map(([, x]) => x);
}

const sorted = (xs: readonly string[]) => [...xs].sort(byString);
const NUL = '\u0000';

/**
 * Sorts every list of the model deterministically (by schema-qualified identity, then by
 * name), and every set-like string list inside objects (policy roles, trigger events,
 * privilege keywords). Ordered lists keep their meaning: table columns stay in attnum
 * order, index keys and constraint columns in key order, enum labels in sort order.
 * Returns a new model; idempotent.
 */
export function normalizeModel(m: SchemaModel): SchemaModel {
  return {
    schemas: sorted(m.schemas),
    extensions: sortBy(m.extensions, (e) => e.name),
    tables: sortBy(m.tables, (t) => t.schema + NUL + t.name).map((t) => ({
      ...t,
      columns: [...t.columns].sort((a, b) => a.position - b.position || byString(a.name, b.name)),
    })),
    constraints: sortBy(m.constraints, (c) => [c.schema, c.table, c.name].join(NUL)),
    indexes: sortBy(m.indexes, (i) => [i.schema, i.table, i.name].join(NUL)),
    policies: sortBy(m.policies, (p) => [p.schema, p.table, p.name].join(NUL)).map((p) => ({ ...p, roles: sorted(p.roles) })),
    triggers: sortBy(m.triggers, (t) => [t.schema, t.table, t.name].join(NUL)).map((t) => ({ ...t, events: sorted(t.events) })),
    functions: sortBy(m.functions, (f) => [f.schema, f.name, f.identityArgs].join(NUL)),
    views: sortBy(m.views, (v) => v.schema + NUL + v.name),
    sequences: sortBy(m.sequences, (s) => s.schema + NUL + s.name),
    types: sortBy(m.types, (t) => t.schema + NUL + t.name),
    privileges: sortBy(m.privileges, (p) => [p.objectType, p.object, p.grantee].join(NUL)).map((p) => ({
      ...p,
      privileges: sorted(p.privileges),
      grantable: sorted(p.grantable),
    })),
    roles: sortBy(m.roles, (r) => r.name),
    namespaces: sortBy(m.namespaces ?? [], (n) => n.name),
    collations: sortBy(m.collations ?? [], (c) => c.schema + NUL + c.name),
    eventTriggers: sortBy(m.eventTriggers ?? [], (e) => e.name).map((e) => ({ ...e, tags: sorted(e.tags) })),
    rules: sortBy(m.rules ?? [], (r) => [r.schema, r.table, r.name].join(NUL)),
    publications: sortBy(m.publications ?? [], (p) => p.name).map((p) => ({ ...p, actions: sorted(p.actions), tables: sorted(p.tables), schemas: sorted(p.schemas) })),
    foreignServers: sortBy(m.foreignServers ?? [], (f) => f.name),
    foreignDataWrappers: sortBy(m.foreignDataWrappers ?? [], (f) => f.name),
    defaultPrivileges: sortBy(m.defaultPrivileges ?? [], (d) => [d.role, d.schema ?? '', d.objectType, d.grantee].join(NUL)).map((d) => ({ ...d, privileges: sorted(d.privileges) })),
  };
}
