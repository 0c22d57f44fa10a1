/**
 * Packing separately laid-out groups into one diagram (pure): shelf packing whose shelf width is
 * chosen so the whole fits a screen of the given aspect ratio at the largest scale, instead of one
 * long strip. Groups pack inside their schema's region, regions pack into the diagram; order is
 * kept (hubs first, then the BFS slices of a component side by side, so their stubs stay near).
 */
import type { Group } from './partition';
import type { Box, Layout, LayoutFrame, Point } from './types';

export interface Size { width: number; height: number }

/** Padding inside a group frame and gaps between frames, in diagram px. */
export const GROUP_PAD = 40;
export const GROUP_GAP = 90;
export const SCHEMA_PAD = 80;
export const SCHEMA_GAP = 220;

/** Place `items` left to right on shelves of width ≤ `shelf`; returns top-left corners and the extent. */
export function shelves(items: readonly Size[], shelf: number, gap: number): { at: Point[]; width: number; height: number } {
  const at: Point[] = [];
  let x = 0, y = 0, rowH = 0, width = 0;
  for (const it of items) {
    if (x > 0 && x + it.width > shelf) { y += rowH + gap; x = 0; rowH = 0; }
    at.push({ x, y });
    x += it.width + gap;
    rowH = Math.max(rowH, it.height);
    width = Math.max(width, x - gap);
  }
  return { at, width, height: items.length ? y + rowH : 0 };
}

/**
 * Shelf packing toward `aspect` (screen width / height): tries shelf widths between the widest item
 * and all items in one row and keeps the one whose extent fits an aspect×1 screen at the largest scale.
 */
export function packToAspect(items: readonly Size[], aspect: number, gap: number): { at: Point[]; width: number; height: number } {
  if (!items.length) return { at: [], width: 0, height: 0 };
  const widest = Math.max(...items.map((i) => i.width));
  const total = items.reduce((s, i) => s + i.width + gap, -gap);
  let best = shelves(items, total, gap);
  let bestScale = Math.min(aspect / best.width, 1 / best.height);
  const steps = 60;
  for (let s = 0; s < steps; s++) {
    const w = widest + ((total - widest) * s) / steps;
    const p = shelves(items, w, gap);
    const scale = Math.min(aspect / p.width, 1 / p.height);
    if (scale > bestScale) { best = p; bestScale = scale; }
  }
  return best;
}

/** A group's own layout (ELK coordinates, origin at 0,0). */
export type Part = Omit<Layout, 'frames' | 'groupOf' | 'ms'>;

/** Spacing of a grid of tables without edges (as ELK's node spacing). */
export const GRID_GAP = 40;

/** Tables without edges between them, in rows toward a 1.6 aspect ratio: no ELK needed. */
export function gridPart(tables: readonly ({ id: string } & Size)[]): Part {
  const p = packToAspect(tables, 1.6, GRID_GAP);
  const boxes: Part['boxes'] = {};
  tables.forEach((t, i) => { boxes[t.id] = { x: p.at[i].x, y: p.at[i].y, width: t.width, height: t.height }; });
  return { boxes, routes: {}, width: p.width, height: p.height };
}

const shift = (b: Box, dx: number, dy: number): Box => ({ ...b, x: b.x + dx, y: b.y + dy });

/** Screen px reserved above a frame's contents for its label, and per label character (≈0.64 em, bold). */
export const BAND_PX: Record<LayoutFrame['level'], number> = { group: 26, schema: 34 };
const EM: Record<LayoutFrame['level'], number> = { group: 14 * 0.64, schema: 20 * 0.64 };

/** The fit-to-screen scale for an extent (as lod.ts fitTransform, pad 24). */
const fitK = (w: number, h: number, screen: Size): number =>
  Math.min(1, (screen.width - 48) / Math.max(1, w), (screen.height - 48) / Math.max(1, h));

/**
 * Assemble the diagram from each group's layout for a `screen` of the given size (px). One group
 * (a small diagram) is returned as laid out, without frames. Otherwise every group gets a frame
 * and schemas a region frame when there are several. Labels must be readable at fit-to-screen,
 * so each frame reserves a band on top and a minimum width for its label at the fit scale; that
 * scale depends on the packing, so the packing is done three times (the scale settles).
 */
