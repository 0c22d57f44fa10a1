/**
 * Export: a standalone SVG (every shown table at full detail, inline attributes, XML-serialised,
 * no external references) and a PNG rasterised from it through a canvas.
 */
import * as d3 from 'd3';
import { drawDefs, drawTable, markerId } from './draw';
import { edgeStyle, resolveLight } from './paint';
import { pathD } from './route';
import { FONT } from './paint';
import type { Box, ErdEdge, ErdTable, LayoutFrame, Point } from './types';

export interface ExportInput {
  title: string;
  tables: ErdTable[];
  boxes: Readonly<Record<string, Box>>;
  edges: { e: ErdEdge; pts: Point[] }[];
  /** Group / schema frames of a partitioned diagram (drawn under everything, labelled). */
  frames?: readonly LayoutFrame[];
}

const PAD = 30;

export function exportSvg(input: ExportInput): string {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const t of input.tables) {
    const b = input.boxes[t.id];
    if (!b) continue;
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
  }
  for (const f of input.frames ?? []) {
    x0 = Math.min(x0, f.box.x); y0 = Math.min(y0, f.box.y); x1 = Math.max(x1, f.box.x + f.box.width); y1 = Math.max(y1, f.box.y + f.box.height);
  }
  if (x0 === Infinity) { x0 = y0 = 0; x1 = y1 = 100; }
  const w = x1 - x0 + 2 * PAD, h = y1 - y0 + 2 * PAD + 30;
  const doc = document.implementation.createDocument('http://www.w3.org/2000/svg', 'svg', null);
  const root = doc.documentElement as unknown as SVGSVGElement;
  const svg = d3.select(root);
  svg.attr('xmlns', 'http://www.w3.org/2000/svg').attr('width', Math.ceil(w)).attr('height', Math.ceil(h))
    .attr('viewBox', `${x0 - PAD} ${y0 - PAD - 30} ${Math.ceil(w)} ${Math.ceil(h)}`).attr('role', 'img')
    .attr('aria-label', `Entity relationship diagram: ${input.title}`);
  svg.append('rect').attr('x', x0 - PAD).attr('y', y0 - PAD - 30).attr('width', w).attr('height', h).attr('fill', '#ffffff');
  svg.append('title').text(`Entity relationship diagram: ${input.title}`);
  drawDefs(svg.append('defs'));
  svg.append('text').attr('x', x0).attr('y', y0 - PAD + 4).attr('font-family', 'sans-serif').attr('font-size', 16).attr('font-weight', 700)
    .attr('fill', '#0f172a').text(input.title);
  const fg = svg.append('g');
  for (const f of input.frames ?? []) {
    const schema = f.level === 'schema';
    fg.append('rect').attr('x', f.box.x).attr('y', f.box.y).attr('width', f.box.width).attr('height', f.box.height)
      .attr('rx', schema ? 24 : 14).attr('fill', schema ? 'none' : '#f1f5f9').attr('stroke', schema ? '#64748b' : '#cbd5e1')
      .attr('stroke-width', schema ? 3 : 1.5).attr('stroke-dasharray', schema ? '18 10' : null);
    fg.append('text').attr('x', f.box.x + 12).attr('y', f.box.y + (schema ? 30 : 22)).attr('font-family', FONT)
      .attr('font-size', schema ? 24 : 16).attr('font-weight', 700).attr('fill', '#0f172a').text(f.label);
  }
  const eg = svg.append('g');
  for (const { e, pts } of input.edges) {
    const st = edgeStyle(e.presence, e.nullable);
    const faded = e.presence !== 'same';
    eg.append('path').attr('d', pathD(pts)).attr('fill', 'none').attr('stroke', st.stroke).attr('stroke-width', 1.4)
      .attr('stroke-dasharray', st.dash).attr('opacity', st.opacity)
      .attr('marker-start', `url(#${markerId(e.parentEnd, faded)})`).attr('marker-end', `url(#${markerId(e.childEnd, faded)})`);
  }
  const tg = svg.append('g');
  for (const t of input.tables) {
    const b = input.boxes[t.id];
    if (!b) continue;
    const g = tg.append('g').attr('transform', `translate(${b.x},${b.y})`);
    drawTable(g as unknown as d3.Selection<SVGGElement, unknown, null, undefined>, t, { ...b, x: 0, y: 0 }, 'full');
  }
  // Themed colours resolve to the light palette: the file is standalone and theme-independent.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${resolveLight(new XMLSerializer().serializeToString(root))}`;
}

/** Rasterise an SVG string to PNG; the canvas is capped at 16 Mpx (scaled down beyond). */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svgText);
  const w = Number(m?.[1] ?? 800), h = Number(m?.[2] ?? 600);
  const k = Math.min(scale, Math.sqrt(16_000_000 / (w * h)));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('ERD PNG export: the SVG could not be decoded as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * k));
    canvas.height = Math.max(1, Math.round(h * k));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('ERD PNG export: no 2D canvas context');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('ERD PNG export: canvas.toBlob returned nothing'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
