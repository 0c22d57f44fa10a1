/**
 * The default sample dump prepared at build time (src/adapters/browser/build/prepare-sample.ts)
 * must be exactly the load the page would do itself: the same load summary, and a full check
 * (structure, RLS, smoke) with it reports the same as one that loads the dump; runCheck takes
 * it only for that very text, without COPY data or watchdog stops.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreparedSample } from '../../src/adapters/browser/build/prepare-sample';
import { pgliteFactory, wrapPglite } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { runCheck, sha256Hex, type EngineEnv, type PreloadedDump } from '../../src/core/pipeline';
import type { Report } from '../../src/core/report/types';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const NAME = 'legacy_head.sql';
const dump = { name: NAME, sql: read(`schema/samples/${NAME}`) };
const input = {
  canonical: { name: 'schema/canonical_schema.sql', sql: read('schema/canonical_schema.sql') },
  spec: { name: 'schema/canonical_schema.yaml', yaml: read('schema/canonical_schema.yaml') },
  seeds: { name: 'schema/seeds/skeldir.yaml', yaml: read('schema/seeds/skeldir.yaml') },
  dump, phase: 'all',
};
const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date('2025-11-15T10:45:00Z'), toolVersion: 'test' };

let built: Awaited<ReturnType<typeof buildPreparedSample>>;
const open = async (): Promise<Db> => wrapPglite(await PGlite.create({ loadDataDir: new Blob([built.dataDir], { type: 'application/x-gzip' }) }), built.meta.extensions);
const preloaded = async (): Promise<PreloadedDump> => ({ name: built.meta.name, sha256: built.meta.sha256, summary: built.meta.summary, db: await open() });
/** What must not depend on how the dump got loaded (times and the load's ms aside). */
const essence = (r: Report) => ({
  verdict: r.verdict, exit_code: r.exit_code, divergences: r.divergences, phases: r.phases,
  load: { ...r.load.dump, ms: 0 },
  rls: r.rls && { ...r.rls, ms: 0 }, smoke: r.smoke && { ...r.smoke, ms: 0 },
});

beforeAll(async () => {
  built = await buildPreparedSample(NAME, dump.sql);
});

describe('prebuilt sample dump', () => {
  it('is keyed by the name and sha256 of the text it was built from', async () => {
    expect(built.meta).toMatchObject({ name: NAME, sha256: (await sha256Hex(dump.sql)).sha256 });
    expect(built.meta.summary.errors).toEqual([]);
  });

  it('a full check with it reports what a check that loads the dump reports', async () => {
    const a = await runCheck(input, env);
    const b = await runCheck(input, env, { dump: await preloaded() });
    try {
      expect(b.report.timings.load_dump_prepared).toBe(1);
      expect(a.report.timings.load_dump_prepared).toBeUndefined();
      expect(essence(b.report)).toEqual(essence(a.report));
      expect(b.dumpModel).toEqual(a.dumpModel);
    } finally {
      await a.dumpDb.close();
      await b.dumpDb.close();
      await a.canonicalDb.close();
      await b.canonicalDb.close();
    }
  });

  it('is not used for another text, or with COPY data, or with watchdog stops', async () => {
    for (const [other, otherEnv] of [
      [{ ...input, dump: { name: NAME, sql: dump.sql + '\n-- edited\n' } }, env],
      [input, { ...env, withData: true }],
      [input, { ...env, stops: [{ source: 'x.sql', input: 'dump:x', line: 1, endLine: 1, batch: false, reason: 'timeout' as const, message: 'm' }] }],
    ] as const) {
      const r = await runCheck(other, otherEnv, { dump: await preloaded() });
      try {
        expect(r.report.timings.load_dump_prepared).toBeUndefined();
      } finally {
        await r.dumpDb.close();
        await r.canonicalDb.close();
      }
    }
  });
});
