/**
 * fixtures/rls_models: tenancy models (a custom GUC, Supabase-style JWT claims with
 * membership tables and a SECURITY DEFINER helper, role per tenant), each a real PG15 pg_dump of
 * a correct schema (`correct/`, the canonical) and leaky variants. Checked WITHOUT an overlay:
 * the canonical is the oracle. A correct schema fails nothing, with ≥ 80 % of tests conclusive
 * and real rows seen; every leaky variant fails the scenario(s) on the table its expected.json
 * names, and the check exits 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCanonical, runCheck, type PreparedCanonical } from '../../src/core/pipeline';
import { factory } from './helpers';

const root = new URL('../../fixtures/rls_models/', import.meta.url);
const models = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const env = { factory, now: () => new Date(0), toolVersion: 'test' };
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

interface Expected { description: string; failed: { table: string; scenario: string }[] }

describe.each(models)('fixtures/rls_models/%s', (model) => {
  const cases = readdirSync(new URL(`${model}/`, root), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  let canonical: PreparedCanonical | null = null;
  const canon = async () => (canonical ??= await prepareCanonical({ name: `${model}/correct/dump.sql`, sql: read(`${model}/correct/dump.sql`) }, env));
  afterAll(async () => { await canonical?.db.close(); });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(read(`${model}/${name}/expected.json`)) as Expected;
    const { report, dumpDb } = await runCheck({ canonical: { name: `${model}/correct/dump.sql`, sql: read(`${model}/correct/dump.sql`) }, spec: null, dump: { name: `${model}/${name}/dump.sql`, sql: read(`${model}/${name}/dump.sql`) }, phase: 'all' }, env, { canonical: await canon() });
    await dumpDb.close();
    const rls = report.rls!;
    const key = (t: { table: string; scenario: string }) => `${t.table} ${t.scenario}`;
    const failed = rls.tests.filter((t) => t.outcome === 'failed');
    if (process.env.RLS_MODELS_DEBUG) console.log(model, name, rls.summary, rls.dump?.identity, '\n' + rls.tests.map((t) => `  ${t.outcome.padEnd(12)} ${key(t)}: ${t.detail}`).join('\n'), JSON.stringify(rls.dump?.principals.map((p) => p.world.filter((w) => w.error))));
    expect(rls.mode).toBe('oracle');
    if (expected.failed.length === 0) {
      expect(failed.map((t) => `${key(t)}: ${t.detail}`)).toEqual([]);
      const conclusive = (rls.summary.passed + rls.summary.failed) / rls.tests.length;
      expect(conclusive, `${rls.summary.inconclusive} of ${rls.tests.length} inconclusive`).toBeGreaterThanOrEqual(0.8);
      // real rows seen: every table's positive control read a row
      const seen = rls.tests.filter((t) => t.scenario === 'own_rows_visible' && t.outcome === 'passed' && (t.rows?.length ?? 0) > 0);
      expect(seen.map((t) => t.table).sort()).toEqual([...new Set(rls.tests.map((t) => t.table))].sort());
      expect(report.exit_code).not.toBe(1);
    } else {
      for (const e of expected.failed) expect(failed.map(key), `${key(e)} must fail`).toContain(key(e));
      expect(failed.every((t) => t.severity === 'BLOCKING' || t.severity === 'HIGH')).toBe(true);
      expect(report.exit_code).toBe(1);
    }
  }, 300_000);
});
