/** The PGlite factory: one initdb template for every extension set, or a prebuilt one. */
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';

describe('pgliteFactory templates', () => {
  it('starts databases with and without extensions from the same template', async () => {
    const factory = pgliteFactory();
    const plain = await factory.create();
    const withCrypto = await factory.withExtensions(['pgcrypto']).create();
    try {
      await withCrypto.exec('CREATE EXTENSION pgcrypto');
      expect((await withCrypto.query<{ n: number }>("select length(digest('x', 'sha256'))::int as n")).rows[0].n).toBe(32);
      expect((await plain.query<{ n: number }>("select count(*)::int as n from pg_extension where extname = 'pgcrypto'")).rows[0].n).toBe(0);
    } finally {
      await Promise.all([plain.close(), withCrypto.close()]);
    }
  });

  it('uses a prebuilt data directory instead of initdb, and falls back to initdb when there is none', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    // The adapter's Db has no dump: make the prebuilt directory with PGlite itself.
    const pg = await PGlite.create();
    await pg.exec('CREATE TABLE from_prebuilt (a int)');
    const prebuilt = await pg.dumpDataDir('none');
    await pg.close();

    const db = await pgliteFactory({ template: async () => prebuilt }).create();
    const fallback = await pgliteFactory({ template: async () => null }).create();
    try {
      const has = async (d: typeof db) => (await d.query<{ n: number }>("select count(*)::int as n from pg_class where relname = 'from_prebuilt'")).rows[0].n;
      expect(await has(db)).toBe(1);
      expect(await has(fallback)).toBe(0);
    } finally {
      await Promise.all([db.close(), fallback.close()]);
    }
  });
});
