import { control, touchRow } from '../probes';
import { crossWrite, defineScenario } from './define';

export const crossTenantUpdateZeroRows = defineScenario({
  id: 'cross_tenant_update_zero_rows', title: 'Cross-tenant UPDATE touches nothing', kind: 'isolation', phase: 'main', needsRows: true,
  summary: 'An UPDATE by principal a aimed at the row of b\u2019s world affects zero rows.',
  async run(ctx, t) {
    const ctl = await control(ctx, t);
    return crossWrite(t, 'cross_tenant_update_zero_rows', await touchRow(ctx, t, ctx.principals.a, 'b'), ctl, ctx.principals.a, 'updated');
  },
});
