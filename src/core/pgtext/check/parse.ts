/**
 * One reader for CHECK expressions as Postgres prints them (`pg_get_constraintdef`,
 * `pg_get_expr`), e.g.
 *   CHECK (((b)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying])::text[])))
 *   CHECK ((((e)::text = 'a'::text) OR ((e)::text = 'b'::text)))
 *   CHECK (((g >= (0)::numeric) AND (g <= (1)::numeric)))       -- g BETWEEN 0 AND 1
 *   CHECK ((y = ANY (ARRAY[('-1'::integer)::bigint, (0)::bigint, (1)::bigint])))
 *   CHECK ((VALUE ~ '^[A-Z]{3}$'::text))                          -- a domain's CHECK
 *
 * Why a hand-written parser and not libpg-query's parse tree: the input is not arbitrary SQL but
 * ruleutils.c's deparse of an already-analysed expression — fully parenthesised, IN/BETWEEN/LIKE
 * already rewritten to `= ANY`, `>= AND <=`, `~~` — so a precedence-climbing parser over it is
 * ~200 lines, synchronous, and costs nothing to load, where the WASM parser is 1.7 MB to ship to
 * the browser worker and the CLI bundle and async to initialise for callers that are synchronous
 * (the dictionary build, the row synthesiser). test/pgtext/check.test.ts keeps it honest:
 * every printed form in its table (taken from a real PostgreSQL 15) is also parsed by libpg-query
 * and the two trees must agree.
 *
 * Constructs outside the printed expression grammar the engine reasons about (CASE, sub-selects,
 * `OPERATOR(schema.op)`, subscripts, row constructors) make `parseExpr` return null: callers
 * treat "not understood" as "no rule", never as a guess.
 */
import type { Expr } from './ast';
import { tokenize, type Tok } from './tokenize';

export type { Expr } from './ast';

export interface CheckDefinition {
  expr: Expr;
  /** `… NOT VALID`: the constraint is not enforced on existing rows. */
  notValid: boolean;
}

/** `CHECK (…) [NO INHERIT] [NOT VALID]` as pg_get_constraintdef prints it → its expression, or null. */
export function parseCheckDefinition(definition: string): CheckDefinition | null {
  const m = /^\s*CHECK\s*\(([\s\S]*)\)((?:\s+NO\s+INHERIT)?)((?:\s+NOT\s+VALID)?)\s*$/i.exec(definition);
  if (!m) return null;
  const expr = parseExpr(m[1]);
  return expr ? { expr, notValid: m[3].trim() !== '' } : null;
}