export function assemble(groups: readonly Group[], parts: ReadonlyMap<string, Part>, screen: Size, ms: number): Layout {
  const groupOf: Record<string, string> = {};
  for (const g of groups) for (const t of g.tables) groupOf[t] = g.id;
  if (groups.length === 1) {
    const p = parts.get(groups[0].id)!;
    return { ...p, frames: [], groupOf, ms };
  }
  const aspect = screen.width / Math.max(1, screen.height);
  const schemas = [...new Set(groups.map((g) => g.schema))];
  const multi = schemas.length > 1;
  const schemaLabel = (s: string): string => `schema ${s}`;
  const place = (k: number) => {
    const regions = schemas.map((schema) => {
      const gs = groups.filter((g) => g.schema === schema);
      const sizes = gs.map((g) => {
        const p = parts.get(g.id)!;
        return { width: Math.max(p.width + 2 * GROUP_PAD, (g.name.length * EM.group + 24) / k),
          height: p.height + 2 * GROUP_PAD + BAND_PX.group / k };
      });
      const packed = packToAspect(sizes, aspect, GROUP_GAP);
      const pad = multi ? SCHEMA_PAD : 0, top = multi ? BAND_PX.schema / k : 0;
      return { schema, gs, sizes, packed, pad, top,
        width: Math.max(packed.width + 2 * pad, multi ? (schemaLabel(schema).length * EM.schema + 24) / k : 0),
        height: packed.height + 2 * pad + top };
    });
    return { regions, outer: packToAspect(regions, aspect, SCHEMA_GAP) };
  };
  // Label reserves depend on the fit scale, which depends on the reserves: find by bisection the
  // largest scale k whose packing still fits the screen at k (every label then fits its frame at
  // fit-to-screen), but never below half the scale the tables alone fit at. When the labels of
  // one row are wider than the screen no such k exists (it would fall toward zero and the labels
  // dominate every frame); there the labels are truncated instead (full text in <title>).
  const fitOf = (p: ReturnType<typeof place>): number => fitK(p.outer.width, p.outer.height, screen);
  const bare = fitOf(place(Infinity));
  let lo = bare / 2, hi = bare;
  let placed = place(lo);
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    const p = place(mid);
    if (fitOf(p) >= mid) { lo = mid; placed = p; } else hi = mid;
  }
  const boxes: Layout['boxes'] = {};
  const routes: Layout['routes'] = {};
  const frames: LayoutFrame[] = [];
  placed.regions.forEach((r, ri) => {
    const ox = placed.outer.at[ri].x, oy = placed.outer.at[ri].y;
    if (multi) frames.push({ id: `schema:${r.schema}`, level: 'schema', schema: r.schema, kind: 'schema', label: schemaLabel(r.schema),
      box: { x: ox, y: oy, width: r.width, height: r.height }, tables: r.gs.reduce((s, g) => s + g.tables.length, 0) });
    r.gs.forEach((g, gi) => {
      const p = parts.get(g.id)!;
      const gx = ox + r.pad + r.packed.at[gi].x, gy = oy + r.pad + r.top + r.packed.at[gi].y;
      const fr = r.sizes[gi];
      frames.push({ id: g.id, level: 'group', schema: g.schema, kind: g.kind, label: g.label, name: g.name, top: g.top,
        box: { x: gx, y: gy, width: fr.width, height: fr.height }, tables: g.tables.length });
      const dx = gx + GROUP_PAD, dy = gy + GROUP_PAD + (fr.height - p.height - 2 * GROUP_PAD);
      for (const [id, b] of Object.entries(p.boxes)) boxes[id] = shift(b, dx, dy);
      for (const [id, pts] of Object.entries(p.routes)) routes[id] = pts.map((q) => ({ x: q.x + dx, y: q.y + dy }));
    });
  });
  return { boxes, routes, width: placed.outer.width, height: placed.outer.height, frames, groupOf, ms };
}
