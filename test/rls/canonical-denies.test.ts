/**
 * Tenancy mode (an overlay names the tenancy) with a canonical that makes tables read-only on
 * purpose: Basejump's billing tables have no INSERT/UPDATE policy (a webhook writes them) and
 * account_user none either (SECURITY DEFINER functions do). The absolute "own INSERT/UPDATE
 * allowed" checks fail on the dump exactly as they would on the canonical — the canonical is
 * the oracle, so they pass with that reason; a leak still fails; and a dump that lost a policy
 * the canonical has still fails its access check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCanonical, runCheck, type PreparedCanonical } from '../../src/core/pipeline';
import { canonicalDenial } from '../../src/core/rls/canonical-denies';
import { factory, read } from './helpers';

const overlay = [
  'name: basejump',
  'tenancy:',
  '  column: account_id',
  '  identity: { preset: supabase, membership: basejump.account_user.user_id }',
  'phases: []',
  'elements: []',
].join('\n');
const env = { factory, now: () => new Date(0), toolVersion: 'test' };
const CANON = 'fixtures/rls_models/basejump/correct/dump.sql';

describe('tenancy mode: access checks the canonical denies too', () => {
  let canonical: PreparedCanonical | null = null;
  const canon = async () => (canonical ??= await prepareCanonical({ name: CANON, sql: read(CANON) }, env));
  afterAll(async () => { await canonical?.db.close(); });
  const check = async (dump: string) => {
    const { report, dumpDb } = await runCheck({
      canonical: { name: CANON, sql: read(CANON) }, spec: { name: 'overlay.yaml', yaml: overlay },
      dump: { name: dump, sql: read(dump) }, phase: 'all',
    }, env, { canonical: await canon() });
    await dumpDb.close();
    return report;
  };

  it('reads the denial from the canonical model, and only when no permissive policy could allow it', async () => {
    const m = (await canon()).model;
    expect(canonicalDenial(m, 'basejump.billing_customers', 'INSERT')).toMatch(/no permissive INSERT policy/);
    expect(canonicalDenial(m, 'basejump.billing_customers', 'SELECT')).toBeNull();
    expect(canonicalDenial(m, 'basejump.accounts', 'UPDATE')).toBeNull();
    expect(canonicalDenial(m, 'basejump.no_such_table', 'INSERT')).toBeNull();
  });

  it('the published schema: the read-only tables pass as in the canonical', async () => {
    const report = await check(CANON);
    const rls = report.rls!;
    expect(rls.mode).toBe('tenancy');
    // What the model cannot tell stays failed: invitations has an INSERT policy, for account
    // owners only, and the principal's membership is not an owner's — only running the probe on
    // the canonical (the oracle mode, no tenancy in the overlay) shows it is denied there too.
    expect(rls.tests.filter((t) => t.outcome === 'failed').map((t) => `${t.table} ${t.scenario}`)).toEqual(['basejump.invitations own_insert_allowed']);
    for (const t of ['basejump.billing_customers', 'basejump.billing_subscriptions', 'basejump.account_user']) {
      expect(rls.tests.find((x) => x.table === t && x.scenario === 'own_insert_allowed')?.outcome, t).toBe('passed');
    }
    const insert = rls.tests.find((t) => t.table === 'basejump.billing_customers' && t.scenario === 'own_insert_allowed')!;
    expect(insert).toMatchObject({ outcome: 'passed' });
    expect(insert.detail).toMatch(/^as in the canonical — .*no permissive INSERT policy/);
    expect(insert.severity).toBeUndefined();
  }, 300_000);

  it('a leak still fails', async () => {
    const report = await check('fixtures/rls_models/basejump/helper_returns_true/dump.sql');
    const failed = report.rls!.tests.filter((t) => t.outcome === 'failed').map((t) => `${t.table} ${t.scenario}`);
    expect(failed).toContain('basejump.billing_customers cross_tenant_invisible');
    expect(report.exit_code).toBe(1);
  }, 300_000);
});
