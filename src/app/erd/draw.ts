/**
 * d3 drawing of one table, the crow's-foot marker defs and edges. Every identifier and comment is
 * set with `.text()` (never `.html()`): they are user content. Styles are attributes so the same
 * code produces the standalone export.
 */
import type { Selection } from 'd3';
import type { Lod } from './lod';
import { HEADER_H, ROW_H, displayType } from './geometry';
import {
  EXTRA_FILL, EXTRA_INK, FONT, GHOST_INK, HEADER_FILL, INK, MARKER_COLOUR, MONO, MUTED, RLS_BADGE, SEVERITY_COLOUR,
  SEVERITY_TINT, boxStroke, EDGE, FADED, CARD, GHOST_FILL, ON_COLOUR, HIGHLIGHT_ROW, SELECTED,
} from './paint';
import type { Box, EndMarker, ErdTable } from './types';

type G = Selection<SVGGElement, unknown, null, undefined>;

export const MARKERS: Record<EndMarker, string> = {
  'one-mandatory': 'M11,3L11,17M15,3L15,17',
  'one-optional': 'M15,3L15,17',
  'many-optional': 'M10,10L20,3M10,10L20,17M10,10L20,10',
  'many-mandatory': 'M10,10L20,3M10,10L20,17M10,10L20,10M7,3L7,17',
};
/** Optional ends also get a hollow circle (at cx below). */
const CIRCLE: Partial<Record<EndMarker, number>> = { 'one-optional': 7, 'many-optional': 5 };

export const markerId = (m: EndMarker, faded = false): string => `erd-m-${m}${faded ? '-f' : ''}`;

export function drawDefs(defs: Selection<SVGDefsElement, unknown, null, undefined>): void {
  for (const faded of [false, true])
    for (const m of Object.keys(MARKERS) as EndMarker[]) {
      const colour = faded ? FADED : EDGE;
      const mk = defs.append('marker').attr('id', markerId(m, faded)).attr('viewBox', '0 0 20 20')
        .attr('refX', 20).attr('refY', 10).attr('markerWidth', 20).attr('markerHeight', 20)
        .attr('markerUnits', 'userSpaceOnUse').attr('orient', 'auto-start-reverse');
      mk.append('path').attr('d', MARKERS[m]).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5);
      const cx = CIRCLE[m];
      if (cx !== undefined) mk.append('circle').attr('cx', cx).attr('cy', 10).attr('r', 3.6).attr('fill', CARD).attr('stroke', colour).attr('stroke-width', 1.4);
    }
}

function keyMarkers(c: ErdTable['columns'][number]): string[] {
  const m: string[] = [];
  if (c.pk) m.push('PK');
  if (c.fk) m.push('FK');
  if (c.unique) m.push('U');
  return m;
}