/** An expression as Postgres prints it → its tree, or null when it is outside the supported grammar. */
export function parseExpr(text: string): Expr | null {
  const toks = tokenize(text);
  if (!toks || toks.length === 0) return null;
  try {
    const p = new Parser(toks);
    const e = p.expr();
    return p.done() ? e : null;
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

class Unsupported extends Error {}

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/', '%']);
/** Words that end a type name after `::` (the next token belongs to the enclosing expression). */
const TYPE_STOP = new Set(['and', 'or', 'is', 'isnull', 'notnull', 'not', 'collate', 'then', 'else', 'end', 'when', 'any', 'all', 'some', 'from', 'as', 'like', 'ilike', 'similar', 'in', 'between', 'at']);
/** Reserved words that cannot start a column reference or call in a printed expression. */
const NOT_A_NAME = new Set(['case', 'select', 'exists', 'array', 'row', 'not', 'and', 'or', 'is', 'in', 'between', 'like', 'ilike', 'similar', 'when', 'then', 'else', 'end', 'any', 'all', 'some', 'from', 'cast', 'collate', 'operator', 'interval', 'extract', 'overlay', 'position', 'substring', 'trim', 'treat', 'xmlelement']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  done(): boolean { return this.i === this.toks.length; }
  private peek(off = 0): Tok | undefined { return this.toks[this.i + off]; }
  private isP(v: string, off = 0): boolean { const t = this.peek(off); return !!t && t.t === 'p' && t.v === v; }
  private isOp(off = 0): string | null { const t = this.peek(off); return t && t.t === 'op' ? t.v : null; }
  /** An unquoted keyword (case-insensitive). */
  private isKw(v: string, off = 0): boolean { const t = this.peek(off); return !!t && t.t === 'id' && !t.quoted && t.v.toLowerCase() === v; }
  private expectP(v: string): void { if (!this.isP(v)) throw new Unsupported(`expected ${v}`); this.i++; }

  expr(): Expr { return this.or(); }

  private or(): Expr {
    const args = [this.and()];
    while (this.isKw('or')) { this.i++; args.push(this.and()); }
    return args.length === 1 ? args[0] : { k: 'or', args: args.flatMap((a) => (a.k === 'or' ? a.args : [a])) };
  }

  private and(): Expr {
    const args = [this.not()];
    while (this.isKw('and')) { this.i++; args.push(this.not()); }
    return args.length === 1 ? args[0] : { k: 'and', args: args.flatMap((a) => (a.k === 'and' ? a.args : [a])) };
  }

  private not(): Expr {
    if (this.isKw('not')) { this.i++; return { k: 'not', expr: this.not() }; }
    return this.is();
  }

  private is(): Expr {
    let e = this.comparison();
    for (;;) {
      if (this.isKw('is') && this.isKw('null', 1)) { this.i += 2; e = { k: 'isnull', expr: e, not: false }; continue; }
      if (this.isKw('is') && this.isKw('not', 1) && this.isKw('null', 2)) { this.i += 3; e = { k: 'isnull', expr: e, not: true }; continue; }
      if (this.isKw('isnull')) { this.i++; e = { k: 'isnull', expr: e, not: false }; continue; }
      if (this.isKw('notnull')) { this.i++; e = { k: 'isnull', expr: e, not: true }; continue; }
      if (this.isKw('is')) throw new Unsupported('IS [NOT] TRUE/DISTINCT FROM');
      return e;
    }
  }

  private comparison(): Expr {
    const left = this.other();
    const op = this.isOp();
    if (op && COMPARISON.has(op)) {
      this.i++;
      return this.quantified(op, left) ?? { k: 'op', op, left, right: this.other() };
    }
    return left;
  }

  /** `op ANY (…)` / `op ALL (…)` after the left operand and operator, or null. */
  private quantified(op: string, left: Expr): Expr | null {
    for (const q of ['any', 'some', 'all'] as const) {
      if (this.isKw(q) && this.isP('(', 1)) {
        this.i += 2;
        const right = this.expr();
        this.expectP(')');
        return { k: 'quant', op, quant: q === 'all' ? 'ALL' : 'ANY', left, right };
      }
    }
    return null;
  }

  /** Any other operator (`~`, `~~`, `||`, `@>` …): one precedence level above comparison, as in gram.y. */
  private other(): Expr {
    let left = this.additive();
    for (;;) {
      const op = this.isOp();
      if (!op || COMPARISON.has(op) || ADDITIVE.has(op) || MULTIPLICATIVE.has(op)) return left;
      this.i++;
      left = this.quantified(op, left) ?? { k: 'op', op, left, right: this.additive() };
    }
  }

  private additive(): Expr { return this.leftAssoc(ADDITIVE, () => this.multiplicative()); }
  private multiplicative(): Expr { return this.leftAssoc(MULTIPLICATIVE, () => this.unary()); }

  /** `a op b op c` for the operators of one precedence level, left-associative. */
  private leftAssoc(ops: Set<string>, operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.isOp(); op && ops.has(op); op = this.isOp()) {
      this.i++;
      left = { k: 'op', op, left, right: operand() };
    }
    return left;
  }

  private unary(): Expr {
    const op = this.isOp();
    if (op === '-' || op === '+') {
      this.i++;
      const t = this.peek();
      if (op === '-' && t?.t === 'num') { this.i++; return this.postfix({ k: 'const', value: `-${t.v}`, quoted: false }); }
      return { k: 'prefix', op, expr: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    while (this.isP('::')) { this.i++; e = { k: 'cast', expr: e, type: this.typeName() }; }
    if (this.isP('[')) throw new Unsupported('subscript');
    return e;
  }

  /** A type as format_type prints it: `text`, `character varying(20)`, `timestamp with time zone`, `public.mood`, `text[]`. */
  private typeName(): string {
    const word = (): string => {
      const t = this.peek();
      if (!t || t.t !== 'id') throw new Unsupported('expected a type name');
      this.i++;
      return t.quoted ? `"${t.v.replace(/"/g, '""')}"` : t.v;
    };
    let name = word();
    while (this.isP('.')) { this.i++; name += `.${word()}`; }
    while (this.peek()?.t === 'id' && !(this.peek() as { quoted: boolean }).quoted && !TYPE_STOP.has((this.peek() as { v: string }).v.toLowerCase())) name += ` ${word()}`;
    if (this.isP('(')) {
      const args: string[] = [];
      this.i++;
      while (!this.isP(')')) {
        const t = this.peek();
        if (!t || (t.t !== 'num' && !(t.t === 'p' && t.v === ','))) throw new Unsupported('type modifier');
        if (t.t === 'num') args.push(t.v);
        this.i++;
      }
      this.i++;
      name += `(${args.join(',')})`;
    }
    while (this.isP('[')) {
      this.i++;
      let dim = '';
      if (this.peek()?.t === 'num') { dim = (this.peek() as { v: string }).v; this.i++; }
      this.expectP(']');
      name += `[${dim}]`;
    }
    return name;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new Unsupported('unexpected end');
    if (t.t === 'p' && t.v === '(') {
      this.i++;
      const e = this.expr();
      if (this.isP(',')) throw new Unsupported('row constructor');
      this.expectP(')');
      return e;
    }
    if (t.t === 'str') { this.i++; return { k: 'const', value: t.v, quoted: true }; }
    if (t.t === 'num') { this.i++; return { k: 'const', value: t.v, quoted: false }; }
    if (t.t !== 'id') throw new Unsupported(`unexpected ${t.v}`);
    if (!t.quoted) {
      const w = t.v.toLowerCase();
      if (w === 'array' && this.isP('[', 1)) {
        this.i += 2;
        const items: Expr[] = [];
        while (!this.isP(']')) {
          items.push(this.expr());
          if (this.isP(',')) this.i++;
          else if (!this.isP(']')) throw new Unsupported('expected , or ]');
        }
        this.i++;
        return { k: 'array', items };
      }
      if (w === 'null') { this.i++; return { k: 'null' }; }
      if (w === 'true' || w === 'false') { this.i++; return { k: 'bool', value: w === 'true' }; }
      if (NOT_A_NAME.has(w)) throw new Unsupported(w);
    }
    // A column, `VALUE`, a qualified name or a function call.
    this.i++;
    const parts = [t.quoted ? t.v : t.v === 'VALUE' ? 'VALUE' : t.v.toLowerCase()];
    while (this.isP('.')) {
      const n = this.peek(1);
      if (!n || n.t !== 'id') throw new Unsupported('qualified name');
      parts.push(n.quoted ? n.v : n.v.toLowerCase());
      this.i += 2;
    }
    if (this.isP('(')) {
      this.i++;
      const args: Expr[] = [];
      if (this.isKw('distinct') || this.isOp() === '*') throw new Unsupported('aggregate');
      while (!this.isP(')')) {
        args.push(this.expr());
        if (this.isP(',')) this.i++;
        else if (!this.isP(')')) throw new Unsupported('expected , or )');
      }
      this.i++;
      return { k: 'call', name: parts.join('.'), args };
    }
    if (parts.length > 1) throw new Unsupported('qualified column reference');
    return { k: 'col', name: parts[0] };
  }
}
