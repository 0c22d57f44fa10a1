import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { introspect } from '../../src/core/introspect/introspect';

/** A multi-tenant table like the ones the checker sees: PK, FK, CHECK (IN list), partial index, RLS, policy, grant. */
function schema(n: number): string {
  const out = ['create role app_rw nologin;', 'create table tenants (id uuid primary key, name varchar(255) not null);'];
  for (let i = 0; i < n; i++) {
    const t = `t_${String(i).padStart(4, '0')}`;
    out.push(`create table ${t} (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      status varchar(20) not null default 'pending' check (status in ('pending', 'done', 'failed')),
      amount_cents bigint not null check (amount_cents >= 0),
      created_at timestamptz not null default now());
    create index idx_${t}_tenant on ${t} (tenant_id, created_at desc) include (amount_cents) where status = 'pending';
    alter table ${t} enable row level security; alter table ${t} force row level security;
    create policy tenant_isolation_policy on ${t} using (tenant_id = current_setting('app.current_tenant_id')::uuid);
    grant select, insert on ${t} to app_rw;
    comment on table ${t} is 'table ${i}';`);
  }
  return out.join('\n');
}

describe('introspect at scale (one query per object kind)', () => {
  const factory = pgliteFactory();
  const dbs: Db[] = [];
  afterAll(() => Promise.all(dbs.map((d) => d.close())));
  beforeAll(async () => {
    // warm the template so timings below are introspection only
    dbs.push(await factory.create());
  });

  for (const n of [100, 1000]) {
    it(`${n} tables`, async () => {
      const db = await factory.create();
      dbs.push(db);
      await db.exec(schema(n));
      const t0 = performance.now();
      const m = await introspect(db);
      const ms = performance.now() - t0;
      console.log(`introspect ${n} tables: ${ms.toFixed(0)} ms`);
      expect(m.tables).toHaveLength(n + 1);
      expect(m.constraints).toHaveLength(n * 4 + 1);
      expect(m.policies).toHaveLength(n);
      expect(m.constraints.find((c) => c.name === 't_0000_status_check')!.definition).toContain("ARRAY[('pending'::character varying)::text");
      // Generous bound for a 2-core CI box; the point is linear growth, not per-table round trips.
      expect(ms).toBeLessThan(Math.max(15_000, n * 60));
    });
  }
});
