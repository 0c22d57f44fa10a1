/**
 * A smoke test's preconditions, checked against the SchemaModel: `public.t` (table or view),
 * `public.t.c` (a column, or an index / constraint / trigger / policy of that table).
 * A missing one fails the test with the reason (seed 001: the element a phase needs is absent).
 */
import type { SchemaModel } from '../model';

export function missingRequirement(model: SchemaModel, identity: string): string | null {
  const parts = identity.split('.');
  if (parts.length < 2) return `requirement \`${identity}\` is not schema-qualified`;
  const [schema, table, item] = parts;
  const t = model.tables.find((x) => x.schema === schema && x.name === table);
  const v = model.views.find((x) => x.schema === schema && x.name === table);
  if (!t && !v) return `table ${schema}.${table} does not exist`;
  if (item === undefined) return null;
  const cols = t ? t.columns.map((c) => c.name) : v!.columns.map((c) => c.name);
  if (cols.includes(item)) return null;
  const on = (x: { schema: string; table: string; name: string }) => x.schema === schema && x.table === table && x.name === item;
  if (model.indexes.some(on) || model.constraints.some(on) || model.triggers.some(on) || model.policies.some(on)) return null;
  return `${identity} does not exist (no such column, index, constraint, trigger or policy on ${schema}.${table})`;
}
