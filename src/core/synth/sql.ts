/**
 * SQL text helpers for engine-authored statements. Values are always written as quoted
 * literals (never spliced raw), so the `sql` shown in a report is the statement that ran
 * and can be pasted into psql as-is.
 */

/** Quote an identifier only when Postgres would need it (`tenant_id` stays bare, `Order` → `"Order"`). */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `public.attribution_events` → `public.attribution_events` (each part quoted when needed). */
export function quoteQName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal, `'it''s'`. Null becomes `NULL`. */
export function quoteLiteral(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/** Split `schema.table` (no quoting inside identities: they are printed by Postgres unquoted). */
export function splitQName(qname: string): { schema: string; name: string } {
  const i = qname.indexOf('.');
  return i < 0 ? { schema: 'public', name: qname } : { schema: qname.slice(0, i), name: qname.slice(i + 1) };
}

// Reserved words that commonly appear as column names; quoting extra names is harmless.
const RESERVED = new Set([
  'all', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint',
  'create', 'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user', 'default',
  'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group',
  'having', 'in', 'initially', 'intersect', 'into', 'leading', 'limit', 'localtime', 'localtimestamp', 'not',
  'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select',
  'session_user', 'some', 'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user',
  'using', 'variadic', 'when', 'where', 'window', 'with', 'user',
]);
