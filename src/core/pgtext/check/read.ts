/**
 * What a CHECK expression says about one column, read off the tree from `parse.ts`.
 * Casts are looked through (`(d)::text` is `d`, `(0)::numeric` is `0`): values are what matter.
 */
import type { Expr } from './ast';

/** The expression without its casts: `((d)::text)::varchar` → `d`. */
export function stripCasts(e: Expr): Expr {
  while (e.k === 'cast') e = e.expr;
  return e;
}

/** The column an operand is (through casts), or null. */
export function columnOf(e: Expr): string | null {
  const s = stripCasts(e);
  return s.k === 'col' ? s.name : null;
}

/** The constant an operand is (through casts): `'a'::text` → `a`, `('-1'::integer)::bigint` → `-1`; else null. */
export function constantOf(e: Expr): string | null {
  const s = stripCasts(e);
  return s.k === 'const' ? s.value : null;
}

/**
 * The constants of an array operand: `ARRAY['a'::text, 'b'::text]`, `(ARRAY[…])::text[]`, or an
 * array literal `'{x,y}'::text[]` (simple elements; quoted elements with `\` escapes). Null when
 * any element is not a constant (or is NULL).
 */
export function arrayConstants(e: Expr): string[] | null {
  const s = stripCasts(e);
  if (s.k === 'array') {
    const out: string[] = [];
    for (const item of s.items) {
      const v = constantOf(item);
      if (v === null) return null;
      out.push(v);
    }
    return out;
  }
  if (s.k === 'const' && s.quoted && e.k === 'cast' && /\[\d*\]$/.test(e.type)) return parseArrayLiteral(s.value);
  return null;
}

/** A one-dimensional array literal `{a,"b c",d}` → elements; null for NULL elements, nesting or bad text. */
export function parseArrayLiteral(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  const body = t.slice(1, -1);
  if (body.trim() === '') return [];
  const out: string[] = [];
  let i = 0;
  while (i <= body.length) {
    while (body[i] === ' ') i++;
    let v = '';
    if (body[i] === '"') {
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i++] ?? '';
      }
      if (body[i] !== '"') return null;
      i++;
      while (body[i] === ' ') i++;
    } else {
      while (i < body.length && body[i] !== ',') {
        if (body[i] === '{' || body[i] === '"') return null;
        if (body[i] === '\\') i++;
        v += body[i++] ?? '';
      }
      v = v.trim();
      if (v.toUpperCase() === 'NULL') return null;
    }
    out.push(v);
    if (i >= body.length) break;
    if (body[i] !== ',') return null;
    i++;
  }
  return out;
}

/** Conjuncts of an expression: `a AND b AND c` → [a, b, c]; anything else → [itself]. */
export function conjuncts(e: Expr): Expr[] {
  return e.k === 'and' ? e.args : [e];
}

/** Disjuncts: `a OR b` → [a, b]; anything else → [itself]. */
export function disjuncts(e: Expr): Expr[] {
  return e.k === 'or' ? e.args : [e];
}

/**
 * The values an equality or IN-list admits for one column: `col = 'x'`, `'x' = col`,
 * `col = ANY (ARRAY[…])`. Null when the expression is not such a list.
 */
export function inList(e: Expr): { column: string; values: string[] } | null {
  if (e.k === 'op' && e.op === '=') {
    for (const [c, v] of [[e.left, e.right], [e.right, e.left]] as const) {
      const column = columnOf(c);
      const value = constantOf(v);
      if (column !== null && value !== null) return { column, values: [value] };
    }
    return null;
  }
  if (e.k === 'quant' && e.op === '=' && e.quant === 'ANY') {
    const column = columnOf(e.left);
    const values = arrayConstants(e.right);
    if (column !== null && values && values.length > 0) return { column, values };
  }
  return null;
}

/** `col IS NULL` → col, else null. */
export function isNullTest(e: Expr): string | null {
  return e.k === 'isnull' && !e.not ? columnOf(e.expr) : null;
}
