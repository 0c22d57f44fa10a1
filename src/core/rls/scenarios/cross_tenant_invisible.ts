import { control, readRow } from '../probes';
import { defineScenario, judgeIsolation } from './define';

export const crossTenantInvisible = defineScenario({
  id: 'cross_tenant_invisible', title: 'Other tenants\u2019 rows invisible', kind: 'isolation', phase: 'main', needsRows: true,
  summary: 'Acting as principal a, a SELECT of the row of b\u2019s world returns nothing \u2014 counted only when a sees its own row in the same run.',
  async run(ctx, t) {
    const ctl = await control(ctx, t);
    const p = await readRow(ctx, t, ctx.principals.a, 'b');
    return judgeIsolation(t, 'cross_tenant_invisible', p, ctl, ctx.principals.a, { leak: `principal a sees ${p.rows.length} row(s) of b\u2019s world`, denied: 'b\u2019s row is invisible to a' }, true);
  },
});
