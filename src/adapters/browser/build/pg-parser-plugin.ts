/**
 * Build/dev only (Vite plugin, runs in Node): serves PostgreSQL's parser WASM (libpg-query) beside
 * the engine worker. libpg-query's loader looks for `libpg-query.wasm` next to the running script
 * (the worker, in `assets/`), so the file is emitted as `assets/libpg-query.wasm` — same origin,
 * bundled, no network fetch beyond the site itself (CSP: connect-src 'self', 'wasm-unsafe-eval').
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const wasmPath = () => createRequire(import.meta.url).resolve('libpg-query/wasm/libpg-query.wasm');

export function pgParserPlugin(): Plugin {
  return {
    name: 'skeldir-pg-parser-wasm',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'assets/libpg-query.wasm', source: readFileSync(wasmPath()) });
    },
    configureServer(server) {
      // Dev: whatever directory the worker runs from, answer its request for the parser WASM.
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0].endsWith('/libpg-query.wasm')) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(wasmPath()));
      });
    },
  };
}
