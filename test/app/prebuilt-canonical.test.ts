/**
 * The canonical side prepared at build time (src/adapters/browser/build/prepare-canonical.ts)
 * must be exactly what the page would compute itself: its data directory, reopened, introspects
 * to the same SchemaModel; a check run with it gives the same divergences as one without; and
 * it is used only for the very text it was built from.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreparedCanonical } from '../../src/adapters/browser/build/prepare-canonical';
import { lazyDb, preparedFromPrebuilt, type PrebuiltCanonical } from '../../src/adapters/browser/prebuilt-canonical';
import { pgliteFactory, wrapPglite } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { introspect } from '../../src/core/introspect/introspect';
import { prepareCanonical, runCheck, sha256Hex, type EngineEnv } from '../../src/core/pipeline';

const NAME = 'schema/canonical_schema.sql';
const sql = readFileSync(new URL(`../../${NAME}`, import.meta.url), 'utf8');
const spec = { name: 'schema/canonical_schema.yaml', yaml: readFileSync(new URL('../../schema/canonical_schema.yaml', import.meta.url), 'utf8') };
const dump = { name: 'legacy_head.sql', sql: readFileSync(new URL('../../schema/samples/legacy_head.sql', import.meta.url), 'utf8') };
const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date('2025-11-15T10:45:00Z'), toolVersion: 'test' };

let built: Awaited<ReturnType<typeof buildPreparedCanonical>>;
const prebuilt = (): PrebuiltCanonical => ({ url: 'mem:canonical', meta: built.meta });
const open = async (_url: string, extensions: readonly string[]): Promise<Db> =>
  wrapPglite(await PGlite.create({ loadDataDir: new Blob([built.dataDir], { type: 'application/x-gzip' }) }), extensions);

beforeAll(async () => {
  built = await buildPreparedCanonical(NAME, sql);
});

describe('prebuilt canonical', () => {
  it('is keyed by the name and sha256 of the text it was built from', async () => {
    const { sha256, bytes } = await sha256Hex(sql);
    expect(built.meta).toMatchObject({ name: NAME, sha256, bytes });
    expect(preparedFromPrebuilt(prebuilt(), NAME, sha256, open)).not.toBeNull();
    expect(preparedFromPrebuilt(prebuilt(), 'other.sql', sha256, open)).toBeNull();
    expect(preparedFromPrebuilt(prebuilt(), NAME, (await sha256Hex(sql + '\n-- edited')).sha256, open)).toBeNull();
    expect(preparedFromPrebuilt(null, NAME, sha256, open)).toBeNull();
  });

  it('reopens to a database that introspects to the prebuilt model', async () => {
    const prepared = preparedFromPrebuilt(prebuilt(), NAME, built.meta.sha256, open)!;
    try {
      expect(await introspect(prepared.db)).toEqual(built.meta.model);
    } finally {
      await prepared.db.close();
    }
  });

  it('matches what the page would prepare itself, and a check with it reports the same', async () => {
    const fresh = await prepareCanonical({ name: NAME, sql }, env);
    const prepared = preparedFromPrebuilt(prebuilt(), NAME, built.meta.sha256, open)!;
    try {
      expect(built.meta.model).toEqual(fresh.model);
      expect({ ...built.meta.summary, ms: 0 }).toEqual({ ...fresh.summary, ms: 0 });
      const input = { canonical: { name: NAME, sql }, spec, dump, phase: 'all', behaviour: false };
      const a = await runCheck(input, env, { canonical: fresh });
      const b = await runCheck(input, env, { canonical: prepared });
      expect(b.report.divergences).toEqual(a.report.divergences);
      expect(b.report.verdict).toBe(a.report.verdict);
      await a.dumpDb.close();
      await b.dumpDb.close();
    } finally {
      await fresh.db.close();
      await prepared.db.close();
    }
  });
});

describe('lazyDb', () => {
  it('starts the database on first use only, and closing an unstarted one costs nothing', async () => {
    let starts = 0;
    const db = lazyDb(async () => { starts++; return wrapPglite(await PGlite.create()); });
    expect(db.started).toBe(false);
    await db.close();
    expect(starts).toBe(0);
    const db2 = lazyDb(async () => { starts++; return wrapPglite(await PGlite.create()); });
    const r = await db2.query<{ one: number }>('SELECT 1 AS one');
    await db2.query('SELECT 2');
    expect(r.rows[0].one).toBe(1);
    expect(starts).toBe(1);
    await db2.close();
  });
});
