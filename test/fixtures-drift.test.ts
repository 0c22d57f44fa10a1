/**
 * Every folder in fixtures/drift/ is one case: a REAL pg_dump (Debian PostgreSQL 15) of the
 * canonical schema plus one deliberate drift (change.sql), and expected.json — the exit code and
 * the divergences {kind, object_type, object, severity}; `exact: true` means no other divergence
 * may appear. Adding a case is adding a folder (fixtures/drift/make.sh regenerates dumps).
 * Structural check only (behaviour: false): the RLS suite has its own fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../src/adapters/pglite';
import { prepareCanonical, runCheck, type EngineEnv, type PreparedCanonical } from '../src/core/pipeline';

interface Expected {
  description: string;
  exit_code: 0 | 1 | 2;
  divergences: { kind: string; object_type: string; object: string; severity: string }[];
  exact: boolean;
}

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'fixtures', 'drift');
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DIR, d.name, 'expected.json')))
  .map((d) => d.name)
  .sort();

const canonical = { name: 'schema/canonical_schema.sql', sql: readFileSync(join(ROOT, 'schema', 'canonical_schema.sql'), 'utf8') };
const spec = { name: 'schema/canonical_schema.yaml', yaml: readFileSync(join(ROOT, 'schema', 'canonical_schema.yaml'), 'utf8') };
const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date('2025-11-15T10:45:00Z'), toolVersion: 'test' };
let prepared: PreparedCanonical;

beforeAll(async () => {
  prepared = await prepareCanonical(canonical, env);
  expect(prepared.summary.errors).toEqual([]);
});
afterAll(async () => {
  await prepared?.db.close();
});

const key = (d: { kind: string; object_type: string; object: string; severity: string }) => `${d.kind} ${d.object_type} ${d.object} ${d.severity}`;

describe('fixtures/drift', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
    const dump = { name: `fixtures/drift/${name}/dump.sql`, sql: readFileSync(join(DIR, name, 'dump.sql'), 'utf8') };
    const { report, dumpDb } = await runCheck({ canonical, spec, dump, phase: 'all', behaviour: false }, env, { canonical: prepared });
    await dumpDb.close();
    expect(report.load.dump.errors, 'a real pg_dump loads without errors').toEqual([]);
    const actual = report.divergences.map(key).sort();
    const wanted = expected.divergences.map(key).sort();
    if (expected.exact) expect(actual, expected.description).toEqual(wanted);
    else expect(actual, expected.description).toEqual(expect.arrayContaining(wanted));
    expect(report.exit_code, expected.description).toBe(expected.exit_code);
  });
});
