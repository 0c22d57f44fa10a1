import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { introspect } from '../../src/core/introspect/introspect';
import { normalizeModel } from '../../src/core/introspect/normalize';
import { parseNamedQueries } from '../../src/core/introspect/queries';
import type { SchemaModel } from '../../src/core/model';

const factory = pgliteFactory().withExtensions(['pgcrypto']);

const RICH = `
create extension pgcrypto;
create role app_rw nologin; create role app_ro nologin;
create schema billing;
create type billing.state as enum ('pending', 'done');
create domain billing.cents as bigint not null check (value >= 0);
create type billing.pair as (a int, b text);
create table tenants (id uuid primary key default gen_random_uuid(), name varchar(255) not null);
comment on table tenants is 'Tenants';
comment on column tenants.name is 'Display name';
create table events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants(id) on delete cascade on update restrict,
  amount numeric(12,4) check (amount >= 0),
  status varchar(20) default 'pending' check (status in ('pending', 'done')),
  total bigint generated always as (id * 2) stored,
  code text collate "C",
  s billing.state, c billing.cents,
  unique nulls not distinct (tenant_id, code));
create index idx_ev on events (tenant_id, status desc nulls last) include (amount) where status = 'pending';
create index idx_ev2 on events (lower(code) text_pattern_ops);
comment on constraint events_status_check on events is 'Allowed states';
alter table events enable row level security;
alter table events force row level security;
create policy tenant_isolation_policy on events as restrictive for update to app_rw, app_ro
  using (tenant_id = current_setting('app.current_tenant_id')::uuid)
  with check (tenant_id = current_setting('app.current_tenant_id')::uuid);
create function chk() returns trigger language plpgsql security definer stable as $$ begin return new; end $$;
create trigger trg before insert or update on events for each row execute function chk();
create view v as select id, amount from events;
create materialized view mv as select tenant_id, sum(amount) as s from events group by tenant_id;
create sequence billing.seq start 10 increment 5 cycle;
grant select, insert on events to app_rw;
grant select on events to app_ro with grant option;
grant usage on schema billing to app_ro;
revoke execute on function chk() from public;
create table p (id int, at date not null) partition by range (at);
create table p1 partition of p for values from ('2020-01-01') to ('2021-01-01');
`;

