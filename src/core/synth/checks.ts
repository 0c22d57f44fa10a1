/**
 * What a CHECK constraint allows for one column, read from the definition Postgres prints
 * (`pg_get_constraintdef`, parsed by `pgtext/check`). What cannot be expressed as the rules below
 * is left to the error-guided retry and to seed overrides.
 *
 *   CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'posted'::character varying])::text[])))
 *   CHECK ((((e)::text = 'a'::text) OR ((e)::text = 'b'::text)))
 *   CHECK (((allocation_ratio >= (0)::numeric) AND (allocation_ratio <= (1)::numeric)))
 *   CHECK ((amount_cents > 0))          CHECK ((char_length((currency)::text) = 3))
 *   CHECK (((currency)::text ~ '^[A-Z]{3}$'::text))
 */
import { columnOf, conjuncts, constantOf, disjuncts, inList, isNullTest, parseCheckDefinition, type Expr } from '../pgtext';

export interface ColumnRules {
  /** Allowed values from `= ANY (ARRAY[…])` or `col = 'x'` equalities; null when unrestricted. */
  allowed: string[] | null;
  /** Lower bound and whether it is inclusive. */
  min: { value: number; inclusive: boolean } | null;
  max: { value: number; inclusive: boolean } | null;
  /** Length bounds from `char_length(col)` / `length(col)` comparisons. */
  minLength: number | null;
  maxLength: number | null;
  /** POSIX regexes the value must match (`~`, case-insensitive when `~*`). */
  patterns: { regex: string; caseInsensitive: boolean }[];
}

export function emptyRules(): ColumnRules {
  return { allowed: null, min: null, max: null, minLength: null, maxLength: null, patterns: [] };
}

/** Read every rule about `column` from the CHECK definitions given (table CHECKs or a domain's, with `VALUE`). */
export function rulesFor(column: string, definitions: string[]): ColumnRules {
  const rules = emptyRules();
  for (const def of definitions) {
    const parsed = parseCheckDefinition(def);
    if (parsed) constrainAll(rules, column, parsed.expr);
  }
  return rules;
}

function constrainAll(rules: ColumnRules, column: string, e: Expr): void {
  for (const c of conjuncts(e)) constrain(rules, column, c);
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const LENGTH_FUNCTIONS = new Set(['char_length', 'character_length', 'length', 'pg_catalog.char_length', 'pg_catalog.length']);
const FLIP: Record<string, string> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', '=': '=' };

/** One conjunct. Disjunctions bind the column only when every branch is a value list on it (or `IS NULL`). */
function constrain(rules: ColumnRules, column: string, e: Expr): void {
  if (e.k === 'or') {
    // A generated value is never NULL, so `col IS NULL OR x` asks exactly x of it.
    const rest = disjuncts(e).filter((d) => isNullTest(d) !== column);
    if (rest.length === 1) { constrainAll(rules, column, rest[0]); return; }
    const lists = rest.map(inList);
    if (rest.length > 0 && lists.every((l) => l !== null && l.column === column)) {
      const union: string[] = [];
      for (const l of lists) for (const v of l!.values) if (!union.includes(v)) union.push(v);
      rules.allowed = intersect(rules.allowed, union);
    }
    return;
  }
  const list = inList(e);
  if (list) {
    if (list.column === column) rules.allowed = intersect(rules.allowed, list.values);
    return;
  }
  if (e.k !== 'op') return;
  if ((e.op === '~' || e.op === '~*') && columnOf(e.left) === column) {
    const regex = constantOf(e.right);
    if (regex !== null) rules.patterns.push({ regex, caseInsensitive: e.op === '~*' });
    return;
  }
  if (!(e.op in FLIP)) return;
  for (const [side, other, op] of [[e.left, e.right, e.op], [e.right, e.left, FLIP[e.op]]] as const) {
    const value = constantOf(other);
    if (value === null || !NUMBER.test(value)) continue;
    if (columnOf(side) === column && op !== '=') bound(rules, op, Number(value));
    if (side.k === 'call' && LENGTH_FUNCTIONS.has(side.name) && side.args.length === 1 && columnOf(side.args[0]) === column) length(rules, op, Number(value));
  }
}

function length(rules: ColumnRules, op: string, n: number): void {
  if (op === '=' || op === '>=') rules.minLength = Math.max(rules.minLength ?? 0, n);
  if (op === '>') rules.minLength = Math.max(rules.minLength ?? 0, n + 1);
  if (op === '=' || op === '<=') rules.maxLength = Math.min(rules.maxLength ?? Infinity, n);
  if (op === '<') rules.maxLength = Math.min(rules.maxLength ?? Infinity, n - 1);
}

function intersect(prev: string[] | null, next: string[]): string[] {
  return prev === null ? next : prev.filter((v) => next.includes(v));
}

function bound(rules: ColumnRules, op: string, value: number): void {
  if (op === '>=' || op === '>') {
    const inclusive = op === '>=';
    if (!rules.min || value > rules.min.value || (value === rules.min.value && !inclusive)) rules.min = { value, inclusive };
  } else {
    const inclusive = op === '<=';
    if (!rules.max || value < rules.max.value || (value === rules.max.value && !inclusive)) rules.max = { value, inclusive };
  }
}
