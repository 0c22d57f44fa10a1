/**
 * Group and schema frames with their labels (d3). Frames sit under the edges; labels sit above
 * the tables with a white halo and keep a constant SCREEN size (font size / k), so at the
 * fit-to-screen overview of 1,000 tables — where table names are far too small to paint — the
 * labels say what each region is. Labels hide at full detail, where table headers are readable.
 * Label text is user content: set with .text() only.
 */
import type { Selection } from 'd3';
import { FONT, INK } from './paint';
import type { LayoutFrame } from './types';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Screen px of a label. */
export const LABEL_PX: Record<LayoutFrame['level'], number> = { group: 14, schema: 20 };

const FILL: Record<LayoutFrame['kind'], string> = {
  schema: 'none', all: 'none', hubs: '#fef3c7', cluster: '#eef2f7', pool: '#f1f5f9', lone: '#f1f5f9',
};

export function drawFrames(framesG: G, labelsG: G, frames: readonly LayoutFrame[]): void {
  framesG.selectAll('*').remove();
  labelsG.selectAll('*').remove();
  for (const f of frames) {
    const schema = f.level === 'schema';
    framesG.append('rect').attr('class', `erd-frame-${f.level}`).attr('data-id', f.id)
      .attr('x', f.box.x).attr('y', f.box.y).attr('width', f.box.width).attr('height', f.box.height)
      .attr('rx', schema ? 24 : 14).attr('fill', FILL[f.kind]).attr('stroke', schema ? '#64748b' : '#cbd5e1')
      .attr('stroke-width', schema ? 3 : 1.5).attr('stroke-dasharray', schema ? '18 10' : null)
      .attr('vector-effect', 'non-scaling-stroke');
    labelsG.append('text').attr('class', `erd-label erd-label-${f.level}`).datum(f)
      .attr('font-family', FONT).attr('font-weight', schema ? 800 : 700).attr('fill', schema ? '#334155' : INK)
      .attr('stroke', '#ffffff').attr('stroke-linejoin', 'round').style('paint-order', 'stroke')
      .text(f.label).append('title').text(`${f.label} (${f.tables} table${f.tables === 1 ? '' : 's'})`);
  }
}

/** Fit `label` into `maxPx` screen px at `px` font size (≈0.64 em per bold character), with an ellipsis. */
export function truncate(label: string, px: number, maxPx: number): string {
  const fit = Math.floor(maxPx / (0.64 * px));
  if (label.length <= fit) return label;
  return fit <= 3 ? '' : `${label.slice(0, fit - 1)}…`;
}

/** Size and place the labels for zoom scale `k`; hidden when `visible` is false. */
export function placeLabels(labelsG: G, k: number, visible: boolean): void {
  labelsG.attr('display', visible ? null : 'none');
  if (!visible) return;
  labelsG.selectAll<SVGTextElement, LayoutFrame>('text.erd-label').each(function (f) {
    const px = LABEL_PX[f.level];
    const size = px / k;
    const schema = f.level === 'schema';
    // Inside the frame's top-left corner, in the band pack.ts reserved for it.
    const x = f.box.x + (schema ? 16 : 8) / k;
    const y = f.box.y + (px + (schema ? 10 : 6)) / k;
    const text = truncate(f.label, px, f.box.width * k - (schema ? 24 : 16));
    const node = this.firstChild; // the text node (the <title> follows it)
    if (node && node.nodeType === 3) node.nodeValue = text;
    this.setAttribute('x', String(x));
    this.setAttribute('y', String(y));
    this.setAttribute('font-size', String(size));
    this.setAttribute('stroke-width', String(4 / k));
  });
}
