import { errText } from '../context';
import { control, identityKeyed, insertInto } from '../probes';
import { defineScenario, fromProbe, judgeIsolation } from './define';

export const crossTenantInsertRejected = defineScenario({
  id: 'cross_tenant_insert_rejected', title: 'Cross-tenant INSERT rejected', kind: 'isolation', phase: 'main', needsRows: true,
  summary: 'Principal a cannot insert a row into b\u2019s world (tenant id, owner, membership of b): WITH CHECK must reject it.',
  async run(ctx, t) {
    if (identityKeyed(ctx, t)) return null; // one row per principal by construction: nothing new to insert
    const ctl = await control(ctx, t);
    const p = await insertInto(ctx, t, ctx.principals.a, 'b');
    if (p.buildError) return fromProbe(t, 'cross_tenant_insert_rejected', 'inconclusive', `could not build a valid row for b\u2019s world: ${p.buildError}`, p, 'superuser');
    if (p.observed === 'denied' && p.error && !/row-level security/i.test(p.error.message)) {
      // 42501 permission denied (not WITH CHECK): still a denial, said as such.
      return judgeIsolation(t, 'cross_tenant_insert_rejected', p, ctl, ctx.principals.a, { leak: '', denied: `rejected without reaching the policy: ${errText(p.error)}` });
    }
    return judgeIsolation(t, 'cross_tenant_insert_rejected', p, ctl, ctx.principals.a, { leak: 'principal a inserted a row into b\u2019s world', denied: 'rejected by row-level security' });
  },
});
