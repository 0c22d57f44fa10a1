/**
 * PGlite's WASM compiled and its file-system bundle fetched ahead, for every later start (the
 * browser worker begins both as its first script runs, so they overlap the page's start-up and
 * the data directory's fetch). Either may resolve to undefined: PGlite then fetches its own.
 *
 * A module of its own, without PGlite: the worker's small entry (browser/engine.worker.ts)
 * registers them before the chunk with PGlite's JS is loaded.
 */
export interface PgliteArtifacts {
  wasmModule?: Promise<WebAssembly.Module | undefined>;
  fsBundle?: Promise<Blob | undefined>;
}

let artifacts: PgliteArtifacts = {};

export function preloadPgliteArtifacts(a: PgliteArtifacts): void {
  artifacts = a;
}

/** What was registered ahead (empty when nothing was: PGlite fetches its own). */
export function preloadedArtifacts(): PgliteArtifacts {
  return artifacts;
}
