import { describe, expect, it } from 'vitest';
import { runRlsSuite } from '../../src/core/rls/suite';
import type { Tenancy } from '../../src/core/spec/types';
import { loadSql } from '../rls/helpers';
import { gname, generateRlsSchema } from './generate';

/** Only the column name: no GUC (inferred from the policies), no tenants table, no app role. */
const BARE: Tenancy = { column: 'tenant_id', guc: '', tenantsTable: null, appRole: null };

describe('generated multi-tenant schema', () => {
  it('100 tables: every table seeded and tested, nothing inconclusive', async () => {
    const { db, model } = await loadSql(generateRlsSchema(100), 'generated-100.sql');
    expect(model.tables).toHaveLength(100);
    const t0 = Date.now();
    const section = await runRlsSuite(db, model, BARE);
    console.log(`generated 100 tables: ${section.tests.length} RLS tests in ${Date.now() - t0} ms`);
    await db.close();
    expect(section.tests.filter((t) => !t.passed).map((t) => `${t.table} ${t.scenario}: ${t.detail}`).slice(0, 10)).toEqual([]);
    expect(new Set(section.tests.map((t) => t.table)).size).toBe(99);
    expect(section.summary.inconclusive).toBe(0);
  }, 300_000);

  it('a table the synthesiser cannot seed is inconclusive with the reason, never passed', async () => {
    const sql = `${generateRlsSchema(3)}
CREATE TABLE public.weird (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES public.tenants (id), shape point NOT NULL);
ALTER TABLE public.weird ENABLE ROW LEVEL SECURITY;
CREATE POLICY iso ON public.weird USING (tenant_id = current_setting('app.tenant')::uuid);`;
    const { db, model } = await loadSql(sql, 'weird.sql');
    const section = await runRlsSuite(db, model, BARE);
    await db.close();
    const weird = section.tests.filter((t) => t.table === 'public.weird');
    expect(weird.find((t) => t.scenario === 'rls_enabled')?.outcome).toBe('passed');
    expect(weird.find((t) => t.scenario === 'rls_forced')?.outcome).toBe('failed');
    const rest = weird.filter((t) => !['rls_enabled', 'rls_forced'].includes(t.scenario));
    expect(rest.every((t) => t.outcome === 'inconclusive')).toBe(true);
    expect(rest[0].detail).toMatch(/shape: no value generator for type point/);
    expect(section.tests.filter((t) => t.table === `public.${gname(1)}`).every((t) => t.passed)).toBe(true);
  }, 120_000);
});
