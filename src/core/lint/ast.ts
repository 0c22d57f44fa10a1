/**
 * Small helpers over libpg-query's JSON parse tree (`{ NodeType: { field: … } }`). The tree is
 * PostgreSQL's raw grammar output: names as written (unquoted ones already lower-cased),
 * `location` fields as UTF-8 byte offsets into the statement, absent when the grammar keeps none.
 */
// The tree is untyped JSON to the rules; a precise type per node kind would cost more than it catches.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;

/** `{ A_Const: {...} }` → `['A_Const', {...}]`. */
export function unwrap(node: AstNode | undefined | null): [string, AstNode] | null {
  if (!node || typeof node !== 'object') return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const k = keys[0];
  return /^[A-Z]/.test(k) ? [k, node[k] as AstNode] : null;
}

export const typeOf = (node: AstNode | undefined | null): string | null => unwrap(node)?.[0] ?? null;

/** The inner object when the node has that type, else null. */
export function as(node: AstNode | undefined | null, type: string): AstNode | null {
  const u = unwrap(node);
  return u && u[0] === type ? u[1] : null;
}

/** Every `{ Type: inner }` node below `root` (depth first, root included). */
export function* walk(root: unknown): Generator<[string, AstNode]> {
  if (Array.isArray(root)) {
    for (const x of root) yield* walk(x);
    return;
  }
  if (!root || typeof root !== 'object') return;
  const u = unwrap(root as AstNode);
  if (u) {
    yield u;
    for (const v of Object.values(u[1])) yield* walk(v);
    return;
  }
  for (const v of Object.values(root as AstNode)) yield* walk(v);
}

/** `[{String:{sval:'pg_catalog'}},{String:{sval:'int4'}}]` → `['pg_catalog','int4']`. */
export function strings(list: AstNode[] | undefined): string[] {
  return (list ?? []).map((n) => as(n, 'String')?.sval as string | undefined).filter((s): s is string => s !== undefined);
}

/** A RangeVar as `schema.name` (schema omitted when not written). */
export function rangeVarName(rv: AstNode | undefined): string {
  if (!rv) return '';
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : String(rv.relname ?? '');
}

/** Bare relation name (last part) of a written name, for matching within one file. */
export const bareName = (qualified: string) => qualified.slice(qualified.lastIndexOf('.') + 1);

/** A TypeName as written, normalised: `timestamp`, `timestamptz`, `varchar(10)`, `numeric(12,2)`, `int4[]`. */
export function typeNameOf(tn: AstNode | undefined): { name: string; mods: number[]; array: boolean } {
  const parts = strings(tn?.names);
  const name = parts.length > 1 && parts[0] === 'pg_catalog' ? parts[1] : parts.join('.');
  const mods = (tn?.typmods ?? []).map((m: AstNode) => Number(as(m, 'A_Const')?.ival?.ival ?? NaN)).filter((n: number) => !Number.isNaN(n));
  return { name, mods, array: Array.isArray(tn?.arrayBounds) && tn.arrayBounds.length > 0 };
}

/** Integer or numeric constant value of an expression (`0`, `1.0`, `-1`), else null. */
export function numericConst(node: AstNode | undefined): number | null {
  const c = as(node, 'A_Const');
  if (c) {
    if (c.ival !== undefined) return Number(c.ival.ival ?? 0);
    if (c.fval !== undefined) return Number(c.fval.fval);
    return null;
  }
  const cast = as(node, 'TypeCast');
  if (cast) return numericConst(cast.arg);
  const e = as(node, 'A_Expr');
  if (e && e.kind === 'AEXPR_OP' && strings(e.name)[0] === '-' && !e.lexpr) {
    const v = numericConst(e.rexpr);
    return v === null ? null : -v;
  }
  return null;
}

/** Column name of a ColumnRef (last field), else null. */
export function columnRefName(node: AstNode | undefined): string | null {
  const r = as(node, 'ColumnRef');
  if (!r) return null;
  const f = strings(r.fields);
  return f.length ? f[f.length - 1] : null;
}
