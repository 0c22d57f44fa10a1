import { control, deleteRow } from '../probes';
import { crossWrite, defineScenario } from './define';

export const crossTenantDeleteZeroRows = defineScenario({
  id: 'cross_tenant_delete_zero_rows', title: 'Cross-tenant DELETE touches nothing', kind: 'isolation', phase: 'main', needsRows: true,
  summary: 'A DELETE by principal a aimed at the row of b\u2019s world removes nothing.',
  async run(ctx, t) {
    const ctl = await control(ctx, t);
    return crossWrite(t, 'cross_tenant_delete_zero_rows', await deleteRow(ctx, t, ctx.principals.a, 'b'), ctl, ctx.principals.a, 'deleted');
  },
});
