import { isRlsViolation, errText } from '../context';
import { control, linkColumns, reassignRow } from '../probes';
import { defineScenario, fromProbe, judgeIsolation } from './define';

export const crossTenantReassignRejected = defineScenario({
  id: 'cross_tenant_reassign_rejected', title: 'Cross-tenant reassignment rejected', kind: 'isolation', phase: 'main', needsRows: true,
  summary: 'Principal a cannot move a row of its own world into b\u2019s (UPDATE \u2026 SET tenant / owner / organisation to b\u2019s): WITH CHECK rejects it or nothing is updated.',
  async run(ctx, t) {
    const ctl = await control(ctx, t);
    const cols = linkColumns(ctx, t).filter((c) => t.rows!.a[c] !== t.rows!.b[c]);
    // No assignable column ties the row to a world (e.g. the tenants table itself, keyed by an
    // identity column): there is nothing to move, so the scenario does not apply to this table.
    if (!cols.length) return null;
    const p = await reassignRow(ctx, t, ctx.principals.a, cols);
    if (isRlsViolation(p.error)) return fromProbe(t, 'cross_tenant_reassign_rejected', 'passed', `rejected: ${errText(p.error!)}`, p, ctx.principals.a);
    return judgeIsolation(t, 'cross_tenant_reassign_rejected', p, ctl, ctx.principals.a, { leak: `${p.affected} own row(s) moved into b\u2019s world (${cols.join(', ')})`, denied: 'no row moved (0 rows updated)' });
  },
});
