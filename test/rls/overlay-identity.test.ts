/**
 * The overlay states the identity (`tenancy.identity`, spec/tenancy.ts) instead of the suite
 * inferring it: Basejump (fixtures/rls_models/basejump, a real Supabase schema) checked in
 * tenancy mode with `preset: supabase` and its membership table — the absolute checks run on
 * every table with `account_id`, acting through request.jwt.claims as role authenticated; and a
 * leak (has_role_on_account returning true) fails there too.
 */
import { describe, expect, it } from 'vitest';
import { runRlsSuite } from '../../src/core/rls/suite';
import { parseSpec } from '../../src/core/spec/parse';
import { loadSql, read } from './helpers';

const overlay = [
  'name: basejump',
  'tenancy:',
  '  column: account_id',
  '  identity: { preset: supabase, membership: basejump.account_user.user_id }',
  'phases: []',
  'elements: []',
].join('\n');

describe('tenancy.identity preset supabase on Basejump', () => {
  const tenancy = parseSpec(overlay, 'overlay.yaml').tenancy!;

  it('acts as stated, covers the account tables, finds no leak in the published schema', async () => {
    const { db, model } = await loadSql(read('fixtures/rls_models/basejump/correct/dump.sql'), 'basejump');
    try {
      const rls = await runRlsSuite(db, model, tenancy);
      if (process.env.RLS_MODELS_DEBUG) console.log(rls.summary, rls.dump?.identity, rls.tests.map((t) => `${t.outcome} ${t.table} ${t.scenario}: ${t.detail}`).join('\n'));
      expect(rls.dump!.identity).toMatch(/^overlay: JWT claims sub .*policies TO authenticated$/);
      expect([...new Set(rls.tests.map((t) => t.table))].sort()).toEqual(['basejump.account_user', 'basejump.billing_customers', 'basejump.billing_subscriptions', 'basejump.invitations']);
      const leaks = rls.tests.filter((t) => t.outcome === 'failed' && t.severity === 'BLOCKING').map((t) => `${t.table} ${t.scenario}: ${t.detail}`);
      expect(leaks).toEqual([]);
      const isolation = rls.tests.filter((t) => t.scenario === 'cross_tenant_invisible');
      expect(isolation.map((t) => `${t.table}: ${t.outcome}`)).toEqual(isolation.map((t) => `${t.table}: passed`));
      // Absolute checks expect own-row INSERT/UPDATE: Basejump's billing tables are read-only to
      // `authenticated` by design, which only the canonical can tell (the oracle mode, no overlay)
      // — as fixtures/rls/select_only shows, a lost INSERT policy looks exactly the same.
      expect(rls.tests.find((t) => t.table === 'basejump.billing_customers' && t.scenario === 'own_insert_allowed')).toMatchObject({ outcome: 'failed', severity: 'HIGH' });
      // the membership row a's world was given holds a's id
      expect(rls.dump!.principals[0].world.find((w) => w.table === 'basejump.account_user')?.error).toBeNull();
    } finally {
      await db.close();
    }
  }, 240_000);

  it('a helper that returns true leaks on the tables it guards', async () => {
    const { db, model } = await loadSql(read('fixtures/rls_models/basejump/helper_returns_true/dump.sql'), 'basejump-leak');
    try {
      const rls = await runRlsSuite(db, model, tenancy);
      const failed = new Set(rls.tests.filter((t) => t.outcome === 'failed').map((t) => `${t.table} ${t.scenario}`));
      expect(failed).toContain('basejump.account_user cross_tenant_invisible');
      expect(failed).toContain('basejump.billing_customers cross_tenant_invisible');
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe.each([
  { model: 'guc', tenancy: 'tenancy: { column: org_id, guc: app.tenant, identity: { preset: guc } }', identity: /^overlay: setting app\.tenant/, leak: 'using_true' },
  { model: 'role', tenancy: 'tenancy: { column: owner_role, identity: { preset: role } }', identity: /^overlay: the database role/, leak: 'using_true' },
])('tenancy.identity preset $model on fixtures/rls_models/$model', ({ model, tenancy, identity, leak }) => {
  const spec = parseSpec(['name: m', tenancy, 'phases: []', 'elements: []'].join('\n'), 'overlay.yaml');
  it('the correct schema passes every isolation test; the leak fails one', async () => {
    for (const name of ['correct', leak]) {
      const { db, model: m } = await loadSql(read(`fixtures/rls_models/${model}/${name}/dump.sql`), `${model}/${name}`);
      try {
        const rls = await runRlsSuite(db, m, { ...spec.tenancy!, requireForce: false });
        expect(rls.dump!.identity).toMatch(identity);
        const isolation = rls.tests.filter((t) => t.scenario.startsWith('cross_tenant') || t.scenario.endsWith('_denied'));
        expect(isolation.length).toBeGreaterThan(0);
        const failed = isolation.filter((t) => t.outcome === 'failed').map((t) => `${t.table} ${t.scenario}: ${t.detail}`);
        if (name === 'correct') {
          expect(failed).toEqual([]);
          expect(isolation.filter((t) => t.outcome === 'inconclusive').map((t) => `${t.table} ${t.scenario}: ${t.detail}`)).toEqual([]);
        } else expect(failed.length).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    }
  }, 240_000);
});
