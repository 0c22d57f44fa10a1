import { identityKeyed, insertInto } from '../probes';
import { defineScenario, fromProbe, judgeAccess } from './define';

export const ownInsertAllowed = defineScenario({
  id: 'own_insert_allowed', title: 'Own INSERT allowed', kind: 'access', phase: 'main', needsRows: true,
  summary: 'Principal a can insert a row into its own world: isolation must not break the application.',
  async run(ctx, t) {
    if (identityKeyed(ctx, t)) return null; // one row per principal by construction: nothing new to insert
    const p = await insertInto(ctx, t, ctx.principals.a, 'a');
    if (p.buildError) return fromProbe(t, 'own_insert_allowed', 'inconclusive', `could not build a valid row for a\u2019s world: ${p.buildError}`, p, 'superuser');
    return judgeAccess(t, 'own_insert_allowed', p, ctx.principals.a, { ok: 'own row inserted', denied: 'own insert rejected' });
  },
});
