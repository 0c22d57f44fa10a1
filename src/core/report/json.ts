/**
 * The JSON report: 2-space indented, keys in a fixed order (the order of report/types.ts),
 * trailing newline. Keys not listed keep their insertion order after the listed ones; maps
 * keyed by data (phase ids, timings, RLS sample rows) keep the pipeline's deterministic order.
 */
import type { Report } from './types';

const ORDER = [
  // Report
  'report_version', 'tool', 'generated_at', 'exit_code', 'verdict', 'incomplete', 'phase', 'summary', 'divergences', 'phases',
  'load', 'rls', 'smoke', 'inputs', 'timings',
  // tool, summary/counts
  'name', 'version', 'blocking', 'high', 'medium', 'low', 'waived',
  // Divergence
  'id', 'severity', 'kind', 'object_type', 'object', 'table', 'invariant', 'expected', 'actual', 'message', 'line', 'decision',
  // DivergenceDecision (status, reason below)
  'drift_id', 'adr',
  // GateDecision
  'status', 'reason', 'required_action', 'blocking_items', 'counts', 'exit_code',
  // load
  'canonical', 'dump', 'statements', 'executed', 'errors', 'notes', 'ms', 'column', 'sqlstate', 'code', 'statement', 'stopped',
  // rls / smoke
  'tests', 'summary', 'scenario', 'phase', 'title', 'outcome', 'passed', 'failed', 'inconclusive', 'detail', 'sql', 'role', 'tenant', 'rows',
  // incomplete
  'input', 'source',
  // inputs
  'sha256', 'bytes',
];
const RANK = new Map(ORDER.map((k, i) => [k, i]));
/** Objects under these keys are data maps: their keys are not reordered. */
const DATA_MAPS = new Set(['phases', 'timings', 'rows']);

function ordered(value: unknown, dataMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, dataMap));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!dataMap) {
    entries.sort(([a], [b]) => (RANK.get(a) ?? ORDER.length) - (RANK.get(b) ?? ORDER.length));
  }
  // Inside a data map, each value is a regular object again (e.g. a GateDecision), except sample rows.
  return Object.fromEntries(entries.map(([k, v]) => [k, dataMap ? (k === 'rows' ? v : ordered(v)) : DATA_MAPS.has(k) ? (k === 'rows' ? v : ordered(v, true)) : ordered(v)]));
}

export function toJson(report: Report): string {
  return JSON.stringify(ordered(report), null, 2) + '\n';
}
