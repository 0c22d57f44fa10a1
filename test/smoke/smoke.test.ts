import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db';
import { InputError } from '../../src/core/errors';
import type { SchemaModel } from '../../src/core/model';
import { parseSmokeTests } from '../../src/core/smoke/parse';
import { runSmokeTests } from '../../src/core/smoke/run';
import type { SmokeTest } from '../../src/core/smoke/types';
import { loadSql, read, SKELDIR_TENANCY, skeldirOverrides } from '../rls/helpers';

const files = readdirSync(new URL('../../schema/smoke/', import.meta.url)).filter((f) => f.endsWith('.yaml')).sort();
const all: SmokeTest[] = files.flatMap((f) => parseSmokeTests(read(`schema/smoke/${f}`), `schema/smoke/${f}`));

describe('smoke tests on the canonical schema', () => {
  let db: Db;
  let model: SchemaModel;
  beforeAll(async () => {
    ({ db, model } = await loadSql(read('schema/canonical_schema.sql'), 'schema/canonical_schema.sql'));
  }, 120_000);
  afterAll(async () => db?.close());

  it('every smoke test passes, as the app role with a tenant set', async () => {
    const section = await runSmokeTests(db, model, all, SKELDIR_TENANCY, { overrides: skeldirOverrides() });
    console.log(`smoke: ${section.tests.length} tests in ${section.ms} ms`);
    expect(section.tests.filter((t) => !t.passed).map((t) => `${t.id}: ${t.outcome}: ${t.detail}\n${t.sql}`)).toEqual([]);
    expect(section.tests.length).toBe(all.length);
  }, 120_000);

  it('covers every phase of the overlay', () => {
    expect([...new Set(all.map((t) => t.phase))].sort()).toEqual(['b0.3', 'b0.4', 'b0.5', 'b1.2', 'b2.1', 'b2.2', 'b2.3', 'b2.4']);
  });

  it('a missing precondition fails the test with the reason, and phases filter', async () => {
    const tests = parseSmokeTests(`
phase: b9.9
tests:
  - id: needs-missing
    requires: [public.tenants.no_such_column]
    sql: SELECT 1
    expect: { rows: 1 }
  - id: other-phase
    phase: b0.0
    sql: SELECT 1
    expect: { rows: 1 }
`, 'inline.yaml');
    const section = await runSmokeTests(db, model, tests, SKELDIR_TENANCY, { phases: ['b9.9'] });
    expect(section.tests).toHaveLength(1);
    expect(section.tests[0]).toMatchObject({ id: 'needs-missing', outcome: 'failed', passed: false });
    expect(section.tests[0].detail).toMatch(/precondition missing: public\.tenants\.no_such_column does not exist/);
  });

  it('a wrong expectation fails (the runner can fail)', async () => {
    const tests = parseSmokeTests(`
phase: x
tests:
  - { id: wrong-rows, sql: "SELECT 1", expect: { rows: 2 } }
  - { id: wrong-error, sql: "SELECT 1", expect: { error: "23505" } }
  - { id: wrong-index, seed: [{ table: public.dead_events }], sql: "SELECT * FROM public.dead_events WHERE remediation_status = 'pending'", expect: { uses_index: idx_events_processing_status } }
  - { id: app-cannot-update-tenants, sql: "UPDATE public.tenants SET name = name", expect: { affected: 0 } }
`, 'inline.yaml');
    const section = await runSmokeTests(db, model, tests, SKELDIR_TENANCY, { overrides: skeldirOverrides() });
    expect(section.tests.map((t) => [t.id, t.outcome])).toEqual([
      ['wrong-rows', 'failed'], ['wrong-error', 'failed'], ['wrong-index', 'failed'], ['app-cannot-update-tenants', 'failed'],
    ]);
    expect(section.tests[3].detail).toMatch(/42501/);
  });
});

describe('parseSmokeTests', () => {
  it('reports bad input with file, line and column', () => {
    const bad = (yaml: string) => { try { parseSmokeTests(yaml, 'bad.yaml'); } catch (e) { return e as InputError; } throw new Error('no error'); };
    let e = bad('phase: b0.3\ntests:\n  - id: a\n    sql: SELECT 1\n    expect: { rowz: 1 }\n');
    expect(e).toBeInstanceOf(InputError);
    expect(e.location).toMatchObject({ source: 'bad.yaml', line: 5, column: 15 });
    expect(e.message).toMatch(/unknown expectation `rowz`/);
    e = bad('phase: b0.3\ntests:\n  - id: a\n    expect: { rows: 1 }\n');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/no `sql`/);
    e = bad('phase: b0.3\ntests:\n  - id: a\n    sql: x\n    expect: { error: nope }\n');
    expect(e.message).toMatch(/SQLSTATE/);
    e = bad('phase: [\n');
    expect(e.message).toMatch(/invalid YAML/);
    expect(e.location.line).toBeGreaterThan(0);
  });
});
