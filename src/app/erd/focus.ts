/**
 * Focus mode (pure): a table and its neighbours up to N hops away along foreign keys,
 * in either direction (referencing or referenced).
 */
import type { ErdEdge } from './types';

export function neighbours(edges: readonly ErdEdge[]): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    let s = adj.get(a);
    if (!s) adj.set(a, (s = new Set()));
    s.add(b);
  };
  for (const e of edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  return adj;
}

/** Table ids within `hops` of `center` (breadth-first; `hops` 0 → only the centre). */
export function nHop(edges: readonly ErdEdge[], center: string, hops: number): Set<string> {
  const adj = neighbours(edges);
  const seen = new Set([center]);
  let frontier = [center];
  for (let h = 0; h < hops && frontier.length; h++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const n of adj.get(id) ?? []) if (!seen.has(n)) { seen.add(n); next.push(n); }
    frontier = next;
  }
  return seen;
}
