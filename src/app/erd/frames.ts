/**
 * Group and schema frames with their labels (d3). Frames sit under the edges; labels sit above
 * the tables with a white halo and keep a constant SCREEN size (font size / k), so at the
 * fit-to-screen overview of 1,000 tables — where table names are far too small to paint — the
 * labels say what each region is. Labels hide at full detail, where table headers are readable.
 * Label text is user content: set with .text() only.
 */
import type { Selection } from 'd3';
import type { Level } from './lod';
import { FONT, FRAME_FILL, FRAME_STROKE, HALO, INK, MUTED, SCHEMA_INK, SCHEMA_STROKE } from './paint';
import type { LayoutFrame } from './types';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Screen px of a label. */
export const LABEL_PX: Record<LayoutFrame['level'], number> = { group: 14, schema: 20 };

const frameTitle = (f: LayoutFrame): string =>
  `${f.label} (${f.tables} table${f.tables === 1 ? '' : 's'})${f.top?.length ? ` — ${f.top.join(', ')}` : ''}`;

export function drawFrames(framesG: G, labelsG: G, frames: readonly LayoutFrame[]): void {
  framesG.selectAll('*').remove();
  labelsG.selectAll('*').remove();
  for (const f of frames) {
    const schema = f.level === 'schema';
    framesG.append('rect').attr('class', `erd-frame-${f.level}`).attr('data-id', f.id).datum(f)
      .attr('x', f.box.x).attr('y', f.box.y).attr('width', f.box.width).attr('height', f.box.height)
      .attr('rx', schema ? 24 : 14).attr('fill', FRAME_FILL[f.kind]).attr('stroke', schema ? SCHEMA_STROKE : FRAME_STROKE)
      .attr('stroke-width', schema ? 3 : 1.5).attr('stroke-dasharray', schema ? '18 10' : null)
      .attr('vector-effect', 'non-scaling-stroke')
      .append('title').text(frameTitle(f)); // the name, also when its label is hidden (no room)
    const title = frameTitle(f);
    labelsG.append('text').attr('class', `erd-label erd-label-${f.level}`).attr('data-frame', f.id).attr('data-name', f.name ?? f.label).datum(f)
      .attr('font-family', FONT).attr('font-weight', schema ? 800 : 700).attr('fill', schema ? SCHEMA_INK : INK)
      .attr('stroke', HALO).attr('stroke-linejoin', 'round').style('paint-order', 'stroke')
      .text(f.name ?? f.label).append('title').text(title);
    // The overview card's second line: the group's most connected tables.
    if (!schema) {
      const top = labelsG.append('text').attr('class', 'erd-top').datum(f)
        .attr('font-family', FONT).attr('font-weight', 400).attr('fill', MUTED)
        .attr('stroke', HALO).attr('stroke-linejoin', 'round').style('paint-order', 'stroke');
      for (const line of topLines(f)) top.append('tspan').datum(line).text(line);
      top.append('title').text(title);
    }
  }
}

/** The datum d3 bound to a node (the full line text of a tspan). */
const d3datum = (node: Element): unknown => (node as Element & { __data__?: unknown }).__data__;

/** Fit `label` into `maxPx` screen px at `px` font size (≈0.64 em per bold character), with an ellipsis. */
export function truncate(label: string, px: number, maxPx: number): string {
  const fit = Math.floor(maxPx / (0.64 * px));
  if (label.length <= fit) return label;
  return fit <= 3 ? '' : `${label.slice(0, fit - 1)}…`;
}

/** The card's lines under its name: the size, then the most connected tables, one a line. */
export const topLines = (f: LayoutFrame): string[] => [`${f.tables} table${f.tables === 1 ? '' : 's'}`, ...(f.top ?? []).map((t) => `· ${t}`)];

/** Screen px of the top-tables line. */
export const TOP_PX = 12;

/** A label's extent in diagram units (estimated from its text: no layout is forced per frame). */
interface Extent { x0: number; y0: number; x1: number; y1: number }
const overlaps = (a: Extent, b: Extent): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** Width of `text` at `px` (≈0.64 em per bold character, as `truncate` assumes). */
const textPx = (text: string, px: number): number => text.length * 0.64 * px;

