import { describe, expect, it } from 'vitest';
import { runRlsSuite } from '../../src/core/rls/suite';
import { loadSql, read, SKELDIR_TENANCY, skeldirOverrides } from './helpers';

describe('RLS suite on the canonical Skeldir schema', () => {
  it('passes every scenario on every tenant table, none inconclusive', async () => {
    const { db, model } = await loadSql(read('schema/canonical_schema.sql'), 'schema/canonical_schema.sql');
    const section = await runRlsSuite(db, model, SKELDIR_TENANCY, { overrides: skeldirOverrides() });
    const bad = section.tests.filter((t) => !t.passed).map((t) => `${t.table} ${t.scenario}: ${t.outcome}: ${t.detail}`);
    console.log(`skeldir RLS suite: ${section.tests.length} tests in ${section.ms} ms`);
    expect(bad).toEqual([]);
    expect(new Set(section.tests.map((t) => t.table)).size).toBe(6);
    // the loaded database itself is untouched
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM public.tenants')).rows[0].n).toBe(0);
    await db.close();
  }, 120_000);
});
