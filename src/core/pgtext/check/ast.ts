/**
 * The expression tree of a CHECK constraint as `pg_get_constraintdef` prints it. Names are
 * catalog names (quotes removed, bare words folded to lower case); casts are kept so a reader can
 * tell `(d)::text` from `d`, and `pgtext/check/read.ts` strips them where values are what matter.
 */
export type Expr =
  /** A column reference, or `VALUE` in a domain's CHECK (name `VALUE`). */
  | { k: 'col'; name: string }
  /** A string or numeric constant: `'it''s'` → `it's`, `42`, `2.5`. */
  | { k: 'const'; value: string; quoted: boolean }
  | { k: 'null' }
  | { k: 'bool'; value: boolean }
  /** `ARRAY[a, b]`. (An array literal `'{a,b}'::text[]` is a cast of a string constant.) */
  | { k: 'array'; items: Expr[] }
  /** `expr::type`, type as printed (`character varying(20)`, `text[]`, `public.mood`). */
  | { k: 'cast'; expr: Expr; type: string }
  /** A binary operator: `=`, `<>`, `<`, `>=`, `~`, `~*`, `~~` (LIKE), `||`, … */
  | { k: 'op'; op: string; left: Expr; right: Expr }
  /** A prefix operator, e.g. `-x`. */
  | { k: 'prefix'; op: string; expr: Expr }
  /** `left op ANY (right)` / `left op ALL (right)`: IN and NOT IN print this way. */
  | { k: 'quant'; op: string; quant: 'ANY' | 'ALL'; left: Expr; right: Expr }
  | { k: 'and'; args: Expr[] }
  | { k: 'or'; args: Expr[] }
  | { k: 'not'; expr: Expr }
  /** `expr IS [NOT] NULL`. */
  | { k: 'isnull'; expr: Expr; not: boolean }
  /** `f(a, b)`, name as printed (may be qualified, e.g. `public.f`). */
  | { k: 'call'; name: string; args: Expr[] };
