/**
 * The one CHECK reader (src/core/pgtext/check) on CHECKs as a real PostgreSQL 15 prints them, and
 * the two readings built on it: the dictionary's allowed values and the synthesiser's column rules.
 * Every printed form is also parsed by PostgreSQL's own grammar (libpg-query) and the trees must agree.
 */
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedValues } from '../../src/core/dictionary/check-values';
import { parseCheckDefinition, parseExpr, type Expr } from '../../src/core/pgtext';
import { rulesFor, type ColumnRules } from '../../src/core/synth/checks';
import { PRINTED_CHECKS } from './printed-checks';

type Allowed = { values: string[]; allowsNull: boolean } | null;
type Rules = Partial<ColumnRules>;
const R = (r: Rules): Rules => r;
const NONE: Rules = { allowed: null, min: null, max: null, minLength: null, maxLength: null, patterns: [] };

/** column → [dictionary allowed values, synthesiser rules] */
const EXPECTED: Record<string, [Allowed, Rules]> = {
  VALUE: [null, {}], // three domain checks, asserted one by one below
  'Weird Col': [{ values: ['A', 'B'], allowsNull: false }, R({ allowed: ['A', 'B'] })],
  a: [{ values: ['x', 'y', "it's"], allowsNull: false }, R({ allowed: ['x', 'y', "it's"] })],
  aa: [null, NONE],
  ab: [null, NONE], // a timestamp bound is not a numeric bound
  ac: [{ values: ['m', 'n'], allowsNull: false }, R({ allowed: ['m', 'n'] })],
  ad: [null, R({ min: { value: 0, inclusive: true }, max: { value: 1e10, inclusive: true } })],
  ae: [{ values: ['a', 'b', 'c'], allowsNull: false }, R({ allowed: ['a', 'b', 'c'] })],
  af: [null, R({ allowed: ['a', 'b'] })],
  ag: [null, NONE], // outside a range: not expressible as min/max
  ak: [{ values: ['x', 'y'], allowsNull: false }, R({ allowed: ['x', 'y'] })],
  al: [null, NONE],
  am: [null, R({ min: { value: 1, inclusive: true }, max: { value: 5, inclusive: true } })],
  an: [null, NONE],
  ao: [null, R({ minLength: 2, maxLength: null })],
  ap: [{ values: ['x'], allowsNull: false }, R({ allowed: ['x'] })],
  aq: [null, NONE],
  ar: [null, R({ min: { value: 0, inclusive: false } })],
  au: [{ values: ['x', 'y'], allowsNull: true }, R({ allowed: ['x', 'y'] })],
  b: [{ values: ['pending', 'in_progress'], allowsNull: false }, R({ allowed: ['pending', 'in_progress'] })],
  c: [{ values: ['1', '2', '3'], allowsNull: false }, R({ allowed: ['1', '2', '3'] })],
  q: [null, NONE],
  d: [{ values: ['only'], allowsNull: false }, R({ allowed: ['only'] })],
  e: [{ values: ['a', 'b'], allowsNull: false }, R({ allowed: ['a', 'b'] })],
  f: [{ values: ['p', 'q'], allowsNull: true }, R({ allowed: ['p', 'q'] })],
  g: [null, R({ min: { value: 0, inclusive: true }, max: { value: 1, inclusive: true } })],
  h: [null, R({ min: { value: 0, inclusive: true }, max: { value: 100, inclusive: true } })],
  i: [null, R({ min: { value: 0, inclusive: false }, max: null })],
  j: [null, R({ minLength: 3, maxLength: 3 })],
  k: [null, R({ patterns: [{ regex: '^[A-Z]{3}$', caseInsensitive: false }] })],
  l: [null, R({ patterns: [{ regex: '^abc', caseInsensitive: true }] })],
  m: [null, R({ minLength: 1, maxLength: 10 })],
  n: [null, R({ min: { value: -1.5, inclusive: true }, max: { value: 2.5, inclusive: false } })],
  o: [null, R({ min: { value: 0, inclusive: false } })],
  p: [null, NONE], // lower(p): a function of the column, not the column
  s: [null, NONE],
  select: [{ values: ['s1', 's2'], allowsNull: false }, R({ allowed: ['s1', 's2'] })],
  u: [null, NONE], // CASE is outside the grammar: no rule rather than a guess
  v: [null, NONE],
  w: [null, NONE],
  x: [{ values: ['a', 'b'], allowsNull: true }, R({ allowed: ['a', 'b'] })],
  y: [{ values: ['-1', '0', '1'], allowsNull: false }, R({ allowed: ['-1', '0', '1'] })],
  z: [{ values: ['a'], allowsNull: false }, R({ allowed: ['a'] })],
};

