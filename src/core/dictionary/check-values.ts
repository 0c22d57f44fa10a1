/**
 * Allowed values of a column, read from a CHECK constraint as Postgres prints it.
 *
 * `CHECK (x IN ('a','b'))` is stored as an `= ANY (ARRAY[…])` expression, and
 * `pg_get_constraintdef` prints it back with casts, e.g.
 *   CHECK (((remediation_status)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying])::text[])))
 *   CHECK ((state = ANY (ARRAY['a'::text, 'b'::text])))
 *   CHECK ((c = ANY (ARRAY[1, 2, 3])))
 *   CHECK (((d)::text = 'only'::text))                       -- IN with one value
 *   CHECK (((e IS NULL) OR (e = ANY (ARRAY['p'::text, 'q'::text]))))
 * This is a tiny tokenizer + parser for exactly that printed subset. Anything else
 * (ranges, functions, several columns) yields null and the dictionary shows the raw definition.
 */

export interface AllowedValues {
  /** The constrained column. */
  column: string;
  /** Literal values in the order the CHECK lists them, unquoted (`'it''s'` → `it's`). */
  values: string[];
  /** The CHECK also admits NULL explicitly (`col IS NULL OR …`). */
  allowsNull: boolean;
}

type Tok =
  | { t: 'str'; v: string }
  | { t: 'num'; v: string }
  | { t: 'id'; v: string }
  | { t: 'p'; v: string }; // punctuation / operator

function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) return null;
        if (src[i] === "'") {
          if (src[i + 1] === "'") { v += "'"; i += 2; continue; }
          i++;
          break;
        }
        v += src[i++];
      }
      out.push({ t: 'str', v });
      continue;
    }
    if (c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) return null;
        if (src[i] === '"') {
          if (src[i + 1] === '"') { v += '"'; i += 2; continue; }
          i++;
          break;
        }
        v += src[i++];
      }
      out.push({ t: 'id', v });
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || out.length === 0 || out[out.length - 1].t === 'p')) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i));
    if (word) { out.push({ t: 'id', v: word[0] }); i += word[0].length; continue; }
    const two = src.slice(i, i + 2);
    if (two === '::' || two === '<>' || two === '>=' || two === '<=' || two === '!=') { out.push({ t: 'p', v: two }); i += 2; continue; }
    if ('()[],=<>+-*/.'.includes(c)) { out.push({ t: 'p', v: c }); i++; continue; }
    return null;
  }
  return out;
}

type Node =
  | { k: 'lit'; v: string }
  | { k: 'col'; name: string }
  | { k: 'arr'; items: Node[] }
  | { k: 'any'; lhs: Node; rhs: Node }
  | { k: 'eq'; lhs: Node; rhs: Node }
  | { k: 'or'; a: Node; b: Node }
  | { k: 'isnull'; x: Node };

/** Recursive descent over the printed subset; throws on anything else. */
class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(off = 0): Tok | undefined { return this.toks[this.i + off]; }
  private isP(v: string, off = 0): boolean { const t = this.peek(off); return !!t && t.t === 'p' && t.v === v; }
  private isKw(v: string, off = 0): boolean { const t = this.peek(off); return !!t && t.t === 'id' && t.v.toUpperCase() === v; }
  private expectP(v: string): void { if (!this.isP(v)) throw new Error(`expected ${v}`); this.i++; }

  parseAll(): Node {
    const n = this.or();
    if (this.i !== this.toks.length) throw new Error('trailing tokens');
    return n;
  }

  private or(): Node {
    let a = this.cmp();
    while (this.isKw('OR')) { this.i++; a = { k: 'or', a, b: this.cmp() }; }
    return a;
  }

  private cmp(): Node {
    const lhs = this.postfix();
    if (this.isKw('IS') && this.isKw('NULL', 1)) { this.i += 2; return { k: 'isnull', x: lhs }; }
    if (this.isP('=')) {
      this.i++;
      if (this.isKw('ANY')) { this.i++; this.expectP('('); const rhs = this.or(); this.expectP(')'); return { k: 'any', lhs, rhs }; }
      return { k: 'eq', lhs, rhs: this.postfix() };
    }
    return lhs;
  }

  /** primary followed by any number of `::type` casts (casts are dropped: values are what matter). */
  private postfix(): Node {
    const n = this.primary();
    while (this.isP('::')) { this.i++; this.typeName(); }
    return n;
  }

  /** e.g. `text`, `character varying(20)`, `timestamp with time zone`, `text[]`, `public.my_enum`. */
  private typeName(): void {
    if (this.peek()?.t !== 'id') throw new Error('expected type name');
    while (this.peek()?.t === 'id' && !this.isKw('OR') && !this.isKw('IS') && !this.isKw('AND')) {
      this.i++;
      if (this.isP('.')) this.i++;
    }
    if (this.isP('(')) { while (!this.isP(')')) { if (!this.peek()) throw new Error('unclosed'); this.i++; } this.i++; }
    while (this.isP('[') && this.isP(']', 1)) this.i += 2;
  }

  private primary(): Node {
    const t = this.peek();
    if (!t) throw new Error('unexpected end');
    if (t.t === 'p' && t.v === '(') { this.i++; const n = this.or(); this.expectP(')'); return n; }
    if (t.t === 'str' || t.t === 'num') { this.i++; return { k: 'lit', v: t.v }; }
    if (t.t === 'id' && t.v.toUpperCase() === 'ARRAY' && this.isP('[', 1)) {
      this.i += 2;
      const items: Node[] = [];
      while (!this.isP(']')) {
        items.push(this.postfix());
        if (this.isP(',')) this.i++;
        else if (!this.isP(']')) throw new Error('expected , or ]');
      }
      this.i++;
      return { k: 'arr', items };
    }
    if (t.t === 'id') {
      if (this.isP('(', 1)) throw new Error('function call'); // e.g. lower(x): not a plain column
      this.i++;
      return { k: 'col', name: t.v };
    }
    throw new Error(`unexpected ${t.v}`);
  }
}

function inList(n: Node): { column: string; values: string[] } | null {
  if (n.k === 'any' && n.lhs.k === 'col' && n.rhs.k === 'arr' && n.rhs.items.length > 0 && n.rhs.items.every((x) => x.k === 'lit')) {
    return { column: n.lhs.name, values: n.rhs.items.map((x) => (x as { v: string }).v) };
  }
  if (n.k === 'eq' && n.lhs.k === 'col' && n.rhs.k === 'lit') return { column: n.lhs.name, values: [n.rhs.v] };
  return null;
}

/** The allowed values a CHECK definition enumerates for one column, or null if it is not an IN-list. */
export function parseAllowedValues(definition: string): AllowedValues | null {
  const m = /^\s*CHECK\s*\(([\s\S]*)\)(\s+NOT\s+VALID)?\s*$/i.exec(definition);
  if (!m) return null;
  const toks = tokenize(m[1]);
  if (!toks) return null;
  let ast: Node;
  try {
    ast = new Parser(toks).parseAll();
  } catch {
    return null;
  }
  const direct = inList(ast);
  if (direct) return { ...direct, allowsNull: false };
  if (ast.k === 'or') {
    for (const [nul, rest] of [[ast.a, ast.b], [ast.b, ast.a]] as const) {
      const list = inList(rest);
      if (nul.k === 'isnull' && nul.x.k === 'col' && list && nul.x.name === list.column) return { ...list, allowsNull: true };
    }
  }
  return null;
}
