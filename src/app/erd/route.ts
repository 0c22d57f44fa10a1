/**
 * Simple orthogonal routes (pure) for edges ELK did not route: hub stubs, the selected table's hub
 * edges, and edges of tables the user dragged (ELK's route no longer fits).
 * Parent port on the parent's east side, child port on the child's west side.
 */
import { rowMidY } from './geometry';
import type { Box, ErdEdge, ErdTable, Point } from './types';

export function portPoint(t: ErdTable, box: Box, column: string, side: 'E' | 'W'): Point {
  const i = Math.max(0, t.columns.findIndex((c) => c.name === column));
  return { x: side === 'E' ? box.x + box.width : box.x, y: box.y + rowMidY(i) };
}

/** Three-segment elbow from `a` (leaving east) to `b` (entering west); loops around when b is left of a. */
export function elbow(a: Point, b: Point, gap = 24): Point[] {
  if (b.x - a.x >= 2 * gap) {
    const mx = Math.round((a.x + b.x) / 2);
    return [a, { x: mx, y: a.y }, { x: mx, y: b.y }, b];
  }
  const midY = Math.round((a.y + b.y) / 2) + (a.y === b.y ? 40 : 0);
  return [a, { x: a.x + gap, y: a.y }, { x: a.x + gap, y: midY }, { x: b.x - gap, y: midY }, { x: b.x - gap, y: b.y }, b];
}

export function edgeRoute(e: ErdEdge, parent: ErdTable, pbox: Box, child: ErdTable, cbox: Box): Point[] {
  return elbow(portPoint(parent, pbox, e.toColumns[0], 'E'), portPoint(child, cbox, e.fromColumns[0], 'W'));
}

export function pathD(pts: readonly Point[]): string {
  return pts.map((p, i) => `${i ? 'L' : 'M'}${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join('');
}

export function routeBox(pts: readonly Point[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of pts) { x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
