/**
 * One parameterised test for the fixtures/rls family: each folder is a real PG15 pg_dump of the
 * canonical schema with one breakage (break.sql); expected.json lists the (table, scenario)
 * pairs that must fail. Everything else must pass — no inconclusive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRlsSuite } from '../../src/core/rls/suite';
import { loadSql, SKELDIR_TENANCY, skeldirOverrides } from './helpers';

const root = new URL('../../fixtures/rls/', import.meta.url);
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface Expected { description: string; tenant_tables: number; failed: { table: string; scenario: string }[] }

describe('fixtures/rls', () => {
  it('has the cases the issue asks for', () => {
    for (const c of ['clean', 'using_true', 'with_check_true', 'extra_permissive_select', 'rls_disabled', 'force_off', 'tenant_not_null', 'opens_when_unset', 'select_only', 'leak_and_disabled']) {
      expect(cases).toContain(c);
    }
  });

  it.each(cases)('%s', async (name) => {
    const dump = readFileSync(new URL(`${name}/dump.sql`, root), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, root), 'utf8')) as Expected;
    const { db, model } = await loadSql(dump, `fixtures/rls/${name}/dump.sql`);
    const section = await runRlsSuite(db, model, SKELDIR_TENANCY, { overrides: skeldirOverrides() });
    await db.close();
    const key = (t: { table: string; scenario: string }) => `${t.table} ${t.scenario}`;
    expect(section.tests.filter((t) => t.outcome === 'inconclusive').map((t) => `${key(t)}: ${t.detail}`)).toEqual([]);
    expect(section.tests.filter((t) => t.outcome === 'failed').map(key).sort()).toEqual(expected.failed.map(key).sort());
    expect(new Set(section.tests.map((t) => t.table)).size).toBe(expected.tenant_tables);
    expect(section.summary.failed).toBe(expected.failed.length);
  }, 120_000);
});
