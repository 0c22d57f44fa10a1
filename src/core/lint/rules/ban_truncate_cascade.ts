import { as, rangeVarName, type AstNode } from '../ast';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** TRUNCATE … CASCADE: it also empties every table with a foreign key to the named ones, recursively. */
export const rule: LintRule = {
  id: 'ban_truncate_cascade',
  description: '`TRUNCATE` does not use `CASCADE`.',
  severity: 'error',
  source: 'squawk ban-truncate-cascade; PostgreSQL docs TRUNCATE',
  destructive: true,
  help: 'Name every table to empty in the TRUNCATE (RESTRICT, the default, then refuses if another table still refers to them).',
  problem: 'TRUNCATE … CASCADE also truncates every table that has a foreign key to the named tables, and the tables referring to those, without listing them: one statement can empty far more than the migration\'s author saw.',
  solution: 'List the tables explicitly and keep the default RESTRICT, so PostgreSQL stops when another table still references them. If emptying them all is intended, sign the statement with a CI:DESTRUCTIVE_OK waiver.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, t] of statementsOf(ctx, 'TruncateStmt')) {
      if (t.behavior !== 'DROP_CASCADE') continue;
      const names = (t.relations ?? []).map((r: AstNode) => rangeVarName(as(r, 'RangeVar') ?? undefined));
      out.push({ statement: s, message: `TRUNCATE ${names.join(', ')} CASCADE also empties every table that references ${names.length > 1 ? 'them' : 'it'}` });
    }
    return out;
  },
};
