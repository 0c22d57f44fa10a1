/**
 * Builds the ERD harness page (dev/erd/erd-dev.html) into dist/erd-dev for the e2e tests and the
 * bench: `npx vite build --config dev/erd/vite.config.ts`; served, the page is /dev/erd/erd-dev.html.
 */
import { defineConfig, mergeConfig } from 'vite';
import base from '../../vite.config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export default mergeConfig(base, defineConfig({
  root,
  build: { outDir: 'dist/erd-dev', emptyOutDir: true, rollupOptions: { input: { 'erd-dev': `${root}dev/erd/erd-dev.html` } } },
}));
