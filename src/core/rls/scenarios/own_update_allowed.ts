import { touchRow } from '../probes';
import { defineScenario, judgeAccess } from './define';

export const ownUpdateAllowed = defineScenario({
  id: 'own_update_allowed', title: 'Own UPDATE allowed', kind: 'access', phase: 'main', needsRows: true,
  summary: 'Principal a can update the row of its own world (where the table allows updates at all).',
  async run(ctx, t) {
    const p = await touchRow(ctx, t, ctx.principals.a, 'a');
    return judgeAccess(t, 'own_update_allowed', p, ctx.principals.a, { ok: `${p.affected} own row(s) updated`, denied: 'no own row could be updated' });
  },
});
