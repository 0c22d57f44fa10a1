/**
 * Page side of the layout: partition the tables into groups (partition.ts), lay out each group in
 * the shared worker pool (layout-pool.ts, several at once, heaviest first), pack the groups for the
 * screen (pack.ts). Groups are cached by a hash of their ELK input (layout-cache.ts), so re-opening
 * the diagram or toggling focus mode back is instant and only changed groups are laid out again;
 * they persist in localStorage too, so a reload on the same schema needs no ELK at all.
 */
import { toElk } from './elk-graph';
import { hubIds } from './hubs';
import { hashText, loadStoredPart, partCache, storePart } from './layout-cache';
import { layoutPool } from './layout-pool';
import { assemble, gridPart, type Part, type Size } from './pack';
import { tableSize } from './geometry';
import { partition } from './partition';
import type { ErdGraph, Layout } from './types';

/** A group laid out in an earlier session (localStorage), put back in the memory cache. */
function fromStore(key: string): Promise<Part> | undefined {
  const part = loadStoredPart(key);
  if (!part) return undefined;
  const p = Promise.resolve(part);
  partCache.set(key, p);
  return p;
}

export class LayoutClient {
  #closed = false;

  /** Lay out the tables in `ids`, groups packed for a `screen` of that size (px). */
  async layout(graph: ErdGraph, ids: ReadonlySet<string>, screen: Size): Promise<Layout> {
    const t0 = performance.now();
    const groups = partition(graph, ids);
    const hubs = hubIds(graph.edges, ids);
    const inputs = groups.map((g) => {
      const elk = toElk(graph, new Set(g.tables), {}, hubs);
      return { elk, key: hashText(JSON.stringify(elk)), weight: g.tables.length + (elk.edges?.length ?? 0) };
    });
    const byId = new Map(graph.tables.map((t) => [t.id, t] as const));
    // A group without edges to route (lone tables, the hubs) is a grid: no ELK, no worker.
    const promises: (Promise<Part> | undefined)[] = inputs.map((i, n) => !i.elk.edges?.length
      ? Promise.resolve(gridPart(groups[n].tables.map((id) => ({ id, ...tableSize(byId.get(id)!) }))))
      : partCache.get(i.key) ?? fromStore(i.key));
    const todo = inputs.filter((_, n) => !promises[n]);
    const fresh = layoutPool.run(todo);
    todo.forEach((t, n) => {
      partCache.set(t.key, fresh[n]);
      fresh[n].then((part) => storePart(t.key, part), () => undefined);
    });
    let f = 0;
    const parts = await Promise.all(inputs.map((i, n) => promises[n] ?? fresh[f++]));
    if (this.#closed) throw new Error('ERD layout cancelled: the diagram was closed');
    return assemble(groups, new Map(groups.map((g, n) => [g.id, parts[n]] as const)), screen, performance.now() - t0);
  }

  /** The diagram closed: its pending layouts still finish (and fill the cache), their results are dropped. */
  dispose(): void { this.#closed = true; }
}
