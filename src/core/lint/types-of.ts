/**
 * Character-type lengths, for narrowing checks: a type as the parser gives it (`varchar`, mods
 * [10]) or as the catalog prints it (`character varying(255)`, `text`). Infinity = unbounded.
 */
export function charLength(type: string): number | null {
  const t = type.trim().toLowerCase();
  if (t === 'text' || t === 'varchar' || t === 'character varying' || t === 'citext') return Infinity;
  const m = /^(?:varchar|character varying|char|character|bpchar)\s*\(\s*(\d+)\s*\)$/.exec(t);
  if (m) return Number(m[1]);
  if (t === 'char' || t === 'character' || t === 'bpchar') return 1;
  return null;
}

/** Integer widths in bytes (`int2` < `int4` < `int8`), for integer narrowing. */
export function intWidth(type: string): number | null {
  const t = type.trim().toLowerCase();
  if (['smallint', 'int2'].includes(t)) return 2;
  if (['integer', 'int', 'int4'].includes(t)) return 4;
  if (['bigint', 'int8'].includes(t)) return 8;
  return null;
}

/** A parser TypeName summary as text (`varchar(10)`). */
export const typeText = (t: { name: string; mods: number[] }) => (t.mods.length ? `${t.name}(${t.mods.join(',')})` : t.name);