describe('introspect', () => {
  let db: Db;
  let m: SchemaModel;
  beforeAll(async () => {
    db = await factory.create();
    await db.exec(RICH);
    m = await introspect(db);
  });
  afterAll(() => db.close());

  const table = (name: string) => m.tables.find((t) => t.name === name)!;
  const col = (t: string, c: string) => table(t).columns.find((x) => x.name === c)!;

  it('reads schemas and extensions, not extension members', () => {
    expect(m.schemas).toEqual(['billing', 'public']);
    expect(m.extensions.map((e) => e.name)).toEqual(['pgcrypto', 'plpgsql']);
    // pgcrypto's ~40 functions live in public but belong to the extension.
    expect(m.functions.map((f) => `${f.schema}.${f.name}`)).toEqual(['public.chk']);
  });

  it('reads columns: types with precision, nullability, defaults, identity, generated, collation, comments', () => {
    expect(col('events', 'amount')).toMatchObject({ type: 'numeric(12,4)', notNull: false, default: null });
    expect(col('events', 'status')).toMatchObject({ type: 'character varying(20)', default: "'pending'::character varying" });
    expect(col('events', 'id')).toMatchObject({ type: 'bigint', notNull: true, identity: 'always', default: null, position: 1 });
    expect(col('events', 'total')).toMatchObject({ generated: '(id * 2)', default: null });
    expect(col('events', 'code')).toMatchObject({ collation: 'C' });
    expect(col('events', 's').type).toBe('billing.state');
    expect(col('tenants', 'id')).toMatchObject({ type: 'uuid', notNull: true, default: 'gen_random_uuid()' });
    expect(col('tenants', 'name')).toMatchObject({ type: 'character varying(255)', notNull: true, comment: 'Display name' });
    expect(table('tenants').comment).toBe('Tenants');
    expect(table('events')).toMatchObject({ rlsEnabled: true, rlsForced: true, kind: 'table', owner: 'postgres' });
  });

  it('reads partitions', () => {
    expect(table('p')).toMatchObject({ kind: 'partitioned', partitionKey: 'RANGE (at)', partitionOf: null });
    expect(table('p1')).toMatchObject({ kind: 'table', partitionOf: 'public.p' });
  });

  it('reads constraints without PG18 NOT NULL entries, with FK actions', () => {
    const names = m.constraints.filter((c) => c.table === 'events').map((c) => c.name);
    expect(names).toEqual(['events_amount_check', 'events_pkey', 'events_status_check', 'events_tenant_id_code_key', 'events_tenant_id_fkey']);
    expect(m.constraints.some((c) => (c.type as string) === 'not null')).toBe(false);
    const fk = m.constraints.find((c) => c.name === 'events_tenant_id_fkey')!;
    expect(fk.foreignKey).toEqual({ refTable: 'public.tenants', refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'RESTRICT', match: 'SIMPLE' });
    expect(fk.definition).toBe('FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON UPDATE RESTRICT ON DELETE CASCADE');
    expect(m.constraints.find((c) => c.name === 'events_tenant_id_code_key')!.columns).toEqual(['tenant_id', 'code']);
    expect(m.constraints.find((c) => c.name === 'events_amount_check')!.definition).toBe('CHECK ((amount >= (0)::numeric))');
  });

  it('reads indexes: DESC/NULLS, INCLUDE, partial WHERE, expressions, opclass, NULLS NOT DISTINCT', () => {
    const ix = m.indexes.find((i) => i.name === 'idx_ev')!;
    expect(ix.keys).toEqual([
      { expression: 'tenant_id', isColumn: true, descending: false, nullsFirst: false, opclass: null },
      { expression: 'status', isColumn: true, descending: true, nullsFirst: false, opclass: null },
    ]);
    expect(ix.include).toEqual(['amount']);
    expect(ix.predicate).toBe("((status)::text = 'pending'::text)");
    expect(ix.method).toBe('btree');
    const ex = m.indexes.find((i) => i.name === 'idx_ev2')!;
    expect(ex.keys[0]).toMatchObject({ expression: 'lower(code)', isColumn: false, opclass: 'text_pattern_ops' });
    const uq = m.indexes.find((i) => i.name === 'events_tenant_id_code_key')!;
    expect(uq).toMatchObject({ unique: true, primary: false, nullsNotDistinct: true, constraint: 'events_tenant_id_code_key' });
    expect(m.indexes.find((i) => i.name === 'events_pkey')).toMatchObject({ primary: true, constraint: 'events_pkey' });
  });

  it('reads policies, triggers, functions', () => {
    expect(m.policies).toEqual([{
      schema: 'public', table: 'events', name: 'tenant_isolation_policy', command: 'UPDATE', permissive: false,
      roles: ['app_ro', 'app_rw'],
      using: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
      withCheck: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
      comment: null,
    }]);
    expect(m.triggers).toEqual([expect.objectContaining({
      name: 'trg', timing: 'BEFORE', events: ['INSERT', 'UPDATE'], level: 'ROW', function: 'public.chk', enabled: 'O',
      definition: 'CREATE TRIGGER trg BEFORE INSERT OR UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.chk()',
    })]);
    expect(m.functions[0]).toMatchObject({ identityArgs: '', kind: 'function', returns: 'trigger', language: 'plpgsql', securityDefiner: true, volatility: 's' });
    expect(m.functions[0].definition).toContain('CREATE OR REPLACE FUNCTION public.chk()');
  });

  it('reads views, materialized views, sequences, types', () => {
    expect(m.views.map((v) => [v.name, v.materialized])).toEqual([['mv', true], ['v', false]]);
    expect(m.views.find((v) => v.name === 'v')!.columns).toEqual([{ name: 'id', type: 'bigint', comment: null }, { name: 'amount', type: 'numeric(12,4)', comment: null }]);
    expect(m.views.find((v) => v.name === 'mv')!.definition).toContain('FROM public.events');
    expect(m.sequences.find((s) => s.name === 'seq')).toEqual({
      schema: 'billing', name: 'seq', dataType: 'bigint', start: '10', increment: '5', min: '1', max: '9223372036854775807', cycle: true, ownedBy: null,
      cache: '1', identity: false, owner: 'postgres', comment: null,
    });
    expect(m.sequences.find((s) => s.name === 'events_id_seq')!.ownedBy).toBe('public.events.id');
    expect(m.types).toEqual([
      { schema: 'billing', name: 'cents', kind: 'domain', labels: [], definition: 'bigint NOT NULL CONSTRAINT cents_check CHECK ((VALUE >= 0))', comment: null, owner: 'postgres' },
      { schema: 'billing', name: 'pair', kind: 'composite', labels: [], definition: '(a integer, b text)', comment: null, owner: 'postgres' },
      { schema: 'billing', name: 'state', kind: 'enum', labels: ['pending', 'done'], definition: "ENUM ('pending', 'done')", comment: null, owner: 'postgres' },
    ]);
  });

  it('reads privileges (owner entries left out, PUBLIC named) and the roles they reference', () => {
    expect(m.privileges).toEqual([
      { object: 'billing', objectType: 'schema', grantee: 'app_ro', privileges: ['USAGE'], grantable: [] },
      { object: 'public', objectType: 'schema', grantee: 'PUBLIC', privileges: ['USAGE'], grantable: [] },
      { object: 'public.events', objectType: 'table', grantee: 'app_ro', privileges: ['SELECT'], grantable: ['SELECT'] },
      { object: 'public.events', objectType: 'table', grantee: 'app_rw', privileges: ['INSERT', 'SELECT'], grantable: [] },
    ]);
    expect(m.roles.map((r) => r.name)).toEqual(['app_ro', 'app_rw']);
    expect(m.roles[0]).toEqual({ name: 'app_ro', superuser: false, login: false, bypassRls: false, inherit: true });
  });

  it('is normalized and JSON-serialisable', () => {
    expect(normalizeModel(m)).toEqual(m);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('leaves the session as it found it (search_path, no open transaction)', async () => {
    await db.exec("set search_path = ''");
    const again = await introspect(db);
    expect(again).toEqual(m);
    expect((await db.query<{ sp: string }>("select current_setting('search_path') as sp")).rows[0].sp).toBe('""');
    await db.exec('set search_path = public');
    // The print-stability pass ran inside a rolled-back transaction: the catalog is untouched.
    const def = await db.query<{ d: string }>("select pg_get_constraintdef(oid) as d from pg_constraint where conname = 'events_status_check'");
    expect(def.rows[0].d).toBe("CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[])))");
  });

  it('prints CHECKs in the form Postgres re-reads to itself, keeping their comments', () => {
    const ck = m.constraints.find((c) => c.name === 'events_status_check')!;
    expect(ck.definition).toBe("CHECK (((status)::text = ANY (ARRAY[('pending'::character varying)::text, ('done'::character varying)::text])))");
    expect(ck.comment).toBe('Allowed states');
  });

  it('honours an abort signal', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(introspect(db, { signal: ac.signal })).rejects.toThrow('stop');
  });
});

// The same schema written two different ways must introspect to the identical model.
const WAY_A = `
create role app_rw nologin;
create type mood as enum ('ok', 'bad');
create table tenants (id uuid primary key, name varchar(255) not null);
create table events (
  id int primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  amount numeric(12, 4) check (amount >= 0),
  status varchar(20) not null default 'pending' check (status in ('pending', 'done')),
  m mood,
  created_at timestamptz not null default now()
);
create index idx_events_tenant on events (tenant_id, created_at desc) include (amount) where status = 'pending';
alter table events enable row level security;
alter table events force row level security;
create policy tenant_isolation_policy on events using (tenant_id = current_setting('app.current_tenant_id')::uuid);
create function f() returns trigger language plpgsql as $$
begin
  return new;
end
$$;
create trigger trg after insert on events for each row execute function f();
create view v_events as select id, amount from events where status = 'done';
grant select, insert, update on events to app_rw;
comment on table events is 'Events';
create index idx_events_open on events (id) where status in ('pending', 'done');
create materialized view mv_open as select id from events where status in ('pending', 'done');
create policy p_states on events for select using (status in ('pending', 'done'));
`;

// pg_dump style: empty search_path, qualified and quoted names, upper case, integer,
// constraints added by ALTER TABLE, statements in another order.
const WAY_B = `
SELECT pg_catalog.set_config('search_path', '', false);
CREATE ROLE "app_rw" NOLOGIN;
CREATE TYPE "public"."mood" AS ENUM ('ok', 'bad');
CREATE FUNCTION public.f() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  return new;
end
$$;
CREATE TABLE "public"."events" (
    "id" INTEGER NOT NULL,
    tenant_id UUID NOT NULL,
    amount NUMERIC(12,4),
    STATUS CHARACTER VARYING(20) DEFAULT 'pending'::CHARACTER VARYING NOT NULL,
    m public.mood,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT pg_catalog.now() NOT NULL,
    CONSTRAINT events_status_check CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[])))
);
COMMENT ON TABLE public.events IS 'Events';
CREATE TABLE public.tenants (id uuid NOT NULL, name character varying(255));
ALTER TABLE public.tenants ALTER COLUMN name SET NOT NULL;
CREATE VIEW public.v_events AS
 SELECT id,
    amount
   FROM public.events
  WHERE ((status)::text = 'done'::text);
ALTER TABLE ONLY public.events ADD CONSTRAINT events_amount_check CHECK ((amount >= (0)::numeric));
ALTER TABLE ONLY public.tenants ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id);
CREATE INDEX idx_events_tenant ON public.events USING btree (tenant_id, created_at DESC) INCLUDE (amount) WHERE ((status)::text = 'pending'::text);
CREATE TRIGGER trg AFTER INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.f();
ALTER TABLE ONLY public.events ADD CONSTRAINT events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;
CREATE POLICY tenant_isolation_policy ON public.events USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));
ALTER TABLE public.events FORCE ROW LEVEL SECURITY;
ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;
GRANT SELECT,INSERT,UPDATE ON TABLE public.events TO app_rw;
CREATE MATERIALIZED VIEW public.mv_open AS
 SELECT id
   FROM public.events
  WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[]))
  WITH NO DATA;
CREATE POLICY p_states ON public.events FOR SELECT USING (((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[])));
CREATE INDEX idx_events_open ON public.events USING btree (id) WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[]));
`;

describe('introspect: formatting never shows up', () => {
  let a: SchemaModel;
  let b: SchemaModel;
  let withOwner: SchemaModel;
  beforeAll(async () => {
    const [dbA, dbB, dbC] = await Promise.all([factory.create(), factory.create(), factory.create()]);
    await dbA.exec(WAY_A);
    await dbB.exec(WAY_B);
    await dbC.exec(WAY_B + `
      CREATE ROLE migration_owner NOLOGIN;
      ALTER TABLE public.events OWNER TO migration_owner;
      ALTER FUNCTION public.f() OWNER TO migration_owner;`);
    [a, b, withOwner] = await Promise.all([introspect(dbA), introspect(dbB), introspect(dbC)]);
    await Promise.all([dbA.close(), dbB.close(), dbC.close()]);
  });

  it('two writings of one schema give the identical model', () => {
    expect(a.tables.length).toBe(2);
    expect(a.views.map((v) => v.name)).toEqual(['mv_open', 'v_events']);
    expect(a.indexes.map((i) => i.name)).toContain('idx_events_open');
    expect(b).toEqual(a);
  });

  it('OWNER TO changes owners and roles only, never privileges', () => {
    expect(withOwner.privileges).toEqual(a.privileges);
    expect(withOwner.tables.find((t) => t.name === 'events')!.owner).toBe('migration_owner');
    expect(withOwner.roles.map((r) => r.name)).toEqual(['app_rw', 'migration_owner']);
  });
});

describe('parseNamedQueries', () => {
  it('splits on -- name: headers, drops comment lines and the trailing semicolon', () => {
    const q = parseNamedQueries('-- preamble\n-- name: a\n-- about a\nselect 1;\n\n-- name: b\nselect\n  2 -- two\n;\n');
    expect([...q]).toEqual([['a', 'select 1'], ['b', 'select\n  2 -- two']]);
  });
  it('rejects duplicates and empty blocks', () => {
    expect(() => parseNamedQueries('-- name: a\nselect 1;\n-- name: a\nselect 2;', 'x.sql')).toThrow('x.sql: query "a" is defined twice');
    expect(() => parseNamedQueries('-- name: a\n-- nothing\n', 'x.sql')).toThrow('x.sql: query "a" is empty');
  });
});

describe('print-stability pass', () => {
  it('keeps the first printed form of an object Postgres refuses to re-create, and re-creates the rest', async () => {
    const db = await factory.create();
    // The partition's CHECK is inherited: it cannot be dropped on its own, so the batch fails
    // and the pass falls back to one statement at a time.
    await db.exec(`
      create table parent (s varchar(5), constraint parent_s_check check (s in ('a', 'b'))) partition by list (s);
      create table child partition of parent for values in ('a');
      create table other (s varchar(5) check (s in ('x', 'y')));`);
    const m = await introspect(db);
    await db.close();
    const def = (table: string) => m.constraints.find((c) => c.table === table)!.definition;
    expect(def('other')).toBe("CHECK (((s)::text = ANY (ARRAY[('x'::character varying)::text, ('y'::character varying)::text])))");
    expect(def('parent')).toBe("CHECK (((s)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])))");
    // re-created through the parent (ALTER TABLE recurses to partitions)
    expect(def('child')).toBe(def('parent'));
  });
});
