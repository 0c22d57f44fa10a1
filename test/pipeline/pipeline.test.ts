/**
 * runCheck end to end on the bundled Skeldir data: the clean real pg_dump passes every RLS and
 * smoke test and every gate; the report is deterministic apart from the documented fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { InputError } from '../../src/core/errors';
import { prepareCanonical, runCheck, sha256Hex, type CheckInput, type EngineEnv, type PreparedCanonical } from '../../src/core/pipeline';
import { toJson } from '../../src/core/report';
import type { Report } from '../../src/core/report/types';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string) => ({ name: p, text: readFileSync(join(ROOT, p), 'utf8') });
const canonical = { name: 'schema/canonical_schema.sql', sql: read('schema/canonical_schema.sql').text };
const spec = { name: 'schema/canonical_schema.yaml', yaml: read('schema/canonical_schema.yaml').text };
const smoke = readdirSync(join(ROOT, 'schema', 'smoke')).filter((f) => f.endsWith('.yaml')).sort()
  .map((f) => ({ name: `schema/smoke/${f}`, yaml: read(`schema/smoke/${f}`).text }));
const seeds = { name: 'schema/seeds/skeldir.yaml', yaml: read('schema/seeds/skeldir.yaml').text };
const clean = { name: 'fixtures/drift/clean/dump.sql', sql: read('fixtures/drift/clean/dump.sql').text };
const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date('2025-11-15T10:45:00Z'), toolVersion: 'test' };
const input: CheckInput = { canonical, spec, dump: clean, phase: 'all', smoke, seeds };
let prepared: PreparedCanonical;

/**
 * The report minus what measures the run — exactly the documented contract (pipeline.ts):
 * `generated_at`, `timings` and the `ms` fields. Nothing else is masked: synthesised uuids and
 * timestamps in RLS/smoke sql, detail and sample rows must be the same bytes too.
 */
function stable(r: Report): string {
  return toJson({
    ...r, timings: {}, generated_at: '',
    load: { canonical: { ...r.load.canonical, ms: 0 }, dump: { ...r.load.dump, ms: 0 } },
    rls: r.rls && { ...r.rls, ms: 0 }, smoke: r.smoke && { ...r.smoke, ms: 0 },
  });
}

/** Run `fn` with the host time zone set to `tz` (PGlite parses some date/time values in it). */
async function inTimeZone<T>(tz: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

beforeAll(async () => {
  prepared = await prepareCanonical(canonical, env);
});
afterAll(async () => prepared?.db.close());

describe('runCheck', () => {
  it('clean real pg_dump: no divergence, RLS and smoke all pass, every phase PASS, exit 0; deterministic', async () => {
    const a = await runCheck(input, env, { canonical: prepared });
    const r = a.report;
    expect(r.divergences).toEqual([]);
    expect(r.rls?.summary).toMatchObject({ failed: 0, inconclusive: 0 });
    expect(r.smoke, 'smoke tests ran').not.toBeNull();
    expect(r.smoke!.tests.filter((t) => t.outcome !== 'passed').map((t) => `${t.id}: ${t.detail}`)).toEqual([]);
    expect(Object.entries(r.phases).filter(([, g]) => g.status !== 'PASS').map(([id, g]) => `${id}: ${g.reason}`)).toEqual([]);
    expect(r.exit_code).toBe(0);
    for (const k of ['load_canonical', 'introspect_canonical', 'load_dump', 'introspect_dump', 'compare', 'rls', 'smoke', 'gates', 'total',
      'start_canonical', 'start_dump', 'scratch_rls', 'scratch_smoke']) {
      expect(r.timings[k], k).toBeGreaterThanOrEqual(0);
    }
    // The suites ran in a rolled-back transaction on the loaded dump, not in copies of it.
    expect(Object.keys(r.timings).filter((k) => k.startsWith('clone_'))).toEqual([]);
    expect(r.inputs.find((i) => i.role === 'dump')).toEqual({ role: 'dump', name: clean.name, ...(await sha256Hex(clean.sql)) });
    // A second run, in another host time zone and at another clock reading: the same bytes
    // apart from the measured fields. Row data is really in there (not trivially equal).
    const b = await inTimeZone('Asia/Tokyo', () => runCheck(input, { ...env, now: () => new Date('2030-01-01T00:00:00Z') }, { canonical: prepared }));
    expect(b.report.generated_at).not.toBe(r.generated_at);
    expect(stable(b.report)).toBe(stable(r));
    expect(toJson(b.report)).not.toBe(toJson(r)); // the mask is needed, i.e. it hides something
    const sampled = r.rls!.tests.flatMap((t) => t.rows ?? []);
    expect(sampled.length).toBeGreaterThan(0);
    expect(JSON.stringify(sampled)).toMatch(/"id":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/);
    expect(JSON.stringify(sampled)).toMatch(/"created_at":"2025-01-01T/); // synthesised from the fixed epoch, not the clock
    await Promise.all([a.dumpDb.close(), b.dumpDb.close()]);
  });

  it('--phase scope runs only that scope\'s smoke tests; the structural result streams first', async () => {
    const seen: string[] = [];
    const structural: Report[] = [];
    const streaming: EngineEnv = {
      ...env,
      onProgress: (stage) => { if (seen.at(-1) !== stage) seen.push(stage); },
      onStructural: ({ report }) => { structural.push(report); seen.push('structural'); },
    };
    const { report, dumpDb } = await runCheck({ ...input, phase: 'b1.2' }, streaming, { canonical: prepared });
    await dumpDb.close();
    // Once, after the compare and before the behaviour checks: divergences final, RLS/smoke not run yet.
    expect(seen.filter((s) => s === 'structural')).toHaveLength(1);
    expect(seen.indexOf('structural')).toBe(seen.indexOf('compare') + 1);
    expect(seen.indexOf('rls')).toBeGreaterThan(seen.indexOf('structural'));
    expect(structural[0].rls).toBeNull();
    expect(structural[0].smoke).toBeNull();
    expect(structural[0].divergences).toEqual(report.divergences);
    expect(report.rls).not.toBeNull();
    expect(Object.keys(report.phases)).toEqual(['b0.3', 'b1.2']);
    expect(new Set(report.smoke?.tests.map((t) => t.phase))).toEqual(new Set(['b0.3', 'b1.2']));
  });

  it('sha256 is the Web Crypto digest of the UTF-8 text', async () => {
    expect(await sha256Hex('abc')).toEqual({ sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 });
  });

  it('unknown phase and broken overlay are input errors before any load', async () => {
    await expect(runCheck({ ...input, phase: 'b7.7' }, env)).rejects.toBeInstanceOf(InputError);
    await expect(runCheck({ ...input, spec: { name: 'bad.yaml', yaml: 'phases: [\n' } }, env)).rejects.toMatchObject({ name: 'InputError', location: { source: 'bad.yaml' } });
  });
});
