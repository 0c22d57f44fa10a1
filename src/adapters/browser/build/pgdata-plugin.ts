/**
 * Build-time only (Vite plugin, runs in Node). Two virtual modules for the engine worker:
 *
 * - `virtual:skeldir-pgdata`: the URL of a freshly initialised PGlite data directory
 *   (`dumpDataDir('gzip')`), so the page starts its databases from it (`loadDataDir`) instead of
 *   running initdb. null in dev, where the worker falls back to initdb.
 * - `virtual:skeldir-canonical`: the bundled canonical schema prepared ahead (a data directory
 *   with it loaded, its SchemaModel and load summary; build/prepare-canonical.ts), keyed by the
 *   sha256 of schema/canonical_schema.sql. null in dev. The page uses it only while the canonical
 *   text is unchanged; that takes the canonical load + introspection off the first verdict.
 *
 * - `virtual:skeldir-sample`: the sample dump a first visit opens, loaded ahead the same way
 *   (build/prepare-sample.ts): its data directory and load summary, keyed by name and sha256.
 *   The page's first check of exactly that text starts it instead of loading the dump.
 *
 * `SKELDIR_NO_PREBUILT_CANONICAL=1` / `SKELDIR_NO_PREBUILT_SAMPLE=1` at build time leave them out (A/B benchmarking).
 *
 * The data directories are portable: PGlite is the same WASM build in Node and in the browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { defaultSampleName } from '../default-sample';

const VIRTUAL = 'virtual:skeldir-pgdata';
const CANONICAL = 'virtual:skeldir-canonical';
const SAMPLE = 'virtual:skeldir-sample';
/** Where the bundled sample dumps live (src/app/bundled.ts). */
const SAMPLES_DIR = 'schema/samples';
/** The bundled canonical, named as the page names it (src/app/bundled.ts). */
const CANONICAL_NAME = 'schema/canonical_schema.sql';

type PrepareModule = typeof import('./prepare-canonical');
type PrepareSampleModule = typeof import('./prepare-sample');

export function pgdataPlugin(): Plugin {
  let build = false;
  let root = process.cwd();
  let empty: Promise<Uint8Array> | null = null;
  let canonical: ReturnType<PrepareModule['buildPreparedCanonical']> | null = null;
  let sample: ReturnType<PrepareSampleModule['buildPreparedSample']> | null = null;
  return {
    name: 'skeldir-pgdata',
    configResolved(config) {
      build = config.command === 'build';
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL || id === CANONICAL || id === SAMPLE ? '\0' + id : undefined;
    },
    async load(id) {
      if (id === '\0' + VIRTUAL) {
        if (!build) return 'export default null;';
        empty ??= (async () => {
          const { initdbDataDir } = await import('../../pglite');
          return new Uint8Array(await (await initdbDataDir('gzip')).arrayBuffer());
        })();
        // `.bin`, not `.tar.gz`: static servers must not add Content-Encoding and unpack it on the way.
        const ref = this.emitFile({ type: 'asset', name: 'pgdata.bin', source: await empty });
        return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
      }
      if (id === '\0' + CANONICAL) {
        if (!build || process.env.SKELDIR_NO_PREBUILT_CANONICAL) return 'export default null;';
        const path = join(root, CANONICAL_NAME);
        this.addWatchFile(path);
        canonical ??= (async () => {
          // Through Vite's module runner: the core imports its catalog SQL with `?raw`.
          const { module } = await runnerImport<PrepareModule>(join(root, 'src/adapters/browser/build/prepare-canonical.ts'), {
            configFile: false, root, logLevel: 'warn',
          });
          return module.buildPreparedCanonical(CANONICAL_NAME, readFileSync(path, 'utf8'));
        })();
        const { dataDir, meta } = await canonical;
        const ref = this.emitFile({ type: 'asset', name: 'canonical-pgdata.bin', source: dataDir });
        return `export default { url: import.meta.ROLLUP_FILE_URL_${ref}, meta: JSON.parse(${JSON.stringify(JSON.stringify(meta))}) };`;
      }
      if (id === '\0' + SAMPLE) {
        // The sample a first visit opens, already loaded (build/prepare-sample.ts); null in dev.
        const file = build && !process.env.SKELDIR_NO_PREBUILT_SAMPLE
          ? defaultSampleName(readdirSync(join(root, SAMPLES_DIR)).filter((f) => f.endsWith('.sql')).sort()) : null;
        if (!file) return 'export default null;';
        const path = join(root, SAMPLES_DIR, file);
        this.addWatchFile(path);
        sample ??= (async () => {
          const { module } = await runnerImport<PrepareSampleModule>(join(root, 'src/adapters/browser/build/prepare-sample.ts'), {
            configFile: false, root, logLevel: 'warn',
          });
          // Named as a first visit names its dump: the file name (boot.ts).
          return module.buildPreparedSample(file, readFileSync(path, 'utf8'));
        })();
        const { dataDir, meta } = await sample;
        const ref = this.emitFile({ type: 'asset', name: 'sample-pgdata.bin', source: dataDir });
        return `export default { url: import.meta.ROLLUP_FILE_URL_${ref}, meta: JSON.parse(${JSON.stringify(JSON.stringify(meta))}) };`;
      }
      return undefined;
    },
  };
}
