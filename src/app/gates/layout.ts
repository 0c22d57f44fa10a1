/**
 * A small layered layout for the phase graph: a phase's column is the length of its longest
 * prerequisite chain, rows follow the overlay's order. Enough for a dozen phases; no library.
 */
export interface GateNode { id: string; x: number; y: number }
export interface GateEdge { from: string; to: string }

export function layoutPhases(phases: readonly { id: string; prerequisites: readonly string[] }[], col = 150, row = 56) {
  const byId = new Map(phases.map((p) => [p.id, p]));
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (seen.has(id)) return 0; // a cycle in the overlay: break it here (the spec validator reports it)
    seen.add(id);
    const pre = byId.get(id)?.prerequisites.filter((p) => byId.has(p)) ?? [];
    const d = pre.length ? Math.max(...pre.map((p) => visit(p, seen))) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  for (const p of phases) visit(p.id, new Set());
  const rows = new Map<number, number>();
  const nodes: GateNode[] = phases.map((p) => {
    const d = depth.get(p.id) ?? 0;
    const r = rows.get(d) ?? 0;
    rows.set(d, r + 1);
    return { id: p.id, x: d * col, y: r * row };
  });
  const edges: GateEdge[] = phases.flatMap((p) => p.prerequisites.filter((q) => byId.has(q)).map((q) => ({ from: q, to: p.id })));
  const width = (Math.max(0, ...nodes.map((n) => n.x)) + col);
  const height = (Math.max(0, ...nodes.map((n) => n.y)) + row);
  return { nodes, edges, width, height };
}
