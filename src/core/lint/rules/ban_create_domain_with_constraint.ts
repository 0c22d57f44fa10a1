import { as, strings, type AstNode } from '../ast';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** CREATE DOMAIN with a CHECK or NOT NULL constraint. */
export const rule: LintRule = {
  id: 'ban_create_domain_with_constraint',
  description: 'Domains carry no CHECK / NOT NULL constraints; put them on the columns.',
  severity: 'warning',
  source: 'squawk ban-create-domain-with-constraint; PostgreSQL docs CREATE DOMAIN "Notes"',
  help: 'Create the domain without constraints and put the CHECK / NOT NULL on the table columns that use it.',
  problem: 'A domain\'s constraints are checked far from the tables: changing one later (`ALTER DOMAIN … ADD CONSTRAINT`) scans every column of every table that uses the domain under locks, and a domain NOT NULL is not enforced everywhere (an outer join or a new column can still yield NULL of the domain type, as the PostgreSQL docs warn).',
  solution: 'Keep the domain as a plain alias of its base type and write the rules as table CHECK constraints, which can be added NOT VALID and validated online.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, d] of statementsOf(ctx, 'CreateDomainStmt')) {
      const kinds = (d.constraints ?? []).map((c: AstNode) => as(c, 'Constraint')?.contype).filter((k: string | undefined) => k === 'CONSTR_CHECK' || k === 'CONSTR_NOTNULL');
      if (!kinds.length) continue;
      const what = [...new Set(kinds.map((k: string) => (k === 'CONSTR_CHECK' ? 'CHECK' : 'NOT NULL')))].join(' and ');
      out.push({ statement: s, message: `domain ${strings(d.domainname).join('.')} is created with ${what}` });
    }
    return out;
  },
};
