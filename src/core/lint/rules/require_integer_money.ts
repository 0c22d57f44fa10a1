import type { LintRule } from '../types';

/** Column names that hold money (seed 003 §2.1 rule 6 speaks of revenue columns; these are their kin). */
export const MONEY = /(^|_)(revenue|amount|price|cost|fee|fees|balance|total|subtotal|tax|payout|refund|spend|budget|cents|gmv|arpu|ltv)(_|$)/i;
const INEXACT = new Set(['float4', 'float8', 'real', 'double precision', 'float', 'money']);
const DECIMAL = new Set(['numeric', 'decimal']);

/** Seed 003 §2.1 rule 6: money is INTEGER (or BIGINT) cents, never DECIMAL / NUMERIC / FLOAT. */
export const rule: LintRule = {
  id: 'require_integer_money',
  description: 'Money columns are integer cents (integer/bigint), never numeric, decimal, float or money.',
  severity: 'warning',
  source: 'seed 003 §2.1 rule 6, gate 2.1.6',
  help: 'Store cents in `bigint` (or `integer`), e.g. `revenue_cents bigint NOT NULL`.',
  problem: 'Floating point cannot represent cents exactly (0.1 + 0.2 ≠ 0.3), so sums drift; `numeric` is exact but mixes with integer cents elsewhere and invites rounding at every boundary; `money` depends on lc_monetary. Skeldir\'s sum-equality invariants (±1 cent) assume integer cents.',
  solution: 'Use `bigint` (or `integer`) cents, and name the column `…_cents`.',
  check(ctx) {
    return ctx.facts.columns
      .filter((c) => MONEY.test(c.name) && (INEXACT.has(c.type.name) || DECIMAL.has(c.type.name)))
      .map((c) => ({ statement: c.statement, offset: c.offset, message: `money column ${c.table}.${c.name} is ${c.type.name}${c.type.mods.length ? `(${c.type.mods.join(',')})` : ''}, not integer cents` }));
  },
};
