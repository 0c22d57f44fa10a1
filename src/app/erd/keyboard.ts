/**
 * Keyboard reach in the diagram (pure parts): which table or group card an arrow key moves to,
 * and the order a table's relationships are walked in. The view (view.ts) keeps one roving
 * tab stop (tabindex 0 on the current item, -1 on every other drawn table, edge and card) and
 * moves it with these.
 */
import type { Box, ErdEdge } from './types';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const DIRECTION: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/**
 * The box nearest to `from` in `dir`: among boxes whose centre lies in that half-plane, the one
 * with the smallest distance along the direction plus twice the sideways offset (so "right" picks
 * the neighbour in the same row before a closer one two rows down). Null when none lies that way.
 */
export function nearest(boxes: Readonly<Record<string, Box>>, from: string, dir: Direction): string | null {
  const f = boxes[from];
  if (!f) return null;
  const c = centre(f);
  let best: string | null = null, score = Infinity;
  for (const [id, b] of Object.entries(boxes)) {
    if (id === from) continue;
    const p = centre(b);
    const dx = p.x - c.x, dy = p.y - c.y;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    const side = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0) continue;
    const s = along + 2 * side;
    if (s < score || (s === score && best !== null && id < best)) { score = s; best = id; }
  }
  return best;
}

/** The item to start from: the top-left-most box (reading order). */
export function first(boxes: Readonly<Record<string, Box>>): string | null {
  let best: string | null = null;
  for (const [id, b] of Object.entries(boxes)) {
    const cur = best ? boxes[best] : null;
    if (!cur || b.y + b.x * 0.25 < cur.y + cur.x * 0.25) best = id;
  }
  return best;
}

/** A table's relationships in walking order: its own FKs (to parents) first, then those into it; each by name. */
export function edgesOf(edges: readonly ErdEdge[], table: string): ErdEdge[] {
  const out = edges.filter((e) => e.from === table).sort((a, b) => a.name.localeCompare(b.name));
  const into = edges.filter((e) => e.to === table && e.from !== table).sort((a, b) => a.from.localeCompare(b.from) || a.name.localeCompare(b.name));
  return [...out, ...into];
}

/** Accessible name of an edge: what it joins and how. */
export function edgeLabel(e: ErdEdge): string {
  return `Foreign key ${e.name}: ${e.from} (${e.fromColumns.join(', ')}) references ${e.to} (${e.toColumns.join(', ')})${e.nullable ? ', optional' : ''}`;
}
