import { as, columnRefName, numericConst, strings, type AstNode } from '../ast';
import type { LintRule } from '../types';

const RATIO = /(^|_)(ratio|fraction|share|probability|confidence(_score)?|weight)(_|$)/;

/** Bounds a CHECK puts on `column`: `c >= 0 AND c <= 1`, `c BETWEEN 0 AND 1`, nested in ANDs. */
export function boundsOf(expr: AstNode, column: string): { lo: number | null; hi: number | null } {
  const out = { lo: null as number | null, hi: null as number | null };
  const visit = (e: AstNode) => {
    const b = as(e, 'BoolExpr');
    if (b && b.boolop === 'AND_EXPR') return (b.args ?? []).forEach(visit);
    const a = as(e, 'A_Expr');
    if (!a) return;
    if (a.kind === 'AEXPR_BETWEEN' && columnRefName(a.lexpr) === column) {
      const [lo, hi] = (as(a.rexpr, 'List')?.items ?? []).map(numericConst);
      if (lo !== null && lo !== undefined) out.lo = lo;
      if (hi !== null && hi !== undefined) out.hi = hi;
      return;
    }
    if (a.kind !== 'AEXPR_OP') return;
    let op = strings(a.name)[0];
    let value = numericConst(a.rexpr);
    if (columnRefName(a.lexpr) !== column) {
      if (columnRefName(a.rexpr) !== column) return;
      value = numericConst(a.lexpr);
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    }
    if (value === null) return;
    if (op === '>=' || op === '>') out.lo = value;
    if (op === '<=' || op === '<') out.hi = value;
  };
  visit(expr);
  return out;
}

/** Seed 002 §4A (allocation_ratio): ratios are bounded to [0, 1] by a CHECK. */
export const rule: LintRule = {
  id: 'require_ratio_bounds',
  description: 'A ratio column (ratio, fraction, share, probability, confidence, weight) has a CHECK bounding it to 0–1.',
  severity: 'warning',
  source: 'seed 002 §4A (allocation_ratio CHECK 0–1)',
  help: 'Add `CHECK (<col> >= 0 AND <col> <= 1)` (or `BETWEEN 0 AND 1`).',
  problem: 'An unbounded ratio accepts 1.5 or -0.2; allocations then sum to more (or less) than the revenue they split, and the error surfaces far from its cause.',
  solution: 'Bound the column with a CHECK in the statement that creates it.',
  check(ctx) {
    return ctx.facts.columns
      .filter((c) => RATIO.test(c.name) && !/^(int|bool|text|varchar|uuid)/.test(c.type.name))
      .filter((c) => {
        const checks = ctx.facts.checks.filter((k) => k.table === c.table);
        const b = checks.map((k) => boundsOf(k.expr, c.name));
        const lo = b.some((x) => x.lo !== null && x.lo >= 0);
        const hi = b.some((x) => x.hi !== null && x.hi <= 1);
        return !(lo && hi);
      })
      .map((c) => ({ statement: c.statement, offset: c.offset, message: `ratio column ${c.table}.${c.name} has no CHECK bounding it to 0–1` }));
  },
};