/**
 * Size and place the labels for zoom scale `k` and view level: hidden at full detail (table
 * headers are readable), the group names at the name/outline levels, and in the overview
 * (`groups`) each group card also lists its top tables.
 * No two labels overlap at any zoom: schema names are placed first, then group names by group
 * size; a name that would spill out of its frame or overlap one already placed is hidden (its
 * frame keeps the full name in its <title>), and so are top-table lines that would.
 */
export function placeLabels(labelsG: G, k: number, level: Level): void {
  labelsG.attr('display', level === 'full' ? 'none' : null);
  if (level === 'full') return;
  const fitText = (el: SVGTextElement, text: string): void => {
    const node = el.firstChild; // the text node (the <title> follows it)
    if (node && node.nodeType === 3) node.nodeValue = text;
  };
  const tops = new Map<string, SVGTextElement>();
  labelsG.selectAll<SVGTextElement, LayoutFrame>('text.erd-top').each(function (f) { tops.set(f.id, this); });
  const labels: { el: SVGTextElement; f: LayoutFrame }[] = [];
  labelsG.selectAll<SVGTextElement, LayoutFrame>('text.erd-label').each(function (f) { labels.push({ el: this, f }); });
  labels.sort((a, b) => (a.f.level === b.f.level ? b.f.tables - a.f.tables || (a.f.id < b.f.id ? -1 : 1) : a.f.level === 'schema' ? -1 : 1));
  const placed: Extent[] = [];
  const free = (e: Extent): boolean => !placed.some((p) => overlaps(p, e));
  for (const { el, f } of labels) {
    const px = LABEL_PX[f.level];
    const schema = f.level === 'schema';
    // Inside the frame's top-left corner, in the band pack.ts reserved for it.
    const text = truncate(f.name ?? f.label, px, f.box.width * k - (schema ? 24 : 16));
    const x = f.box.x + (schema ? 16 : 8) / k;
    const y = f.box.y + (px + (schema ? 10 : 6)) / k;
    fitText(el, text);
    el.setAttribute('x', String(x));
    el.setAttribute('y', String(y));
    el.setAttribute('font-size', String(px / k));
    el.setAttribute('stroke-width', String(4 / k));
    const name: Extent = { x0: x, y0: y - px / k, x1: x + textPx(text, px) / k, y1: y + (0.25 * px) / k };
    const fits = text !== '' && f.box.height * k >= px + 10 && free(name);
    el.setAttribute('display', fits ? 'inline' : 'none');
    if (fits) placed.push(name);
    const top = tops.get(f.id);
    if (top) placeTop(top, f, k, level === 'groups' && fits, placed);
  }
}

/** The card's top-table lines under its name, as many as its height holds and overlap nothing. */
function placeTop(el: SVGTextElement, f: LayoutFrame, k: number, show: boolean, placed: Extent[]): void {
  const room = Math.floor((f.box.height * k - LABEL_PX.group - 14) / (TOP_PX * 1.3));
  const x = f.box.x + 8 / k;
  const y = f.box.y + (LABEL_PX.group + 6 + TOP_PX + 4) / k;
  const spans = Array.from(el.querySelectorAll('tspan'));
  const texts = spans.map((span) => truncate((d3datum(span) as string) ?? '', TOP_PX * 0.85, f.box.width * k - 16));
  const lines = Math.min(room, spans.length);
  const block: Extent = { x0: x, y0: y - TOP_PX / k, x1: x + Math.max(0, ...texts.slice(0, lines).map((t) => textPx(t, TOP_PX * 0.85))) / k,
    y1: y + ((lines - 1) * 1.3 * TOP_PX + 0.3 * TOP_PX) / k };
  const visible = show && lines > 0 && !placed.some((p) => overlaps(p, block));
  el.setAttribute('display', visible ? 'inline' : 'none');
  if (!visible) return;
  placed.push(block);
  el.setAttribute('y', String(y));
  el.setAttribute('font-size', String(TOP_PX / k));
  el.setAttribute('stroke-width', String(3 / k));
  spans.forEach((span, i) => {
    span.setAttribute('x', String(x));
    span.setAttribute('dy', i ? '1.3em' : '0');
    span.setAttribute('display', i < lines ? 'inline' : 'none');
    span.textContent = texts[i];
  });
}
