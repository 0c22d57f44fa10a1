/**
 * Colours and dash patterns of every mark (pure data). Drawn as SVG attributes, not CSS classes,
 * so an exported SVG is standalone. The legend is generated from these same values.
 *
 * Theme: every colour is a CSS custom property with its light value as the fallback,
 * `var(--erd-ink, #0f172a)`. On screen the light theme uses the fallbacks and erd-theme.css sets
 * the dark values under [data-theme='dark'] (no colour-invert filter: severity hues and contrast
 * are chosen per theme). Exports resolve every variable to its light fallback (resolveLight), so
 * an SVG/PNG for a document looks the same whatever theme the page had.
 */
import type { Severity } from '../../core/spec/types';
import type { Presence, RlsState } from './types';

/** A themed colour: CSS custom property `--erd-<name>`, light value as the fallback. */
export const themed = (name: string, light: string): string => `var(--erd-${name}, ${light})`;

/** Every themed colour resolved to its light fallback (standalone exports). */
export const resolveLight = (text: string): string => text.replace(/var\(--erd-[a-z0-9-]+, (#[0-9a-fA-F]{3,8})\)/g, '$1');

export const SEVERITY_COLOUR: Record<Severity, string> = {
  BLOCKING: themed('sev-blocking', '#b91c1c'), HIGH: themed('sev-high', '#c2410c'), MEDIUM: themed('sev-medium', '#a16207'), LOW: themed('sev-low', '#2563eb'),
};
export const SEVERITY_TINT: Record<Severity, string> = {
  BLOCKING: themed('tint-blocking', '#fee2e2'), HIGH: themed('tint-high', '#ffedd5'), MEDIUM: themed('tint-medium', '#fef9c3'), LOW: themed('tint-low', '#dbeafe'),
};
export const RLS_BADGE: Record<RlsState, { fill: string; text: string; label: string }> = {
  forced: { fill: '#15803d', text: 'RLS', label: 'RLS enabled and forced' },
  enabled: { fill: '#b45309', text: 'RLS½', label: 'RLS enabled, not forced (owner bypasses)' },
  off: { fill: '#6b7280', text: 'no RLS', label: 'RLS off' },
};
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

export const INK = themed('ink', '#0f172a');
export const MUTED = themed('muted', '#64748b');
export const HEADER_FILL = themed('header', '#1e3a5f');
export const EXTRA_FILL = themed('extra-fill', '#e5e7eb');
export const EXTRA_INK = themed('extra-ink', '#6b7280');
export const GHOST_INK = themed('ghost-ink', '#64748b');
export const HIGHLIGHT = themed('highlight', '#f59e0b');
export const EDGE = themed('edge', '#475569');
/** Canvas behind the diagram; a table's body; a ghost's body; a table's outline. */
export const CANVAS = themed('canvas', '#f8fafc');
export const CARD = themed('card', '#ffffff');
export const GHOST_FILL = themed('ghost-fill', '#f8fafc');
export const BOX_STROKE = themed('box', '#334155');
/** Extra (dump-only) headers and strokes, faded markers. */
export const FADED = themed('faded', '#9ca3af');
/** White marks on coloured badges and headers (the same in both themes). */
export const ON_COLOUR = '#ffffff';
/** Text halo behind group labels (the canvas colour). */
export const HALO = themed('halo', '#ffffff');
/** The selected table's ring, its edges, a highlighted column row, the keyboard focus ring. */
export const SELECTED = themed('selected', '#f59e0b');
export const SELECTED_EDGE = themed('selected-edge', '#b45309');
export const HIGHLIGHT_ROW = themed('highlight-row', '#fde68a');
export const FOCUS_RING = themed('focus', '#0b5cad');
/** Group and schema frames: fills per kind, strokes, schema label ink. */
export const FRAME_FILL = {
  schema: 'none', all: 'none', hubs: themed('frame-hubs', '#fef3c7'), cluster: themed('frame-cluster', '#eef2f7'),
  pool: themed('frame-pool', '#f1f5f9'), lone: themed('frame-pool', '#f1f5f9'),
} as const;
export const FRAME_STROKE = themed('frame', '#cbd5e1');
export const SCHEMA_STROKE = themed('schema', '#64748b');
export const SCHEMA_INK = themed('schema-ink', '#334155');

export const MARKER_COLOUR = { PK: themed('key-pk', '#a16207'), FK: themed('key-fk', '#1d4ed8'), U: themed('key-u', '#7e22ce'), NN: themed('key-nn', '#475569') } as const;

/** Box outline per presence: ghosts dashed, extras grey. */
export function boxStroke(presence: Presence, severity: Severity | null): { stroke: string; dash: string | null; width: number } {
  if (presence === 'missing') return { stroke: GHOST_INK, dash: '7 5', width: 1.6 };
  if (presence === 'extra') return { stroke: FADED, dash: null, width: 1.4 };
  return severity ? { stroke: SEVERITY_COLOUR[severity], dash: null, width: 2.6 } : { stroke: BOX_STROKE, dash: null, width: 1.2 };
}

export function edgeStyle(presence: Presence, nullable: boolean): { stroke: string; dash: string | null; opacity: number } {
  if (presence === 'missing') return { stroke: GHOST_INK, dash: '2 5', opacity: 0.8 };
  if (presence === 'extra') return { stroke: FADED, dash: nullable ? '6 4' : null, opacity: 1 };
  return { stroke: EDGE, dash: nullable ? '6 4' : null, opacity: 1 };
}