describe('CHECK definitions printed by PostgreSQL 15', () => {
  it('every recorded column has an expectation', () => {
    expect(new Set(PRINTED_CHECKS.map((c) => c.column))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(PRINTED_CHECKS.filter((c) => c.column !== 'VALUE'))('$source', ({ printed, column }) => {
    const [allowed, rules] = EXPECTED[column];
    expect(parseAllowedValues(printed)).toEqual(allowed && { column, ...allowed });
    expect(rulesFor(column, [printed])).toMatchObject(rules);
    // Rules about one column never leak onto another.
    expect(rulesFor('no_such_column', [printed])).toEqual(NONE);
  });

  it('reads domain CHECKs on VALUE', () => {
    const [regex, list, positive] = PRINTED_CHECKS.filter((c) => c.column === 'VALUE').map((c) => c.printed);
    expect(rulesFor('VALUE', [regex]).patterns).toEqual([{ regex: '^[A-Z]{3}$', caseInsensitive: false }]);
    expect(parseAllowedValues(list)).toEqual({ column: 'VALUE', values: ['happy', 'sad'], allowsNull: false });
    expect(rulesFor('VALUE', [positive]).min).toEqual({ value: 0, inclusive: false });
  });

  it('combines several CHECKs on one column', () => {
    const defs = ['CHECK ((h >= 0))', 'CHECK ((h <= 100))', "CHECK ((h = ANY (ARRAY[5, 500])))"];
    expect(rulesFor('h', defs)).toMatchObject({ min: { value: 0, inclusive: true }, max: { value: 100, inclusive: true }, allowed: ['5', '500'] });
  });

  it('marks NOT VALID and rejects what is not a CHECK', () => {
    expect(parseCheckDefinition("CHECK ((z = 'a'::text)) NOT VALID")?.notValid).toBe(true);
    expect(parseCheckDefinition('CHECK ((i > 0))')?.notValid).toBe(false);
    expect(parseCheckDefinition('UNIQUE (a)')).toBeNull();
    expect(parseExpr("(a = 'unterminated)")).toBeNull();
    expect(parseExpr('a = ')).toBeNull();
    expect(parseExpr('(a, b) = (1, 2)')).toBeNull();
    expect(parseExpr('a OPERATOR(public.===) b')).toBeNull();
  });
});

/** libpg-query's raw parse tree → the same Expr shape (type names dropped: the raw tree has pg_catalog.int4 where Postgres printed integer). */
function fromPg(node: Record<string, any>): Expr {
  const [kind, n] = Object.entries(node)[0] as [string, any];
  const str = (x: any) => x.String.sval as string;
  switch (kind) {
    case 'ColumnRef': return { k: 'col', name: n.fields.map(str).join('.') };
    case 'A_Const':
      if (n.isnull) return { k: 'null' };
      if (n.sval) return { k: 'const', value: n.sval.sval ?? '', quoted: true };
      if (n.ival) return { k: 'const', value: String(n.ival.ival ?? 0), quoted: false };
      if (n.fval) return { k: 'const', value: n.fval.fval, quoted: false };
      if (n.boolval) return { k: 'bool', value: !!n.boolval.boolval };
      throw new Error(`A_Const ${JSON.stringify(n)}`);
    case 'TypeCast': return { k: 'cast', expr: fromPg(n.arg), type: '' };
    case 'A_ArrayExpr': return { k: 'array', items: (n.elements ?? []).map(fromPg) };
    case 'FuncCall': return { k: 'call', name: n.funcname.map(str).join('.'), args: (n.args ?? []).map(fromPg) };
    case 'NullTest': return { k: 'isnull', expr: fromPg(n.arg), not: n.nulltesttype === 'IS_NOT_NULL' };
    case 'BoolExpr': {
      const args = n.args.map(fromPg) as Expr[];
      if (n.boolop === 'NOT_EXPR') return { k: 'not', expr: args[0] };
      const k = n.boolop === 'AND_EXPR' ? 'and' : 'or';
      return { k, args: args.flatMap((a) => (a.k === k ? (a as { args: Expr[] }).args : [a])) };
    }
    case 'A_Expr': {
      const op = n.name.map(str).join('.');
      if (n.kind === 'AEXPR_OP_ANY' || n.kind === 'AEXPR_OP_ALL') return { k: 'quant', op, quant: n.kind === 'AEXPR_OP_ANY' ? 'ANY' : 'ALL', left: fromPg(n.lexpr), right: fromPg(n.rexpr) };
      if (n.kind === 'AEXPR_OP' && n.lexpr) return { k: 'op', op, left: fromPg(n.lexpr), right: fromPg(n.rexpr) };
      if (n.kind === 'AEXPR_OP') return { k: 'prefix', op, expr: fromPg(n.rexpr) };
      throw new Error(`A_Expr ${n.kind}`);
    }
    default: throw new Error(`unmapped ${kind}`);
  }
}

/** Our tree with type names blanked and `VALUE` lower-cased, as the raw parse tree has them. */
function comparable(e: Expr): Expr {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'type' ? '' : k === 'name' && v === 'VALUE' ? 'value' : v)));
}

describe('the CHECK reader agrees with PostgreSQL\'s grammar (libpg-query)', () => {
  beforeAll(async () => { await loadModule(); });

  it.each(PRINTED_CHECKS.filter((c) => c.column !== 'u'))('$printed', ({ printed }) => {
    const body = /^CHECK \(([\s\S]*)\)(?: NOT VALID)?$/.exec(printed)![1];
    const ours = parseExpr(body);
    expect(ours).not.toBeNull();
    const where = (parseSync(`SELECT WHERE ${body}`).stmts as any)[0].stmt;
    expect(comparable(ours!)).toEqual(fromPg(where.SelectStmt.whereClause));
  });

  it('and both see CASE', () => {
    const c = PRINTED_CHECKS.find((x) => x.column === 'u')!;
    expect(parseCheckDefinition(c.printed)).toBeNull();
    expect(JSON.stringify(parseSync(`SELECT WHERE ${/^CHECK \(([\s\S]*)\)$/.exec(c.printed)![1]}`))).toContain('CaseExpr');
  });
});
