/**
 * ERD graph ⇄ ELK graph (pure). Layered left-to-right: parents (referenced tables) on the left,
 * children on the right. Every column that takes part in a FK gets a port on the row it occupies
 * (EAST on the parent side, WEST on the child side; FIXED_POS), so edges attach to the FK column
 * rows at both ends. Orthogonal routing. Self-references are ELK self-loops. Edges into hub tables
 * (hubs.ts) are left out of the layout and drawn as labelled stubs.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { rowMidY, tableSize } from './geometry';
import { hubIds } from './hubs';
import type { Part } from './pack';
import type { ErdGraph, Point } from './types';

export const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.edgeNode': '20',
  'elk.spacing.edgeEdge': '8',
  'elk.spacing.componentComponent': '60',
  'elk.separateConnectedComponents': 'true',
  'elk.layered.thoroughness': '1',
  // Measured on the 1,000-table dev model (hub edges excluded, see hubs.ts): BRANDES_KOEPF with
  // post-compaction took 5–9 s and drew a 60k×47k canvas; SIMPLE placement ~1.1 s and 32k×5k.
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.aspectRatio': '1.6',
};

export const portId = (columnId: string, side: 'E' | 'W'): string => `${columnId}|${side}`;

/**
 * Build the ELK input for the tables in `ids` (all when omitted); edges with an end outside are
 * dropped. `hubs` defaults to the hubs among `ids`; a group of a partitioned diagram passes the
 * whole diagram's hubs.
 */
export function toElk(graph: ErdGraph, ids?: ReadonlySet<string>, options: Record<string, string> = {},
  hubs: ReadonlySet<string> = hubIds(graph.edges, ids ?? new Set(graph.tables.map((t) => t.id)))): ElkNode {
  const tables = ids ? graph.tables.filter((t) => ids.has(t.id)) : graph.tables;
  const keep = new Set(tables.map((t) => t.id));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to) && !hubs.has(e.to));
  const ports = new Map<string, Set<string>>(); // table id → port ids
  const need = (table: string, col: string, side: 'E' | 'W'): string => {
    const p = portId(`${table}.${col}`, side);
    let s = ports.get(table);
    if (!s) ports.set(table, (s = new Set()));
    s.add(p);
    return p;
  };
  const elkEdges: ElkExtendedEdge[] = edges.map((e) => ({
    id: e.id,
    sources: [need(e.to, e.toColumns[0] ?? '', 'E')],
    targets: [need(e.from, e.fromColumns[0] ?? '', 'W')],
  }));
  const children: ElkNode[] = tables.map((t) => {
    const { width, height } = tableSize(t);
    const rowOf = new Map(t.columns.map((c, i) => [c.id, i] as const));
    return {
      id: t.id, width, height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [...(ports.get(t.id) ?? [])].map((p) => {
        const [col, side] = p.split('|');
        const y = rowMidY(rowOf.get(col) ?? 0);
        return { id: p, width: 0, height: 0, x: side === 'E' ? width : 0, y, layoutOptions: { 'elk.port.side': side === 'E' ? 'EAST' : 'WEST' } };
      }),
    };
  });
  return { id: 'root', layoutOptions: { ...LAYOUT_OPTIONS, ...options }, children, edges: elkEdges };
}

/** Read boxes and edge routes back from ELK's result. */
export function fromElk(out: ElkNode): Part {
  const boxes: Part['boxes'] = {};
  for (const c of out.children ?? []) boxes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
  const routes: Part['routes'] = {};
  for (const e of (out.edges ?? []) as ElkExtendedEdge[]) {
    const s = e.sections?.[0];
    if (!s) continue;
    const pts: Point[] = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y }));
    // Edges of nested/self-loop containers are relative to the container; our graph is flat.
    routes[e.id] = pts;
  }
  return { boxes, routes, width: out.width ?? 0, height: out.height ?? 0 };
}
