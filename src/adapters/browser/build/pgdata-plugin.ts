/**
 * Build-time only (Vite plugin, runs in Node): boots PGlite once, dumps its freshly initialised
 * data directory (`dumpDataDir('gzip')`) and emits it as an asset. The browser worker starts its
 * databases from it (`loadDataDir`) instead of running initdb in the page, which is the slowest
 * part of a cold start. `virtual:skeldir-pgdata` exports the asset's URL (null in dev, where the
 * worker falls back to initdb).
 *
 * The data directory is portable: PGlite is the same WASM build in Node and in the browser.
 */
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:skeldir-pgdata';
const RESOLVED = '\0' + VIRTUAL;

export function pgdataPlugin(): Plugin {
  let build = false;
  let data: Promise<Uint8Array> | null = null;
  return {
    name: 'skeldir-pgdata',
    configResolved(config) {
      build = config.command === 'build';
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      if (!build) return 'export default null;';
      data ??= (async () => {
        const { PGlite } = await import('@electric-sql/pglite');
        const pg = await PGlite.create();
        const blob = await pg.dumpDataDir('gzip');
        await pg.close();
        return new Uint8Array(await blob.arrayBuffer());
      })();
      // `.bin`, not `.tar.gz`: static servers must not add Content-Encoding and unpack it on the way.
      const ref = this.emitFile({ type: 'asset', name: 'pgdata.bin', source: await data });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
