/**
 * Table geometry (pure): sizes of the boxes and the y of each column row, shared by the layout
 * (ports sit on column rows) and the renderer. Monospace-ish estimates: no DOM measuring, so the
 * worker and the page agree and layout never waits for fonts.
 */
import type { ErdTable } from './types';

export const HEADER_H = 30;
export const ROW_H = 20;
export const PAD_BOTTOM = 6;
export const MARKER_W = 40;
export const CHAR_W = 7.2;
export const TYPE_CHAR_W = 6.4;
export const MIN_W = 170;
export const MAX_W = 440;
export const MAX_TYPE_CHARS = 26;

export function displayType(type: string): string {
  return type.length > MAX_TYPE_CHARS ? `${type.slice(0, MAX_TYPE_CHARS - 1)}…` : type;
}

export function tableSize(t: ErdTable): { width: number; height: number } {
  let w = t.name.length * (CHAR_W + 0.8) + 90; // name + RLS badge + count badge
  for (const c of t.columns) w = Math.max(w, MARKER_W + c.name.length * CHAR_W + 34 + displayType(c.type).length * TYPE_CHAR_W + 12);
  return {
    width: Math.round(Math.min(MAX_W, Math.max(MIN_W, w))),
    height: HEADER_H + Math.max(1, t.columns.length) * ROW_H + PAD_BOTTOM,
  };
}

/** Y (relative to the table's top) of the middle of column row `i`. */
export function rowMidY(i: number): number {
  return HEADER_H + i * ROW_H + ROW_H / 2;
}
