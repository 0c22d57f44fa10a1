/**
 * Build-time only (runs in Node, imported by pgdata-plugin.ts through Vite's module runner so the
 * core's `?raw` SQL imports resolve): loads the bundled canonical SQL into PGlite with the very
 * code the page runs (`prepareCanonical`), then keeps its data directory and what it learned —
 * the introspected SchemaModel and the load summary — so the page can skip that work when the
 * canonical text is unchanged (same name and sha256; see prebuilt-canonical.ts).
 *
 * The data directory is portable: PGlite is the same WASM build in Node and in the browser.
 */
import type { PGlite } from '@electric-sql/pglite';
import { prepareCanonical } from '../../../core/pipeline';
import { pgliteFactory } from '../../pglite';
import type { PrebuiltCanonicalMeta } from '../prebuilt-canonical';

export async function buildPreparedCanonical(name: string, sql: string): Promise<{ dataDir: Uint8Array<ArrayBuffer>; meta: PrebuiltCanonicalMeta }> {
  // The loader creates exactly one database; remember it (and its extensions) to dump it.
  let made: { pg: PGlite; extensions: string[] } | null = null;
  const factory = pgliteFactory({ onStart: (pg, extensions) => { made = { pg, extensions: [...extensions] }; } });
  const prepared = await prepareCanonical({ name, sql }, { factory, now: () => new Date(), toolVersion: 'build' });
  const db = made as { pg: PGlite; extensions: string[] } | null;
  if (!db) throw new Error('prepareCanonical created no database');
  try {
    const blob = await db.pg.dumpDataDir('gzip');
    return {
      dataDir: new Uint8Array(await blob.arrayBuffer()),
      meta: {
        name: prepared.name, sha256: prepared.sha256, bytes: prepared.bytes,
        model: prepared.model, summary: prepared.summary, extensions: db.extensions,
      },
    };
  } finally {
    await prepared.db.close();
  }
}
