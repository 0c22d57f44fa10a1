import { as } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/**
 * A CHECK or FOREIGN KEY added to an existing table without NOT VALID, or SET NOT NULL on an
 * existing column: PostgreSQL verifies every row while holding a lock that blocks writes
 * (ACCESS EXCLUSIVE for SET NOT NULL and CHECK; SHARE ROW EXCLUSIVE on both tables for a FK).
 */
export const rule: LintRule = {
  id: 'require_not_valid',
  description: 'CHECK / FOREIGN KEY constraints on existing tables are added NOT VALID, then validated; NOT NULL goes through a validated CHECK.',
  severity: 'warning',
  source: 'squawk constraint-missing-not-valid, adding-not-nullable-field; PostgreSQL docs ALTER TABLE',
  help: 'Add it `NOT VALID`, then `ALTER TABLE … VALIDATE CONSTRAINT …` in a later statement (it takes a lighter lock).',
  problem: 'Adding a CHECK or foreign key validates all existing rows while writes to the table wait; `SET NOT NULL` scans the table under ACCESS EXCLUSIVE. On a large table this is an outage.',
  solution: 'Add the constraint with `NOT VALID` (instant), then `VALIDATE CONSTRAINT` separately (SHARE UPDATE EXCLUSIVE: reads and writes continue). For NOT NULL: add `CHECK (col IS NOT NULL) NOT VALID`, validate it, then `SET NOT NULL` (PostgreSQL 12+ skips the scan) and drop the CHECK.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const a of alterCmds(ctx)) {
      if (isNewTable(ctx.facts, a.table, a.statement.index)) continue;
      if (a.cmd.subtype === 'AT_AddConstraint') {
        const con = as(a.cmd.def, 'Constraint');
        if (!con || (con.contype !== 'CONSTR_CHECK' && con.contype !== 'CONSTR_FOREIGN') || con.skip_validation) continue;
        out.push({ statement: a.statement, offset: a.offset, message: `${con.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY'} constraint ${con.conname ?? ''} on existing table ${a.table} is added without NOT VALID`.replace('  ', ' ') });
      } else if (a.cmd.subtype === 'AT_SetNotNull') {
        out.push({ statement: a.statement, offset: a.offset, message: `SET NOT NULL on ${a.table}.${a.cmd.name} scans the table under ACCESS EXCLUSIVE` });
      }
    }
    return out;
  },
};
