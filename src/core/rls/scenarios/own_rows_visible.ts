import { control } from '../probes';
import { defineScenario, judgeAccess } from './define';

export const ownRowsVisible = defineScenario({
  id: 'own_rows_visible', title: 'Own rows visible', kind: 'access', phase: 'main', needsRows: true,
  summary: 'Acting as principal a, the application role sees the row of a\u2019s own world; if not, the policy is wrong or too strict \u2014 and no denial elsewhere can count (it is their positive control).',
  async run(ctx, t) {
    const p = await control(ctx, t);
    return judgeAccess(t, 'own_rows_visible', p, ctx.principals.a, { ok: `saw ${p.rows.length} own row(s)`, denied: 'principal a cannot read its own row' }, true);
  },
});
