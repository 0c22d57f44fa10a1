import { tenantColumn, tenantsTable } from '../helpers';
import { fkActionName } from '../facts';
import type { LintRule, RuleReport } from '../types';

/**
 * Seed 003 §2.1 rule 4: every multi-tenant table has
 * `tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE`. Tenancy comes from the
 * overlay (`tenancy.column`, `tenancy.tenants_table`); without one the rule has nothing to check.
 */
export const rule: LintRule = {
  id: 'require_tenant_fk',
  description: 'The tenant column is `uuid NOT NULL REFERENCES <tenants>(id) ON DELETE CASCADE`.',
  severity: 'error',
  source: 'seed 003 §2.1 rule 4',
  help: 'Declare `tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE`.',
  problem: 'A tenant column that is nullable, of another type, or not a cascading foreign key to the tenants table lets rows exist without a tenant (invisible to every RLS policy, or visible to the wrong one) and leaves orphans when a tenant is deleted.',
  solution: 'Type the tenant column `uuid`, make it `NOT NULL`, and reference the tenants table with `ON DELETE CASCADE`.',
  check(ctx) {
    const col = tenantColumn(ctx);
    if (!col) return [];
    const tenants = tenantsTable(ctx);
    const out: RuleReport[] = [];
    for (const c of ctx.facts.columns) {
      if (c.name !== col || c.table === tenants) continue;
      const problems: string[] = [];
      if (c.type.name !== 'uuid') problems.push(`type ${c.type.name} (expected uuid)`);
      if (!c.notNull) problems.push('nullable');
      const fk = ctx.facts.foreignKeys.find((f) => f.table === c.table && f.columns.length === 1 && f.columns[0] === col && f.refTable === tenants);
      if (!fk) problems.push(`no foreign key to ${tenants}`);
      else if (fk.onDelete !== 'c') problems.push(`ON DELETE ${fkActionName(fk.onDelete)} (expected CASCADE)`);
      if (problems.length) out.push({ statement: c.statement, offset: c.offset, message: `${c.table}.${col}: ${problems.join(', ')}` });
    }
    return out;
  },
};
