/**
 * Builds the ERD harness page (erd-dev.html at the repo root) into dist/erd-dev for the e2e tests
 * and the bench: `npx vite build --config src/app/erd/vite.harness.config.ts`.
 */
import { defineConfig, mergeConfig } from 'vite';
import base from '../../../vite.config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export default mergeConfig(base, defineConfig({
  root,
  build: { outDir: 'dist/erd-dev', emptyOutDir: true, rollupOptions: { input: { 'erd-dev': `${root}erd-dev.html` } } },
}));
