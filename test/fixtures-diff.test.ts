/**
 * One parameterised test over fixtures/diff/<family>/<case>/: the family's canonical.sql
 * against the case's REAL pg_dump (Debian PostgreSQL 15) of canonical.sql + change.sql, with
 * no overlay. expected.json lists every divergence as [id, severity] in report order and the
 * exit code; `clean` is the identical pair (PASS, exit 0). Adding a case is adding a folder.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../src/adapters/pglite';
import { prepareCanonical, runCheck, type EngineEnv, type PreparedCanonical } from '../src/core/pipeline';

interface Expected { description: string; exit_code: number; divergences: [string, string][] }

const root = 'fixtures/diff';
const families = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

for (const family of families) {
  const dir = join(root, family);
  const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  describe(`diff fixtures: ${family}`, () => {
    const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date(), toolVersion: 'test' };
    const canonical = { name: join(dir, 'canonical.sql'), sql: readFileSync(join(dir, 'canonical.sql'), 'utf8') };
    let prepared: PreparedCanonical;
    beforeAll(async () => {
      prepared = await prepareCanonical(canonical, env);
      expect(prepared.summary.errors, 'the canonical loads completely').toEqual([]);
    }, 120_000);
    afterAll(async () => prepared?.db.close());

    it('has an identical-pair case', () => expect(cases).toContain('clean'));

    it.each(cases)('%s', async (name) => {
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as Expected;
      const dump = { name: join(dir, name, 'dump.sql'), sql: readFileSync(join(dir, name, 'dump.sql'), 'utf8') };
      const r = await runCheck({ canonical, dump, spec: null, phase: 'all' }, env, { canonical: prepared });
      await r.dumpDb.close();
      expect(r.report.load.dump.errors, 'a real pg_dump loads without errors').toEqual([]);
      expect(r.report.divergences.map((d) => [d.id, d.severity])).toEqual(expected.divergences);
      expect(r.report.exit_code).toBe(expected.exit_code);
      if (name === 'clean') expect(r.report.verdict).toBe('PASS');
    }, 120_000);
  });
}
