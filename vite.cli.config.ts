import { defineConfig, type Plugin } from 'vite';

/**
 * Ships a freshly initialised PGlite data directory next to the CLI bundle (`dist/cli/pgdata.bin`),
 * so every CLI run starts its databases from it instead of running initdb (~5 s of CPU).
 * Same PGlite build in Node at build time and at run time; the CLI falls back to initdb when the
 * file is missing or unreadable.
 */
function pgdataTemplate(): Plugin {
  return {
    name: 'skeldir-cli-pgdata',
    apply: 'build',
    async generateBundle() {
      const { initdbDataDir } = await import('./src/adapters/pglite');
      const blob = await initdbDataDir('gzip');
      this.emitFile({ type: 'asset', fileName: 'pgdata.bin', source: new Uint8Array(await blob.arrayBuffer()) });
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
