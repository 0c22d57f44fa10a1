import { as, strings } from '../ast';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** ALTER DOMAIN … ADD CONSTRAINT without NOT VALID: every column of the domain is checked under lock. */
export const rule: LintRule = {
  id: 'ban_alter_domain_with_add_constraint',
  description: '`ALTER DOMAIN … ADD CONSTRAINT` is added `NOT VALID` (or the rule goes on the columns).',
  severity: 'warning',
  source: 'squawk ban-alter-domain-with-add-constraint; PostgreSQL docs ALTER DOMAIN',
  help: 'Add it `NOT VALID`, then `ALTER DOMAIN … VALIDATE CONSTRAINT …` separately; or put the CHECK on the table columns.',
  problem: 'ALTER DOMAIN … ADD CONSTRAINT checks every row of every table that has a column of the domain, holding locks that block writes to those tables for the whole scan: an outage spread over tables the migration does not name.',
  solution: 'Add the constraint `NOT VALID` (new values are checked at once), then run `VALIDATE CONSTRAINT` in a later statement, which takes a lighter lock. Better: keep constraints on the columns (see ban_create_domain_with_constraint).',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, d] of statementsOf(ctx, 'AlterDomainStmt')) {
      const con = as(d.def, 'Constraint');
      if (d.subtype !== 'C' || !con || con.skip_validation) continue;
      out.push({ statement: s, message: `ADD CONSTRAINT ${con.conname ?? ''} on domain ${strings(d.typeName).join('.')} checks every column of the domain under lock`.replace('  ', ' ') });
    }
    return out;
  },
};
