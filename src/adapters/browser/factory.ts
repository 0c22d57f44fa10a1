/**
 * The DbFactory the browser worker uses: the shared PGlite factory (../pglite.ts) started from
 * the data directory prepared at build time (build/pgdata-plugin.ts), so no initdb runs in the
 * page; without one (dev server) it runs initdb once and keeps that as the template, like Node.
 * Reports `boot` so the page can say "Booting PostgreSQL…", and keeps one database started
 * ahead of time for the first create().
 */
import prebuiltUrl from 'virtual:skeldir-pgdata';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import type { Db, DbFactory } from '../../core/db';
import { pgliteFactory, preloadPgliteArtifacts, startPglite, wrapPglite } from '../pglite';
import { mark } from './boot-marks';

/**
 * Fetch and compile PGlite's WASM (WebAssembly.compileStreaming compiles while the bytes arrive)
 * and fetch its file-system bundle now, in parallel with the data directory's fetch, instead of
 * after it inside the first PGlite.create(). Every later start reuses the compiled module. A
 * failure here is not fatal: PGlite then fetches and compiles them itself.
 */
function preloadArtifacts(): void {
  mark('artifacts_requested');
  const wasmModule = (async () => {
    try {
      const compiled = await WebAssembly.compileStreaming(fetch(pgliteWasmUrl))
        // A server that does not send application/wasm: compile from the bytes (HTTP cache).
        .catch(async () => WebAssembly.compile(await (await fetch(pgliteWasmUrl)).arrayBuffer()));
      mark('wasm_compiled');
      return compiled;
    } catch (err) {
      console.warn('PGlite WASM not compiled ahead', err);
      return undefined;
    }
  })();
  const fsBundle = fetch(pgliteDataUrl)
    .then((res) => (res.ok ? res.blob() : undefined))
    .then((blob) => { mark('fs_bundle_fetched'); return blob; }, () => undefined);
  preloadPgliteArtifacts({ wasmModule, fsBundle });
}

/**
 * A prebuilt data directory as an uncompressed tar. It is shipped gzip'd (4.5 MB instead of
 * 40 MB on the wire) but unpacked once here, with the browser's native DecompressionStream:
 * PGlite would otherwise gunzip it again at every start from it (the spare, each opened dump,
 * each clone) — measured in Node at 0.5–1.5 s more per start than from the tar (load ~12).
 */
async function fetchTemplate(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Prebuilt PostgreSQL data directory: HTTP ${res.status} for ${url}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  mark('data_dir_fetched');
  // gzip magic 1f 8b; a server may have unpacked it already.
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return new Blob([bytes], { type: 'application/x-tar' });
  const tar = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  mark('data_dir_unpacked');
  return new Blob([tar], { type: 'application/x-tar' });
}

export interface BrowserFactory extends DbFactory {
  /** Starts one database in the background and keeps it for the next create() (cold-start warm-up). */
  warm(): void;
  /** Starts a database from a prebuilt data directory at `url` (e.g. the prepared canonical). */
  open(url: string, extensions: readonly string[]): Promise<Db>;
}

export function browserFactory(onStage: (stage: string) => void): BrowserFactory {
  preloadArtifacts();
  const url = prebuiltUrl;
  const base = pgliteFactory({
    template: url ? () => fetchTemplate(url) : undefined,
    onBoot: () => onStage('boot'),
    onTemplateError: (err) => console.warn('Prebuilt data directory unavailable, running initdb', err),
  });
  // One database started ahead of time (no extensions): the first create() takes it.
  let spare: Promise<Db> | null = null;
  const withSpare = (factory: DbFactory, names: readonly string[]): DbFactory => ({
    async create(): Promise<Db> {
      if (names.length === 0 && spare) {
        const db = spare;
        spare = null;
        try { return await db; } catch { /* fall through to a fresh start */ }
      }
      return factory.create();
    },
    withExtensions: (more) => withSpare(factory.withExtensions(more), [...names, ...more]),
    supportsExtension: (name) => factory.supportsExtension(name),
  });
  const open = async (url: string, names: readonly string[]): Promise<Db> => wrapPglite(await startPglite(await fetchTemplate(url), names), names);
  const warm = () => {
    if (spare) return;
    mark('spare_requested');
    spare = base.create().then((db) => { mark('spare_started'); return db; });
    spare.catch(() => {});
  };
  return { ...withSpare(base, []), warm, open };
}
