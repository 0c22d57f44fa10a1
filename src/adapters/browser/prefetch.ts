/**
 * What every PostgreSQL start in the worker needs from the network, requested as early as the
 * worker can: PGlite's WASM (compiled while it streams in), its file-system bundle, and the
 * prebuilt data directory the first database starts from. engine.worker.ts calls these before
 * it loads the engine's own code (a ~1.2 MB chunk whose evaluation took ~0.6 s at load ~5), so
 * the downloads and the compile overlap it instead of following it.
 */
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import prebuiltUrl from 'virtual:skeldir-pgdata';
import prebuiltSample from 'virtual:skeldir-sample';
import { preloadPgliteArtifacts } from '../pglite-artifacts';
import { mark } from './boot-marks';

let artifactsRequested = false;

/**
 * Fetch and compile PGlite's WASM (WebAssembly.compileStreaming compiles while the bytes arrive)
 * and fetch its file-system bundle, once; every PGlite start in this worker reuses them. A
 * failure here is not fatal: PGlite then fetches and compiles them itself.
 */
export function preloadArtifacts(): void {
  if (artifactsRequested) return;
  artifactsRequested = true;
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
 * 30 MB on the wire) but unpacked once here, with the browser's native DecompressionStream:
 * PGlite would otherwise gunzip it again at every start from it (the spare, each opened dump,
 * each clone) — measured in Node at 0.5–1.5 s more per start than from the tar (load ~12).
 */
async function download(url: string): Promise<Blob> {
  mark('data_dir_requested');
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

/** Downloads started ahead (prefetchTemplate), each taken by the first fetchTemplate of its URL. */
const ahead = new Map<string, Promise<Blob>>();

/** Starts downloading and unpacking the data directory at `url` now, for a start that follows. */
export function prefetchTemplate(url: string): void {
  if (ahead.has(url)) return;
  const p = download(url);
  p.catch(() => {}); // reported by the fetchTemplate that takes it
  ahead.set(url, p);
}

/** The data directory at `url` as a tar: the download started ahead, else a new one. */
export function fetchTemplate(url: string): Promise<Blob> {
  const early = ahead.get(url);
  if (early) {
    ahead.delete(url); // kept once: a later start fetches again (HTTP cache) instead of holding ~30 MB
    return early;
  }
  return download(url);
}

let firstGuess: string | null = null;

const firstUrl = (sample: boolean) => (sample && prebuiltSample ? prebuiltSample.url : prebuiltUrl);

/**
 * Downloads the first database's data directory ahead: the default sample's prepared at build
 * time on a first visit (`sample`), else the empty one. Called with the page's guess, then with
 * its answer (or settleFirst when the engine itself starts that database).
 */
export function prefetchFirst(sample: boolean): void {
  const url = firstUrl(sample);
  if (!url) return;
  settleFirst(sample);
  firstGuess = url;
  prefetchTemplate(url);
}

/** The answer: a download the guess started for the other data directory is dropped (~30 MB unpacked), not kept. */
export function settleFirst(sample: boolean): void {
  const url = firstUrl(sample);
  if (firstGuess && firstGuess !== url) ahead.delete(firstGuess);
  firstGuess = null;
}
