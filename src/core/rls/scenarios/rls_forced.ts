import { catalogFlag, defineScenario } from './define';

export const rlsForced = defineScenario({
  id: 'rls_forced', title: 'RLS forced', kind: 'force', phase: 'main', needsRows: false,
  summary: 'The catalog says ALTER TABLE \u2026 FORCE ROW LEVEL SECURITY is in effect (relforcerowsecurity). Required only when the overlay declares it.',
  applies: (ctx) => ctx.requireForce,
  run: (ctx, t) => catalogFlag(ctx, t, 'rls_forced', 'relforcerowsecurity', { on: 'relforcerowsecurity = true', off: 'row level security is not forced: the owner bypasses it' }),
});
