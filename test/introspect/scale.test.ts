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
    // warm the template once for the cases below
    dbs.push(await factory.create());
  });

  // Round trips per size: introspection must not issue a query per table (speed itself is measured
  // in `npm run bench`, never asserted in a test: a timed test only measures the machine's load).
  const roundTrips = new Map<number, number>();
  for (const n of [50, 500]) {
    it(`${n} tables`, async () => {
      const db = await factory.create();
      dbs.push(db);
      await db.exec(schema(n));
      let queries = 0;
      const counted = new Proxy(db, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key === 'query' || key === 'exec') return (...args: unknown[]) => { queries++; return (value as (...a: unknown[]) => unknown).apply(target, args); };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const m = await introspect(counted);
      roundTrips.set(n, queries);
      expect(m.tables).toHaveLength(n + 1);
      expect(m.constraints).toHaveLength(n * 4 + 1);
      expect(m.policies).toHaveLength(n);
      expect(m.constraints.find((c) => c.name === 't_0000_status_check')!.definition).toContain("ARRAY[('pending'::character varying)::text");
      expect(queries).toBeGreaterThan(0);
    });
  }

  it('issues the same number of catalog queries at 50 and at 500 tables', () => {
    expect(roundTrips.get(50)).toBeDefined();
    expect(roundTrips.get(500)).toBe(roundTrips.get(50));
  });
});
