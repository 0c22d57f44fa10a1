/**
 * Partition a big diagram into groups that are laid out separately (pure).
 *
 * Why: ELK's layered algorithm grows faster than linearly with the graph (crossing minimisation,
 * long-edge dummies), and one layered drawing of 800 connected tables is a 33k×5k px strip that
 * nobody can read at fit-to-screen. Groups of at most MAX_GROUP tables lay out in a fraction of the
 * time (and in parallel workers), pack toward the screen's aspect ratio (pack.ts) and get labels
 * readable at the furthest zoom.
 *
 * Groups, per schema: the hub tables (hubs.ts); each foreign-key community (community.ts: Louvain
 * over the schema's FK graph, hub edges left out) with at least MIN_CLUSTER tables, cut into
 * near-equal slices of a breadth-first order from a peripheral table when still larger than
 * MAX_GROUP (neighbours stay in the same or the next slice); the small communities pooled; and
 * tables with no FK inside the schema (hub edges aside) as `lone`, which need no layered layout: a
 * grid (pack.ts gridPart) places them. Communities rather than connected components: in a real
 * 500-table schema nearly everything is one component, and slicing it by BFS order cut modules
 * (artist, release, edit…) in arbitrary places; a community is a module a reader can name. A diagram of at most MAX_GROUP tables is one group,
 * exactly as before, so small schemas keep every edge routed by ELK. Edges between groups are
 * drawn as labelled stubs (view.ts), like hub edges, and in full for the selected table.
 */
import { communities } from './community';
import { hubIds } from './hubs';
import type { ErdEdge, ErdGraph } from './types';

export const MAX_GROUP = 120;
export const MIN_CLUSTER = 8;

export type GroupKind = 'all' | 'hubs' | 'cluster' | 'pool' | 'lone';

export interface Group {
  /** Stable id: `schema/kind/n`. */
  id: string;
  schema: string;
  kind: GroupKind;
  /** Human label, e.g. `around orders · 96 tables`; identifiers are user content (render as text). */
  label: string;
  /** The label without its size, e.g. `around orders`: the overview card's first line. */
  name: string;
  /** Table ids, in graph order. */
  tables: string[];
  /** The most connected tables inside the group (at most TOP), for the overview's group cards. */
  top: string[];
}

/** Tables named on a group's card. */
export const TOP = 3;

/** Undirected adjacency over `ids`, leaving out self-references and edges into `hubs`. */
function adjacency(edges: readonly ErdEdge[], ids: ReadonlySet<string>, hubs: ReadonlySet<string>): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  for (const id of ids) adj.set(id, []);
  for (const e of edges) {
    if (e.selfRef || hubs.has(e.to) || hubs.has(e.from) || !ids.has(e.from) || !ids.has(e.to)) continue;
    adj.get(e.from)!.push(e.to);
    adj.get(e.to)!.push(e.from);
  }
  return adj;
}

/** `adj` keeping only the nodes in `keep` (a community being sliced: its BFS must not leave it). */
function restrict(adj: Map<string, string[]>, keep: readonly string[]): Map<string, string[]> {
  const ids = new Set(keep);
  return new Map(keep.map((id) => [id, adj.get(id)!.filter((n) => ids.has(n))] as const));
}

/** Breadth-first order of the component containing `start` (neighbours in the order given). */
function bfs(adj: Map<string, string[]>, start: string): string[] {
  const seen = new Set([start]);
  const order = [start];
  for (let i = 0; i < order.length; i++)
    for (const n of adj.get(order[i])!) if (!seen.has(n)) { seen.add(n); order.push(n); }
  return order;
}

/** Connected components in first-appearance order of `ids`. */
export function components(adj: Map<string, string[]>, ids: readonly string[]): string[][] {
  const done = new Set<string>();
  const out: string[][] = [];
  for (const id of ids) {
    if (done.has(id)) continue;
    const c = bfs(adj, id);
    for (const x of c) done.add(x);
    out.push(c);
  }
  return out;
}

