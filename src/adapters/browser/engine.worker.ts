/// <reference lib="webworker" />
/**
 * The engine worker's entry: small on purpose. Its first lines request what the first
 * PostgreSQL start needs — PGlite's WASM (compiled as it streams in), its file-system bundle
 * and, once the page says which, the data directory of the first database — and only then
 * load the engine (engine.ts, the pipeline and PGlite's JS: a ~1.2 MB chunk). Before this split
 * the downloads began after that chunk was evaluated (~0.6 s after the worker started, at load ~5).
 *
 * Messages that arrive while the engine loads are kept and handed to it in order.
 */
import { mark } from './boot-marks';
import { prefetchFirst, preloadArtifacts } from './prefetch';
import type { ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;
mark('worker_start');
preloadArtifacts();

const early: ToWorker[] = [];
self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  // The first database's data directory: `prefetch` is the page's guess, sent at once; `warm`
  // its answer (engine.ts then starts that database, taking the download already under way).
  if (msg.type === 'prefetch' || msg.type === 'warm') prefetchFirst(!!msg.sample);
  if (msg.type !== 'prefetch') early.push(msg);
};

import('./engine').then(({ handle }) => {
  self.onmessage = (ev: MessageEvent<ToWorker>) => handle(ev.data);
  for (const msg of early.splice(0)) handle(msg);
}, (err: unknown) => {
  // As an error in the engine itself: the page's onerror sees it (a rejection would not reach it).
  setTimeout(() => { throw err instanceof Error ? err : new Error(String(err)); });
});
