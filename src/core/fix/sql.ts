/**
 * Identifier and literal text for the SQL the fixer writes. Every identifier goes through
 * `ident` (quoted only when Postgres needs it, as quote_ident does), every string through
 * `literal`. Definitions Postgres printed (pg_get_*def, format_type, pg_get_expr) are used as
 * printed.
 */

/** Keywords quote_ident quotes (reserved, type/function-name and column-name categories of PG15). */
const NEEDS_QUOTES = new Set(`all analyse analyze and any array as asc asymmetric authorization binary both case cast check
collate collation column concurrently constraint create cross current_catalog current_date current_role
current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into is
isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on only
or order outer overlaps placing primary references returning right select session_user similar some symmetric
system_user table tablesample then to trailing true union unique user using variadic verbose when where window
with between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout
int integer interval least national nchar none normalize nullif numeric out overlay position precision real row
setof smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists
xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable json_array json_arrayagg json_object
json_objectagg merge_action`.split(/\s+/));

/** An identifier as quote_ident prints it: bare when lower-case, plain and not a keyword. */
export function ident(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !NEEDS_QUOTES.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export const rel = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

/** A dotted model name (`public.t`, `public.t.c`) back into quoted parts. Model names never hold dots inside parts they print unquoted. */
export const dotted = (qualified: string) => qualified.split('.').map(ident).join('.');

/** A SQL string literal (standard_conforming_strings on). */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A role name in GRANT / policy TO lists: `PUBLIC` (and `public`) stay keywords. */
export const roleName = (name: string) => (name === 'PUBLIC' || name === 'public' ? 'PUBLIC' : ident(name));