/** ⌈n / max⌉ near-equal consecutive chunks of `list`. */
export function chunks<T>(list: readonly T[], max: number): T[][] {
  if (!list.length) return [];
  const size = Math.ceil(list.length / Math.ceil(list.length / max));
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Cut a component into ⌈n / max⌉ near-equal slices of a BFS order started from a pseudo-peripheral
 * table (the last one reached by a BFS from the first), the Cuthill–McKee banding idea: every FK
 * then joins tables in the same or adjacent slices, so few edges cross groups.
 */
export function slice(adj: Map<string, string[]>, comp: readonly string[], max: number): string[][] {
  if (comp.length <= max) return [[...comp]];
  const far = bfs(adj, comp[0]);
  return chunks(bfs(adj, far[far.length - 1]), max);
}

/** The table most referenced from inside `tables` (ties: first in order); null when none is. */
function centre(tables: readonly string[], edges: readonly ErdEdge[], hubs: ReadonlySet<string>): string | null {
  const inside = new Set(tables);
  const deg = new Map<string, number>();
  for (const e of edges)
    if (!e.selfRef && !hubs.has(e.to) && inside.has(e.from) && inside.has(e.to)) deg.set(e.to, (deg.get(e.to) ?? 0) + 1);
  let best: string | null = null;
  for (const t of tables) if ((deg.get(t) ?? 0) > (best ? deg.get(best)! : 0)) best = t;
  return best;
}

const nameOf = (id: string): string => id.slice(id.indexOf('.') + 1);
const count = (n: number): string => `${n} table${n === 1 ? '' : 's'}`;

/** The (at most TOP) tables with most FKs inside `tables` (ties: first in order). */
function topTables(tables: readonly string[], edges: readonly ErdEdge[], hubs: ReadonlySet<string>): string[] {
  const inside = new Set(tables);
  const deg = new Map<string, number>();
  for (const e of edges) {
    if (e.selfRef || !inside.has(e.from) || !inside.has(e.to) || hubs.has(e.to)) continue;
    deg.set(e.to, (deg.get(e.to) ?? 0) + 1);
    deg.set(e.from, (deg.get(e.from) ?? 0) + 1);
  }
  const order = new Map(tables.map((t, i) => [t, i] as const));
  return [...tables].sort((a, b) => (deg.get(b) ?? 0) - (deg.get(a) ?? 0) || order.get(a)! - order.get(b)!).slice(0, TOP).map(nameOf);
}

/** Partition the tables in `ids` (graph order is kept inside each group). */
export function partition(graph: ErdGraph, ids: ReadonlySet<string>, max = MAX_GROUP): Group[] {
  const tables = graph.tables.filter((t) => ids.has(t.id));
  if (tables.length <= max) {
    const schemas = [...new Set(tables.map((t) => t.schema))];
    const list = tables.map((t) => t.id);
    return [{ id: 'all', schema: schemas.length === 1 ? schemas[0] : '', kind: 'all', label: count(tables.length), name: 'all tables', tables: list, top: topTables(list, graph.edges, new Set()) }];
  }
  const hubs = hubIds(graph.edges, ids);
  const groups: Group[] = [];
  const bySchema = new Map<string, string[]>();
  for (const t of tables) {
    const list = bySchema.get(t.schema) ?? [];
    list.push(t.id);
    bySchema.set(t.schema, list);
  }
  for (const [schema, list] of bySchema) {
    const inSchema = new Set(list);
    const adj = adjacency(graph.edges, inSchema, hubs);
    const hubList = list.filter((id) => hubs.has(id));
    if (hubList.length)
      groups.push({ id: `${schema}/hubs/0`, schema, kind: 'hubs', tables: hubList, top: hubList.slice(0, TOP).map(nameOf),
        // Edges into hubs are drawn as stubs (view.ts); the stub's tooltip says so.
        name: `hub${hubList.length > 1 ? 's' : ''}: ${hubList.map(nameOf).join(', ')}`,
        label: `hub${hubList.length > 1 ? 's' : ''}: ${hubList.map(nameOf).join(', ')}` });
    const pool: string[] = [];
    const lone: string[] = [];
    const selfRef = new Set(graph.edges.filter((e) => e.selfRef).map((e) => e.from));
    let n = 0;
    const rest = list.filter((id) => !hubs.has(id));
    const links: [string, string][] = [];
    for (const [a, ns] of adj) for (const b of ns) if (a < b) links.push([a, b]);
    for (const comp of communities(rest, links)) {
      if (comp.length === 1 && !selfRef.has(comp[0])) { lone.push(comp[0]); continue; }
      if (comp.length < MIN_CLUSTER) { pool.push(...comp); continue; }
      const order = new Map(list.map((id, i) => [id, i] as const));
      for (const part of slice(comp.length > max ? restrict(adj, comp) : adj, comp, max)) {
        part.sort((a, b) => order.get(a)! - order.get(b)!);
        const c = centre(part, graph.edges, hubs);
        groups.push({ id: `${schema}/cluster/${n++}`, schema, kind: 'cluster', tables: part, top: topTables(part, graph.edges, hubs),
          name: c ? nameOf(c) : 'related tables', label: `${c ? `around ${nameOf(c)}` : 'related tables'} · ${count(part.length)}` });
      }
    }
    chunks(pool, max).forEach((part, i) =>
      groups.push({ id: `${schema}/pool/${i}`, schema, kind: 'pool', tables: part, top: topTables(part, graph.edges, hubs), name: 'small groups', label: `small groups · ${count(part.length)}` }));
    chunks(lone, max).forEach((part, i) =>
      groups.push({ id: `${schema}/lone/${i}`, schema, kind: 'lone', tables: part, top: part.slice(0, TOP).map(nameOf), name: 'no FKs between them', label: `no foreign keys to each other · ${count(part.length)}` }));
  }
  return groups;
}

/** Table id → group id. */
export function groupIndex(groups: readonly Group[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const t of g.tables) m.set(t, g.id);
  return m;
}
