import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';

/**
 * Ships, next to the CLI bundle (dist/cli/), what the page's build ships next to its worker:
 * - `pgdata.bin`: a freshly initialised PGlite data directory, so every CLI run starts its
 *   databases from it instead of running initdb (~5 s of CPU);
 * - `canonical-pgdata.bin` + `canonical.json`: the bundled canonical schema already loaded
 *   (build/prepare-canonical.ts, the very code a check runs) with its SchemaModel and load
 *   summary, keyed by the sha256 of schema/canonical_schema.sql. A check of that text skips the
 *   canonical's start, load and introspection; its database starts only if something queries it.
 * Same PGlite build in Node at build time and at run time; the CLI falls back to initdb / loading
 * the canonical when the files are missing or the canonical text differs.
 */
function pgdataTemplate(): Plugin {
  return {
    name: 'skeldir-cli-pgdata',
    apply: 'build',
    async generateBundle() {
      const root = import.meta.dirname;
      const { initdbDataDir } = await import('./src/adapters/pglite');
      const blob = await initdbDataDir('gzip');
      this.emitFile({ type: 'asset', fileName: 'pgdata.bin', source: new Uint8Array(await blob.arrayBuffer()) });
      // Through Vite's module runner: the core imports its catalog SQL with `?raw`.
      const { module } = await runnerImport<typeof import('./src/adapters/browser/build/prepare-canonical')>(
        join(root, 'src/adapters/browser/build/prepare-canonical.ts'), { configFile: false, root, logLevel: 'warn' },
      );
      const name = 'schema/canonical_schema.sql';
      const { dataDir, meta } = await module.buildPreparedCanonical(name, readFileSync(join(root, name), 'utf8'));
      this.emitFile({ type: 'asset', fileName: 'canonical-pgdata.bin', source: dataDir });
      this.emitFile({ type: 'asset', fileName: 'canonical.json', source: JSON.stringify(meta) });
    },
  };
}

// The Node CLI is the same engine bundled for Node (SSR build): `?raw` SQL imports work
// identically in the browser, vitest and here.
export default defineConfig({
  plugins: [pgdataTemplate()],
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'skeldir-schema.mjs', format: 'es' } },
  },
  ssr: { external: ['@electric-sql/pglite', '@electric-sql/pglite-tools', 'libpg-query'], noExternal: ['js-yaml', 'ajv', 'diff'] },
});
