/**
 * Build-time only (runs in Node, imported by pgdata-plugin.ts through Vite's module runner so the
 * core's `?raw` SQL imports resolve): loads the bundled canonical SQL into PGlite with the very
 * code the page runs (`prepareCanonical`), then keeps its data directory and what it learned —
 * the introspected SchemaModel and the load summary — so the page can skip that work when the
 * canonical text is unchanged (same name and sha256; see prebuilt-canonical.ts).
 *
 * The data directory is portable: PGlite is the same WASM build in Node and in the browser.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { DbFactory } from '../../../core/db';
import { prepareCanonical } from '../../../core/pipeline';
import { wrapPglite } from '../../pglite';
import { isSupportedExtension, loadExtensions } from '../../pglite-extensions';
import type { PrebuiltCanonicalMeta } from '../prebuilt-canonical';

type Extensions = NonNullable<PGliteOptions['extensions']>;

export async function buildPreparedCanonical(name: string, sql: string): Promise<{ dataDir: Uint8Array<ArrayBuffer>; meta: PrebuiltCanonicalMeta }> {
  // The loader creates exactly one database; remember it (and its extensions) to dump it.
  let made: { pg: PGlite; extensions: string[] } | null = null;
  const factory = (names: readonly string[]): DbFactory => ({
    async create() {
      const pg = await PGlite.create({ extensions: (await loadExtensions(names)) as Extensions });
      made = { pg, extensions: [...names] };
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => factory([...names, ...more]),
    supportsExtension: isSupportedExtension,
  });
  const prepared = await prepareCanonical({ name, sql }, { factory: factory([]), now: () => new Date(), toolVersion: 'build' });
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
