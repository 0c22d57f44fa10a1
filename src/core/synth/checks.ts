/**
 * What a CHECK constraint allows for one column, read from the definition Postgres prints
 * (`pg_get_constraintdef`). Only the shapes Postgres actually prints for the common cases
 * are recognised; anything else is left to the error-guided retry and to seed overrides.
 *
 *   CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'posted'::character varying])::text[])))
 *   CHECK ((channel = ANY (ARRAY['google_search'::text, 'direct'::text])))
 *   CHECK (((allocation_ratio >= (0)::numeric) AND (allocation_ratio <= (1)::numeric)))
 *   CHECK ((amount_cents > 0))          CHECK ((char_length((currency)::text) = 3))
 *   CHECK (((currency)::text ~ '^[A-Z]{3}$'::text))
 */
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

const LIT = String.raw`'((?:[^']|'')*)'`;
const unq = (s: string) => s.replace(/''/g, "'");
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `col`, `(col)`, `(col)::text`, `((col)::text)` — the column reference as printed. */
function colRef(col: string): string {
  const c = `(?:${esc(col)}|"${esc(col)}")`;
  return String.raw`\(*${c}\)*(?:::[a-z ]+(?:\([0-9, ]+\))?(?:\[\])?\)*)?`;
}

/** Read every rule about `column` from the CHECK definitions given (table CHECKs or a domain's, with `VALUE`). */
export function rulesFor(column: string, definitions: string[]): ColumnRules {
  const rules = emptyRules();
  const ref = colRef(column);
  for (const def of definitions) {
    // Conditional constraints (`a IS NULL OR …`, `CASE`) are not bounds on the column.
    if (/\bOR\b/.test(def) && !/=\s*ANY/.test(def) && !new RegExp(`${ref}\\s*=\\s*${LIT}`).test(def)) continue;
    if (/\bCASE\b/.test(def)) continue;
    // IN-lists: `col = ANY (ARRAY[...])`
    const anyRe = new RegExp(`${ref}\\s*=\\s*ANY\\s*\\(+ARRAY\\[([^\\]]*)\\]`, 'g');
    for (const m of def.matchAll(anyRe)) {
      const vals = [...m[1].matchAll(new RegExp(LIT, 'g'))].map((x) => unq(x[1]));
      const nums = vals.length ? vals : [...m[1].matchAll(/(-?\d+(?:\.\d+)?)/g)].map((x) => x[1]);
      rules.allowed = intersect(rules.allowed, nums);
    }
    // Equalities joined by OR: `((col)::text = 'a'::text) OR ((col)::text = 'b'::text)`
    const eqRe = new RegExp(`${ref}\\s*=\\s*${LIT}`, 'g');
    const eqs = [...def.matchAll(eqRe)].map((m) => unq(m[1]));
    if (eqs.length) rules.allowed = intersect(rules.allowed, eqs);
    // Numeric comparisons, either side.
    const num = String.raw`\(*'?(-?\d+(?:\.\d+)?)'?\)*(?:::[a-z ]+(?:\([0-9, ]+\))?\)*)?`;
    for (const m of def.matchAll(new RegExp(`${ref}\\s*(>=|>|<=|<)\\s*${num}`, 'g'))) bound(rules, m[1], Number(m[2]));
    for (const m of def.matchAll(new RegExp(`${num}\\s*(>=|>|<=|<)\\s*${ref}`, 'g'))) bound(rules, flip(m[2]), Number(m[1]));
    // Length comparisons.
    const lenRe = new RegExp(`(?:char_length|length|character_length)\\(${ref}\\)\\s*(>=|>|<=|<|=)\\s*\\(*(\\d+)`, 'g');
    for (const m of def.matchAll(lenRe)) {
      const n = Number(m[2]);
      if (m[1] === '=' || m[1] === '>=') rules.minLength = Math.max(rules.minLength ?? 0, n);
      if (m[1] === '>') rules.minLength = Math.max(rules.minLength ?? 0, n + 1);
      if (m[1] === '=' || m[1] === '<=') rules.maxLength = Math.min(rules.maxLength ?? Infinity, n);
      if (m[1] === '<') rules.maxLength = Math.min(rules.maxLength ?? Infinity, n - 1);
    }
    // Regex matches.
    for (const m of def.matchAll(new RegExp(`${ref}\\s*(~\\*?)\\s*${LIT}`, 'g'))) {
      rules.patterns.push({ regex: unq(m[2]), caseInsensitive: m[1] === '~*' });
    }
  }
  return rules;
}

function intersect(prev: string[] | null, next: string[]): string[] {
  return prev === null ? next : prev.filter((v) => next.includes(v));
}

function flip(op: string): string {
  return ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[op] ?? op;
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
