/**
 * Generator of N-table multi-tenant schemas for the benchmarks (engine, RLS, browser, ERD).
 * Deterministic for a given N: a `tenants` table plus N-1 tenant-scoped tables, each with a
 * uuid PK, `tenant_id uuid NOT NULL` FK to tenants (ON DELETE CASCADE), an FK to an earlier
 * table every third table, NOT NULL + DEFAULT + CHECK columns (IN-list and range), two
 * indexes (a composite DESC one and a partial one), RLS ENABLE + FORCE + a tenant isolation
 * policy on `current_setting('app.current_tenant_id')::uuid`, and COMMENT ON TABLE.
 *
 * Usage: `node bench/generate.mjs 100 > /tmp/schema_100.sql`
 * Import: `import { generateSchema } from './generate.mjs'`.
 */

/** Table names, e.g. `t0007_orders`: padded so sorting keeps creation order. */
const WORDS = ['orders', 'events', 'payments', 'invoices', 'sessions', 'refunds', 'allocations', 'ledgers', 'audits', 'webhooks'];
export const tableName = (i) => `t${String(i).padStart(4, '0')}_${WORDS[i % WORDS.length]}`;

/**
 * @param {number} n total tables including `tenants` (n >= 1)
 * @returns {string} a psql script that applies cleanly on PostgreSQL 13+ and PGlite
 */
export function generateSchema(n) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`table count must be a positive integer, got ${n}`);
  const out = [
    `-- Generated multi-tenant schema: ${n} tables (bench/generate.mjs)`,
    'SET client_min_messages = warning;',
    '',
    'CREATE TABLE public.tenants (',
    '    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,',
    '    name character varying(255) NOT NULL,',
    "    created_at timestamp with time zone DEFAULT now() NOT NULL",
    ');',
    "COMMENT ON TABLE public.tenants IS 'Tenants of the generated schema.';",
    '',
  ];
  for (let i = 1; i < n; i++) {
    const t = tableName(i);
    const parent = i % 3 === 0 && i > 1 ? tableName(i - 1) : null;
    out.push(
      `CREATE TABLE public.${t} (`,
      '    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,',
      '    tenant_id uuid NOT NULL REFERENCES public.tenants(id) ON DELETE CASCADE,',
      ...(parent ? [`    parent_id uuid REFERENCES public.${parent}(id) ON DELETE SET NULL,`] : []),
      '    name character varying(100) NOT NULL,',
      "    status character varying(20) DEFAULT 'active' NOT NULL,",
      '    amount_cents integer DEFAULT 0 NOT NULL,',
      '    ratio numeric(6,5),',
      "    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,",
      '    created_at timestamp with time zone DEFAULT now() NOT NULL,',
      `    CONSTRAINT ck_${t}_status CHECK (status IN ('active', 'pending', 'archived')),`,
      `    CONSTRAINT ck_${t}_amount CHECK (amount_cents >= 0),`,
      `    CONSTRAINT ck_${t}_ratio CHECK (ratio >= 0 AND ratio <= 1)`,
      ');',
      `CREATE INDEX idx_${t}_tenant_created ON public.${t} (tenant_id, created_at DESC);`,
      `CREATE INDEX idx_${t}_pending ON public.${t} (created_at) WHERE status = 'pending';`,
      `ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY;`,
      `ALTER TABLE public.${t} FORCE ROW LEVEL SECURITY;`,
      `CREATE POLICY tenant_isolation_policy ON public.${t} USING (tenant_id = current_setting('app.current_tenant_id')::uuid) WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);`,
      `COMMENT ON TABLE public.${t} IS 'Generated tenant-scoped table ${i}.';`,
      '',
    );
  }
  return out.join('\n');
}

/**
 * Drift for the fix benchmark: appended to generateSchema(n), it changes every tenth table the
 * way real drift does — a renamed column, a dropped index, a widened CHECK, RLS no longer forced,
 * a retyped column — so `skeldir-schema fix` has ~5 divergences per 10 tables to plan and prove.
 */
export function generateDrift(n) {
  const out = ['', '-- Drift (bench/generate.mjs generateDrift)'];
  for (let i = 10; i < n; i += 10) {
    const t = tableName(i);
    out.push(
      `ALTER TABLE public.${t} RENAME COLUMN name TO title;`,
      `DROP INDEX public.idx_${t}_tenant_created;`,
      `ALTER TABLE public.${t} DROP CONSTRAINT ck_${t}_status;`,
      `ALTER TABLE public.${t} ADD CONSTRAINT ck_${t}_status CHECK (status IN ('active', 'pending', 'archived', 'deleted'));`,
      `ALTER TABLE public.${t} NO FORCE ROW LEVEL SECURITY;`,
      `ALTER TABLE public.${t} ALTER COLUMN ratio TYPE numeric(8,5);`,
    );
  }
  return out.join('\n') + '\n';
}

/** A minimal overlay for the generated schema: tenancy by column name only (no tags, no phases). */
export function generateSpecYaml() {
  return [
    'name: Generated bench schema',
    'invariants: {}',
    'defaults: { untagged: MEDIUM, extra: LOW }',
    'tenancy: { column: tenant_id, guc: app.current_tenant_id, tenants_table: public.tenants, app_role: null }',
    'phases: []',
    'elements: []',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generateSchema(Number(process.argv[2] ?? 100)));
}
