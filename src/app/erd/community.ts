/**
 * Foreign-key communities (pure, deterministic): which tables belong together in a big schema.
 *
 * Louvain modularity optimisation (graphology-communities-louvain) over the undirected FK graph,
 * an edge weighted by the number of FKs between the two tables. Louvain is multi-level (it
 * aggregates communities and optimises again), which is what finds the natural modules of a
 * 375-table schema — MusicBrainz's artist / release / recording / edit clusters — where label
 * propagation oscillates or floods one label across a whole component. The library's own
 * randomness is pinned: nodes are visited in the given order (randomWalk off) and any draw uses a
 * seeded generator, so the same schema always gets the same groups (stable layout cache keys,
 * stable screenshots).
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';

/** Mulberry32: a tiny seeded PRNG, enough for Louvain's tie-breaking (and the dev model generator). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Communities of `ids` under the undirected `links` (pairs of ids; repeats add weight; links to ids
 * outside the set and self-links are ignored). Returns the communities as lists in first-appearance
 * order of `ids`, each list in `ids` order. Ids without links come back as one-table communities.
 */
export function communities(ids: readonly string[], links: Iterable<readonly [string, string]>, resolution = 1): string[][] {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const id of ids) g.addNode(id);
  for (const [a, b] of links) {
    if (a === b || !g.hasNode(a) || !g.hasNode(b)) continue;
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, 'weight', (w: number | undefined) => (w ?? 1) + 1);
    else g.addEdge(a, b, { weight: 1 });
  }
  const label: Record<string, number> = g.size
    ? louvain(g, { getEdgeWeight: 'weight', resolution, randomWalk: false, rng: mulberry32(0x5eed) })
    : {};
  const byLabel = new Map<string | number, string[]>();
  for (const id of ids) {
    const key = g.degree(id) ? label[id] : `lone:${id}`;
    const list = byLabel.get(key);
    if (list) list.push(id);
    else byLabel.set(key, [id]);
  }
  return [...byLabel.values()];
}
