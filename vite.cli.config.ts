import { defineConfig } from 'vite';

// The Node CLI is the same engine bundled for Node (SSR build): `?raw` SQL imports work
// identically in the browser, vitest and here.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'skeldir-schema.mjs', format: 'es' } },
  },
  ssr: { external: ['@electric-sql/pglite', '@electric-sql/pglite-tools'], noExternal: ['js-yaml', 'ajv', 'diff'] },
});
