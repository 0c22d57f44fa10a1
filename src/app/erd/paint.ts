/**
 * Colours and dash patterns of every mark (pure data). Drawn as SVG attributes, not CSS classes,
 * so an exported SVG is standalone. The legend is generated from these same values.
 */
import type { Severity } from '../../core/spec/types';
import type { Presence, RlsState } from './types';

export const SEVERITY_COLOUR: Record<Severity, string> = {
  BLOCKING: '#b91c1c', HIGH: '#ea580c', MEDIUM: '#ca8a04', LOW: '#2563eb',
};
export const SEVERITY_TINT: Record<Severity, string> = {
  BLOCKING: '#fee2e2', HIGH: '#ffedd5', MEDIUM: '#fef9c3', LOW: '#dbeafe',
};
export const RLS_BADGE: Record<RlsState, { fill: string; text: string; label: string }> = {
  forced: { fill: '#15803d', text: 'RLS', label: 'RLS enabled and forced' },
  enabled: { fill: '#b45309', text: 'RLS½', label: 'RLS enabled, not forced (owner bypasses)' },
  off: { fill: '#6b7280', text: 'no RLS', label: 'RLS off' },
};
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

export const INK = '#0f172a';
export const MUTED = '#64748b';
export const HEADER_FILL = '#1e3a5f';
export const EXTRA_FILL = '#e5e7eb';
export const EXTRA_INK = '#6b7280';
export const GHOST_INK = '#64748b';
export const HIGHLIGHT = '#f59e0b';
export const EDGE = '#475569';

export const MARKER_COLOUR = { PK: '#a16207', FK: '#1d4ed8', U: '#7e22ce', NN: '#475569' } as const;

/** Box outline per presence: ghosts dashed, extras grey. */
export function boxStroke(presence: Presence, severity: Severity | null): { stroke: string; dash: string | null; width: number } {
  if (presence === 'missing') return { stroke: GHOST_INK, dash: '7 5', width: 1.6 };
  if (presence === 'extra') return { stroke: '#9ca3af', dash: null, width: 1.4 };
  return severity ? { stroke: SEVERITY_COLOUR[severity], dash: null, width: 2.6 } : { stroke: '#334155', dash: null, width: 1.2 };
}

export function edgeStyle(presence: Presence, nullable: boolean): { stroke: string; dash: string | null; opacity: number } {
  if (presence === 'missing') return { stroke: GHOST_INK, dash: '2 5', opacity: 0.8 };
  if (presence === 'extra') return { stroke: '#9ca3af', dash: nullable ? '6 4' : null, opacity: 1 };
  return { stroke: EDGE, dash: nullable ? '6 4' : null, opacity: 1 };
}
