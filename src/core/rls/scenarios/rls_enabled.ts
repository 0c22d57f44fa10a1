import { catalogFlag, defineScenario } from './define';

export const rlsEnabled = defineScenario({
  id: 'rls_enabled', title: 'RLS enabled', kind: 'catalog', phase: 'main', needsRows: false,
  summary: 'The catalog says ALTER TABLE \u2026 ENABLE ROW LEVEL SECURITY is in effect (relrowsecurity).',
  run: (ctx, t) => catalogFlag(ctx, t, 'rls_enabled', 'relrowsecurity', { on: 'relrowsecurity = true', off: 'row level security is disabled: every role with table privileges sees every row' }),
});
