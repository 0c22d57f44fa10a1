/**
 * Page side of the layout worker: one worker, promise per request, results cached by the set of
 * table ids laid out (so toggling focus mode back and forth is instant).
 */
import LayoutWorker from './layout.worker?worker';
import { toElk } from './elk-graph';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';
import type { ErdGraph, Layout } from './types';

export class LayoutClient {
  #worker: Worker | null = null;
  #next = 1;
  #pending = new Map<number, { resolve: (l: Layout) => void; reject: (e: Error) => void }>();
  #cache = new Map<string, Promise<Layout>>();

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const w = new LayoutWorker();
    w.onmessage = (ev: MessageEvent<LayoutResponse>) => {
      const p = this.#pending.get(ev.data.id);
      if (!p) return;
      this.#pending.delete(ev.data.id);
      if (ev.data.type === 'done') p.resolve(ev.data.layout);
      else p.reject(new Error(`ERD layout failed: ${ev.data.message}`));
    };
    w.onerror = (ev) => {
      for (const p of this.#pending.values()) p.reject(new Error(`ERD layout worker crashed: ${ev.message}`));
      this.#pending.clear();
    };
    return (this.#worker = w);
  }

  /** Lay out the tables in `ids` (a graph signature keys the cache). */
  layout(graph: ErdGraph, ids: ReadonlySet<string>, signature: string): Promise<Layout> {
    const key = `${signature}|${[...ids].sort().join(',')}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const id = this.#next++;
    const req: LayoutRequest = { type: 'layout', id, elk: toElk(graph, ids) };
    const p = new Promise<Layout>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#ensure().postMessage(req);
    });
    p.catch(() => this.#cache.delete(key));
    this.#cache.set(key, p);
    if (this.#cache.size > 20) this.#cache.delete(this.#cache.keys().next().value!);
    return p;
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#cache.clear();
  }
}
