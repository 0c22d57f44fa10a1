/**
 * The pool of layout workers, shared by every diagram on the page (module-level).
 *
 * Measured (1,000-table dev model, Node, sequential): ELK lays the groups out in ~0.4 s once its
 * code is hot, but ~2.5 s of CPU from cold: the GWT-compiled ELK (1.6 MB) spends most of a fresh
 * worker's first seconds being parsed and JIT-compiled. Every extra worker pays that again, so the
 * pool is the cores but one (one worker on a 2-core machine: two were 1.5–2× slower there under
 * load), the workers start when the diagram mounts (`startLayoutPool()`, while the graph is built
 * and drawn) and stay for the next diagram; they close after IDLE_MS without work.
 */
import LayoutWorker from './layout.worker?worker';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Part } from './pack';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

interface Job { id: number; elk: ElkNode; weight: number; resolve: (p: Part) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; job: Job | null }

export const IDLE_MS = 120_000;

/** Workers to run at once: the cores but one (the page), at least 1, at most 4. */
export function poolSize(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.min(4, cores - 1));
}

class LayoutPool {
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #next = 1;
  #idle: ReturnType<typeof setTimeout> | undefined;
  constructor(readonly size = poolSize()) {}

  /** Start every worker now, so loading ELK overlaps the page's own work. */
  start(): void {
    while (this.#slots.length < this.size) this.#spawn();
    this.#touch();
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new LayoutWorker(), job: null };
    slot.worker.onmessage = (ev: MessageEvent<LayoutResponse>) => {
      const job = slot.job;
      if (!job || job.id !== ev.data.id) return;
      slot.job = null;
      if (ev.data.type === 'done') job.resolve(ev.data.part);
      else job.reject(new Error(`ERD layout failed: ${ev.data.message}`));
      this.#pump();
    };
    slot.worker.onerror = (ev) => {
      const job = slot.job;
      slot.job = null;
      slot.worker.terminate();
      this.#slots = this.#slots.filter((s) => s !== slot);
      job?.reject(new Error(`ERD layout worker crashed: ${ev.message}`));
      this.#pump();
    };
    this.#slots.push(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length) {
      const free = this.#slots.find((s) => !s.job) ?? (this.#slots.length < this.size ? this.#spawn() : null);
      if (!free) break;
      const job = this.#queue.shift()!;
      free.job = job;
      const req: LayoutRequest = { type: 'layout', id: job.id, elk: job.elk };
      free.worker.postMessage(req);
    }
    this.#touch();
  }

  /** Close the workers after IDLE_MS with nothing queued or running. */
  #touch(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (this.#queue.length || this.#slots.some((s) => s.job)) return this.#touch();
      for (const s of this.#slots) s.worker.terminate();
      this.#slots = [];
    }, IDLE_MS);
  }

  /** Queue several layouts at once (heaviest first, so the longest job starts first). */
  run(items: readonly { elk: ElkNode; weight: number }[]): Promise<Part>[] {
    const out = items.map((it) => new Promise<Part>((resolve, reject) => {
      this.#queue.push({ id: this.#next++, elk: it.elk, weight: it.weight, resolve, reject });
    }));
    this.#queue.sort((a, b) => b.weight - a.weight);
    this.#pump();
    return out;
  }
}

export const layoutPool = new LayoutPool();
export const startLayoutPool = (): void => layoutPool.start();
