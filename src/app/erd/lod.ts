/**
 * Level of detail and viewport culling (pure).
 *
 * Thresholds are on the zoom scale k (screen px per diagram px). At k ≥ FULL a table shows every
 * column row (13 px text is readable from about 0.55×); below that a table collapses to its
 * name, drawn large enough to read; below OUTLINE only the box and a name sized to the box.
 */
import type { Box } from './types';

export type Lod = 'full' | 'name' | 'outline';

export const LOD_FULL = 0.55;
export const LOD_OUTLINE = 0.18;
/** From this scale a table's name (drawn at up to 44 px) reads at about 11 screen px. */
export const LOD_READABLE = 0.25;

export function lodFor(k: number): Lod {
  return k >= LOD_FULL ? 'full' : k >= LOD_OUTLINE ? 'name' : 'outline';
}

/**
 * What the view draws: a table level of detail, or — for a partitioned diagram (layout frames)
 * zoomed out below LOD_GROUPS — the overview of group cards and inter-group FK bundles, where
 * hundreds of table boxes would be specks. Zooming in (or clicking a card) shows the group's
 * tables by name, then their columns: semantic zoom.
 */
export type Level = Lod | 'groups';
export const LOD_GROUPS = 0.25;

export function levelFor(k: number, grouped: boolean): Level {
  return grouped && k < LOD_GROUPS ? 'groups' : lodFor(k);
}

export interface Viewport { x: number; y: number; width: number; height: number }

/** The diagram-space rectangle visible through a `width`×`height` screen under transform (x, y, k), grown by `margin` screen px. */
export function visibleRect(t: { x: number; y: number; k: number }, width: number, height: number, margin = 100): Viewport {
  return { x: (-t.x - margin) / t.k, y: (-t.y - margin) / t.k, width: (width + 2 * margin) / t.k, height: (height + 2 * margin) / t.k };
}

export function intersects(a: Box, v: Viewport): boolean {
  return a.x < v.x + v.width && a.x + a.width > v.x && a.y < v.y + v.height && a.y + a.height > v.y;
}

/** Ids of boxes intersecting the viewport. */
export function cull(boxes: Record<string, Box>, ids: Iterable<string>, v: Viewport): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const b = boxes[id];
    if (b && intersects(b, v)) out.push(id);
  }
  return out;
}

/** Transform that fits `content` into a `width`×`height` screen with `pad` px, scale capped at `maxK`. */
export function fitTransform(content: Box, width: number, height: number, pad = 24, maxK = 1): { x: number; y: number; k: number } {
  const k = Math.min(maxK, (width - 2 * pad) / Math.max(1, content.width), (height - 2 * pad) / Math.max(1, content.height));
  return { k, x: (width - content.width * k) / 2 - content.x * k, y: (height - content.height * k) / 2 - content.y * k };
}
