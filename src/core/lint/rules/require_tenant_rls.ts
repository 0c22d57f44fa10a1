import { tenantColumn, tenantsTable } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** Seed 003 §2.1 rule 5 and §3.1: every tenant table the migration creates gets RLS and a policy. */
export const rule: LintRule = {
  id: 'require_tenant_rls',
  description: 'A tenant table created by the migration enables row level security and has a policy.',
  severity: 'error',
  source: 'seed 003 §2.1 rule 5, §3.1',
  help: 'Add `ALTER TABLE <t> ENABLE ROW LEVEL SECURITY;` and a `CREATE POLICY … USING (tenant_id = current_setting(…)::uuid)`.',
  problem: 'A new table with a tenant column but no row level security is readable across tenants by the application role; with RLS enabled but no policy it is unreadable to everyone but the owner.',
  solution: 'In the same migration, enable RLS on the table and create its tenant-isolation policy.',
  check(ctx) {
    const col = tenantColumn(ctx);
    if (!col) return [];
    const tenants = tenantsTable(ctx);
    const out: RuleReport[] = [];
    for (const [bare, t] of ctx.facts.created) {
      if (bare === tenants || !ctx.facts.columns.some((c) => c.table === bare && c.name === col && !c.added)) continue;
      const missing = [!ctx.facts.rlsEnabled.has(bare) && 'ENABLE ROW LEVEL SECURITY', !ctx.facts.policies.has(bare) && 'a policy'].filter(Boolean);
      if (missing.length) out.push({ statement: t.statement, offset: t.statement.offsetOf(t.statement.node.CreateStmt?.relation?.location), message: `tenant table ${t.name} has no ${missing.join(' and no ')}` });
    }
    return out;
  },
};
