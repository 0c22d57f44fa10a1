import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pgdataPlugin } from './src/adapters/browser/build/pgdata-plugin';
import { serviceWorkerPlugin } from './src/adapters/browser/build/sw-plugin';
import { pgParserPlugin } from './src/adapters/browser/build/pg-parser-plugin';

// The app is a static site: `base: './'` lets it run from any sub-path and any static server.
// One id per build: a verdict kept for a warm revisit is shown only by the build that computed it
// (src/app/lib/verdict-cache.ts).
const BUILD_ID = process.env.SKELDIR_BUILD_ID ?? new Date().toISOString();

export default defineConfig({
  base: './',
  define: { 'import.meta.env.VITE_SKELDIR_BUILD': JSON.stringify(BUILD_ID) },
  // serviceWorkerPlugin: sw.js precaching the build (offline after the first visit).
  plugins: [svelte(), serviceWorkerPlugin(), pgParserPlugin()],
  // PGlite ships its own WASM + data files and must not be pre-bundled by esbuild.
  optimizeDeps: { exclude: ['@electric-sql/pglite', '@electric-sql/pglite-tools', 'libpg-query'] },
  // pgdataPlugin: the engine worker starts PGlite from a data directory prepared at build time.
  worker: { format: 'es', plugins: () => [pgdataPlugin(), pgParserPlugin()] },
  build: { target: 'es2022', outDir: 'dist/app', chunkSizeWarningLimit: 8000 },
  server: { fs: { allow: ['.'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite boots are CPU-heavy; two cores on CI.
    maxWorkers: 2,
  },
});
