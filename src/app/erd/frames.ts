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


export function drawFrames(framesG: G, labelsG: G, frames: readonly LayoutFrame[]): void {
  framesG.selectAll('*').remove();
  labelsG.selectAll('*').remove();
  for (const f of frames) {
    const schema = f.level === 'schema';
    framesG.append('rect').attr('class', `erd-frame-${f.level}`).attr('data-id', f.id).datum(f)
      .attr('x', f.box.x).attr('y', f.box.y).attr('width', f.box.width).attr('height', f.box.height)
      .attr('rx', schema ? 24 : 14).attr('fill', FRAME_FILL[f.kind]).attr('stroke', schema ? SCHEMA_STROKE : FRAME_STROKE)
      .attr('stroke-width', schema ? 3 : 1.5).attr('stroke-dasharray', schema ? '18 10' : null)
      .attr('vector-effect', 'non-scaling-stroke');
    const title = `${f.label} (${f.tables} table${f.tables === 1 ? '' : 's'})${f.top?.length ? ` — ${f.top.join(', ')}` : ''}`;
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

/**
 * Size and place the labels for zoom scale `k` and view level: hidden at full detail (table
 * headers are readable), the group names at the name/outline levels, and in the overview
 * (`groups`) each group card also lists its top tables.
 */
export function placeLabels(labelsG: G, k: number, level: Level): void {
  labelsG.attr('display', level === 'full' ? 'none' : null);
  if (level === 'full') return;
  const fitText = (el: SVGTextElement, text: string): void => {
    const node = el.firstChild; // the text node (the <title> follows it)
    if (node && node.nodeType === 3) node.nodeValue = text;
  };
  labelsG.selectAll<SVGTextElement, LayoutFrame>('text.erd-label').each(function (f) {
    const px = LABEL_PX[f.level];
    const schema = f.level === 'schema';
    // Inside the frame's top-left corner, in the band pack.ts reserved for it.
    fitText(this, truncate(f.name ?? f.label, px, f.box.width * k - (schema ? 24 : 16)));
    this.setAttribute('x', String(f.box.x + (schema ? 16 : 8) / k));
    this.setAttribute('y', String(f.box.y + (px + (schema ? 10 : 6)) / k));
    this.setAttribute('font-size', String(px / k));
    this.setAttribute('stroke-width', String(4 / k));
  });
  labelsG.selectAll<SVGTextElement, LayoutFrame>('text.erd-top').each(function (f) {
    // as many lines as the card's height holds on screen
    const room = Math.floor((f.box.height * k - LABEL_PX.group - 14) / (TOP_PX * 1.3));
    this.setAttribute('display', level === 'groups' && room > 0 ? 'inline' : 'none');
    if (level !== 'groups' || room <= 0) return;
    const x = String(f.box.x + 8 / k);
    this.setAttribute('y', String(f.box.y + (LABEL_PX.group + 6 + TOP_PX + 4) / k));
    this.setAttribute('font-size', String(TOP_PX / k));
    this.setAttribute('stroke-width', String(3 / k));
    let i = 0;
    for (const span of Array.from(this.querySelectorAll('tspan'))) {
      span.setAttribute('x', x);
      span.setAttribute('dy', i ? '1.3em' : '0');
      span.setAttribute('display', i < room ? 'inline' : 'none');
      span.textContent = truncate((d3datum(span) as string) ?? '', TOP_PX * 0.85, f.box.width * k - 16);
      i++;
    }
  });
}
