import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import canonicalSql from '../../schema/canonical_schema.sql?raw';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';

const T1 = '00000000-0000-0000-0000-000000000001';
const T2 = '00000000-0000-0000-0000-000000000002';
const E1 = '10000000-0000-0000-0000-000000000001';

/** The canonical schema must apply on PGlite exactly as on PostgreSQL 15 and behave as the seeds say. */
describe('schema/canonical_schema.sql on PGlite', () => {
  let db: Db;
  beforeAll(async () => {
    db = await pgliteFactory().create();
    await db.exec(canonicalSql);
    await db.exec(`INSERT INTO tenants (id, name, api_key_hash, notification_email)
      VALUES ('${T1}', 'A', 'h1', 'a@example.com'), ('${T2}', 'B', 'h2', 'b@example.com')`);
  });
  afterAll(async () => db?.close());

  it('creates the seven tables, three materialized views and the four roles', async () => {
    const t = await db.query<{ n: string }>(`SELECT relname AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r','m') ORDER BY 1`);
    expect(t.rows.map((r) => r.n)).toEqual([
      'attribution_allocations', 'attribution_events', 'dead_events', 'mv_allocation_summary', 'mv_realtime_revenue',
      'mv_reconciliation_status', 'reconciliation_runs', 'revenue_ledger', 'revenue_state_transitions', 'tenants',
    ]);
    const r = await db.query<{ n: string }>(`SELECT rolname AS n FROM pg_roles WHERE rolname IN ('app_rw','app_ro','app_admin','migration_owner') AND NOT rolcanlogin ORDER BY 1`);
    expect(r.rows.map((x) => x.n)).toEqual(['app_admin', 'app_ro', 'app_rw', 'migration_owner']);
  });

  it('forces RLS with tenant_isolation_policy on every table with tenant_id, and not on tenants', async () => {
    const r = await db.query<{ t: string; rls: boolean; force: boolean; pol: string | null }>(`
      SELECT c.relname AS t, c.relrowsecurity AS rls, c.relforcerowsecurity AS force, p.polname AS pol
      FROM pg_class c LEFT JOIN pg_policy p ON p.polrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`);
    for (const row of r.rows) {
      if (row.t === 'tenants') expect(row).toMatchObject({ rls: false, pol: null });
      else expect(row).toMatchObject({ rls: true, force: true, pol: 'tenant_isolation_policy' });
    }
  });

  it('app_rw: idempotent ingest, sum-equality at commit, no ledger UPDATE, cross-tenant insert rejected', async () => {
    const s = await db.clone();
    try {
      await s.exec(`SET ROLE app_rw; SET app.current_tenant_id = '${T1}'`);
      const ins = `INSERT INTO attribution_events (id, tenant_id, idempotency_key, event_type, channel, session_id, event_timestamp, raw_payload, conversion_value_cents)
        VALUES ('${E1}', '${T1}', 'k1', 'purchase', 'google_search', gen_random_uuid(), now(), '{}', 1000)
        ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;
      expect((await s.query(ins)).rows).toHaveLength(1);
      expect((await s.query(ins)).rows).toHaveLength(0);
      await expect(s.query(`INSERT INTO attribution_events (tenant_id, idempotency_key) VALUES ('${T1}', 'k2')`)).rejects.toThrow(/session_id/);

      const alloc = (channel: string, cents: number, version: string) =>
        `INSERT INTO attribution_allocations (tenant_id, event_id, channel, allocated_revenue_cents, allocation_ratio, model_type, model_version)
         VALUES ('${T1}', '${E1}', '${channel}', ${cents}, ${cents / 1000}, 'linear', '${version}')`;
      await s.exec(`BEGIN; ${alloc('email', 333, 'v1')}; ${alloc('direct', 666, 'v1')}; COMMIT;`); // within ±1 cent
      await expect(s.query(alloc('organic', 500, 'v2'))).rejects.toMatchObject({ code: '23514' });
      await expect(s.query(alloc('tiktok', 1000, 'v3'))).rejects.toThrow(/ck_attribution_allocations_channel_code_valid/);

      await s.query(`INSERT INTO revenue_ledger (tenant_id, transaction_id, state, amount_cents, currency, verification_source, verification_timestamp)
        VALUES ('${T1}', 't1', 'captured', 1000, 'USD', 'stripe', now()) ON CONFLICT (transaction_id) DO NOTHING`);
      await expect(s.query(`UPDATE revenue_ledger SET state = 'refunded'`)).rejects.toThrow(/permission denied/);
      await expect(s.query(`DELETE FROM revenue_ledger`)).rejects.toThrow(/permission denied/);

      await expect(s.query(`INSERT INTO dead_events (tenant_id, event_type, raw_payload, error_type, error_message)
        VALUES ('${T2}', 'x', '{}', 'validation_error', 'boom')`)).rejects.toThrow(/row-level security/);
      await expect(s.query(`INSERT INTO dead_events (tenant_id, event_type, raw_payload, error_type, error_message, remediation_status)
        VALUES ('${T1}', 'x', '{}', 'validation_error', 'boom', 'ignored')`)).rejects.toThrow(/ck_dead_events_remediation_status_valid/);
    } finally {
      await s.close();
    }
  });
});