/** Render a table's contents into its (emptied) group at the given level of detail, in local coordinates. */
export function drawTable(g: G, t: ErdTable, box: Box, lod: Lod, opts: { highlightColumn?: string | null; selected?: boolean } = {}): void {
  g.selectAll('*').remove();
  const { width: w, height: h } = box;
  const ghost = t.presence === 'missing';
  const extra = t.presence === 'extra';
  const s = boxStroke(t.presence, t.severity);
  const label = t.schema === 'public' ? t.name : `${t.schema}.${t.name}`;
  g.append('title').text(`${t.schema}.${t.name}${ghost ? ' (missing from dump)' : extra ? ' (not in canonical)' : ''}`);

  const frame = g.append('rect').attr('class', 'erd-frame').attr('width', w).attr('height', h).attr('rx', 4)
    .attr('fill', ghost ? GHOST_FILL : extra ? EXTRA_FILL : CARD).attr('fill-opacity', ghost ? 0.7 : 1)
    .attr('stroke', s.stroke).attr('stroke-width', s.width);
  if (s.dash) frame.attr('stroke-dasharray', s.dash);

  if (lod !== 'full') {
    if (!ghost) g.append('rect').attr('width', w).attr('height', Math.min(h, HEADER_H)).attr('rx', 4).attr('fill', extra ? FADED : HEADER_FILL);
    // Outline (very far out): names would be under ~2 screen px; painting 1,000 of them is what
    // drops panning below 50 fps, so the name stays only in the <title> (tooltip, accessible name).
    if (lod === 'outline') { if (opts.selected) selection(g, w, h); return; }
    const fs = Math.max(12, Math.min(w / (0.6 * Math.max(4, label.length)), 44));
    g.append('text').attr('class', 'erd-name').attr('x', w / 2).attr('y', Math.min(h / 2, Math.max(HEADER_H + fs, h / 2)))
      .attr('text-anchor', 'middle').attr('dominant-baseline', 'central').attr('font-family', FONT).attr('font-weight', 700)
      .attr('font-size', fs).attr('fill', ghost ? GHOST_INK : extra ? EXTRA_INK : INK).attr('font-style', ghost ? 'italic' : null).text(label);
    if (lod === 'name') badges(g, t, w);
    if (opts.selected) selection(g, w, h);
    return;
  }

  // Header
  if (!ghost) g.append('rect').attr('width', w).attr('height', HEADER_H).attr('rx', 4).attr('fill', extra ? FADED : HEADER_FILL);
  else g.append('line').attr('x1', 0).attr('x2', w).attr('y1', HEADER_H).attr('y2', HEADER_H).attr('stroke', GHOST_INK).attr('stroke-dasharray', '4 4');
  g.append('text').attr('class', 'erd-name').attr('x', 8).attr('y', HEADER_H / 2).attr('dominant-baseline', 'central')
    .attr('font-family', FONT).attr('font-weight', 700).attr('font-size', 13.5).attr('font-style', ghost ? 'italic' : null)
    .attr('fill', ghost ? GHOST_INK : ON_COLOUR).text(label);
  badges(g, t, w);

  // Rows
  t.columns.forEach((c, i) => {
    const y = HEADER_H + i * ROW_H;
    const row = g.append('g').attr('class', 'erd-col').attr('data-id', c.id).attr('transform', `translate(0,${y})`);
    const tint = opts.highlightColumn === c.id ? HIGHLIGHT_ROW : c.severity ? SEVERITY_TINT[c.severity] : c.presence === 'extra' && !extra ? EXTRA_FILL : null;
    if (tint) row.append('rect').attr('x', 1).attr('width', w - 2).attr('height', ROW_H).attr('fill', tint);
    if (c.severity) row.append('rect').attr('x', 1).attr('width', 4).attr('height', ROW_H).attr('fill', SEVERITY_COLOUR[c.severity]);
    if (c.presence === 'missing' && !ghost)
      row.append('rect').attr('x', 3).attr('y', 1).attr('width', w - 6).attr('height', ROW_H - 2).attr('fill', 'none')
        .attr('stroke', GHOST_INK).attr('stroke-dasharray', '4 3');
    const rowInk = c.presence === 'missing' ? GHOST_INK : c.presence === 'extra' ? EXTRA_INK : INK;
    const mk = keyMarkers(c);
    let x = 8;
    for (const m of mk) {
      row.append('text').attr('x', x).attr('y', ROW_H / 2).attr('dominant-baseline', 'central').attr('font-family', FONT)
        .attr('font-size', 9.5).attr('font-weight', 700).attr('fill', MARKER_COLOUR[m as keyof typeof MARKER_COLOUR]).text(m);
      x += m.length * 7 + 3;
    }
    row.append('text').attr('x', 40).attr('y', ROW_H / 2).attr('dominant-baseline', 'central').attr('font-family', FONT)
      .attr('font-size', 12.5).attr('fill', rowInk).attr('font-style', c.presence === 'missing' ? 'italic' : null)
      .attr('font-weight', c.pk ? 600 : null).text(c.name);
    row.append('text').attr('x', w - 8).attr('y', ROW_H / 2).attr('dominant-baseline', 'central').attr('text-anchor', 'end')
      .attr('font-family', MONO).attr('font-size', 11).attr('fill', c.presence === 'same' ? MUTED : rowInk).text(displayType(c.type));
    if (c.notNull)
      row.append('text').attr('x', w - 12 - displayType(c.type).length * 6.6).attr('y', ROW_H / 2).attr('dominant-baseline', 'central')
        .attr('text-anchor', 'end').attr('font-family', FONT).attr('font-size', 8.5).attr('font-weight', 700).attr('fill', MARKER_COLOUR.NN).text('NN');
    row.append('title').text(`${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.comment ? ` — ${c.comment}` : ''}`);
  });
  if (opts.selected) selection(g, w, h);
}

function selection(g: G, w: number, h: number): void {
  g.append('rect').attr('class', 'erd-selected').attr('x', -5).attr('y', -5).attr('width', w + 10).attr('height', h + 10).attr('rx', 7)
    .attr('fill', 'none').attr('stroke', SELECTED).attr('stroke-width', 4);
}

/** RLS badge and divergence count badge in the header's right end. */
function badges(g: G, t: ErdTable, w: number): void {
  const b = RLS_BADGE[t.rls];
  const bw = b.text.length * 6.2 + 10;
  let x = w - bw - 5;
  const rls = g.append('g').attr('class', 'erd-rls').attr('transform', `translate(${x},7)`);
  rls.append('rect').attr('width', bw).attr('height', 16).attr('rx', 8).attr('fill', b.fill).attr('stroke', ON_COLOUR).attr('stroke-width', 1);
  rls.append('text').attr('x', bw / 2).attr('y', 8).attr('text-anchor', 'middle').attr('dominant-baseline', 'central')
    .attr('font-family', FONT).attr('font-size', 9.5).attr('font-weight', 700).attr('fill', ON_COLOUR).text(b.text);
  rls.append('title').text(b.label);
  const total = t.counts.BLOCKING + t.counts.HIGH + t.counts.MEDIUM + t.counts.LOW;
  if (!total || !t.severity) return;
  const label = String(total);
  const cw = Math.max(18, label.length * 7 + 8);
  x -= cw + 4;
  const c = g.append('g').attr('class', 'erd-count').attr('transform', `translate(${x},7)`);
  c.append('rect').attr('width', cw).attr('height', 16).attr('rx', 8).attr('fill', SEVERITY_COLOUR[t.severity]).attr('stroke', ON_COLOUR);
  c.append('text').attr('x', cw / 2).attr('y', 8).attr('text-anchor', 'middle').attr('dominant-baseline', 'central')
    .attr('font-family', FONT).attr('font-size', 10).attr('font-weight', 700).attr('fill', ON_COLOUR).text(label);
  c.append('title').text(`${total} divergence(s): ${t.counts.BLOCKING} blocking, ${t.counts.HIGH} high, ${t.counts.MEDIUM} medium, ${t.counts.LOW} low`);
}
