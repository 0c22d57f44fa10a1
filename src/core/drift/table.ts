/**
 * The Schema Drift Table (seed 004 §3.2): one row per drift, with the reviewer's decision.
 *
 * Rows come from the divergences of every loaded dump, numbered by the registry; the
 * decision (resolution, status, ADR reference, notes) is what a person records and is kept
 * with the session. A drift that was decided on but is no longer in any loaded dump stays in
 * the table (its decision is history), marked as not present.
 */
import type { Divergence, DivergenceKind } from '../report/types';
import type { Severity } from '../spec/types';
import { type DriftRegistry, driftIdOf, parseDivergenceId } from './registry';

export type DriftStatus = 'open' | 'resolved' | 'accepted';
export const DRIFT_STATUSES: readonly DriftStatus[] = ['open', 'resolved', 'accepted'];

/** What a reviewer recorded about one drift. */
export interface DriftDecision {
  /** Resolution decision, e.g. `Reconciliation migration 202511171200_reconcile_b03_baseline`. */
  resolution: string;
  status: DriftStatus;
  /** ADR reference when the drift is accepted, e.g. `ADR-004`. */
  adr: string;
  notes: string;
}

export function emptyDecision(): DriftDecision {
  return { resolution: '', status: 'open', adr: '', notes: '' };
}

/** Divergence id → decision. */
export type DriftDecisions = Record<string, DriftDecision>;

export interface DumpDivergences {
  /** Dump label, e.g. `staging.sql`. */
  dump: string;
  divergences: Divergence[];
}

export interface DriftRow {
  /** `SCHEMA-DRIFT-###`. */
  id: string;
  divergenceId: string;
  object: string;
  objectType: string;
  kind: string;
  /** Human drift type, e.g. `Missing / structural`. */
  driftType: string;
  /** The canonical value; `(absent)` when canonical does not have the object. */
  canonicalTruth: string;
  /** The value found in the dump(s); `(absent)` when the dump lacks the object. */
  migrationState: string;
  /** Highest severity among the dumps that show this drift; null when no loaded dump does. */
  severity: Severity | null;
  /** Dumps that show this drift (empty: decided on earlier, not present now). */
  dumps: string[];
  decision: DriftDecision;
}

const DRIFT_TYPES: Record<DivergenceKind, string> = {
  missing: 'Missing / structural',
  extra: 'Extra / not in canonical',
  type_mismatch: 'Type mismatch',
  nullability_mismatch: 'Nullability mismatch',
  default_mismatch: 'Default mismatch',
  identity_mismatch: 'Identity mismatch',
  definition_mismatch: 'Definition mismatch',
  rls_disabled: 'RLS disabled',
  rls_not_forced: 'RLS not forced',
  policy_mismatch: 'Policy mismatch',
  privilege_missing: 'Privilege missing',
  privilege_extra: 'Privilege extra',
  comment_mismatch: 'Comment mismatch',
  owner_mismatch: 'Owner mismatch',
};

export function driftTypeOf(kind: string): string {
  return (DRIFT_TYPES as Record<string, string>)[kind] ?? kind;
}

const SEVERITY_RANK: Record<Severity, number> = { BLOCKING: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/**
 * Builds the table. Every divergence must already be registered (registerDrifts); one that
 * is not is skipped rather than given an unstable id. Rows are sorted by drift number.
 */
export function driftRows(perDump: DumpDivergences[], registry: DriftRegistry, decisions: DriftDecisions): DriftRow[] {
  const rows = new Map<string, DriftRow>();
  const actuals = new Map<string, Set<string>>();
  for (const { dump, divergences } of perDump) {
    for (const d of divergences) {
      const id = driftIdOf(registry, d.id);
      if (!id) continue;
      let row = rows.get(d.id);
      if (!row) {
        row = {
          id, divergenceId: d.id, object: d.object, objectType: d.object_type, kind: d.kind,
          driftType: driftTypeOf(d.kind), canonicalTruth: d.expected ?? '(absent)', migrationState: '',
          severity: d.severity, dumps: [], decision: decisions[d.id] ?? emptyDecision(),
        };
        rows.set(d.id, row);
        actuals.set(d.id, new Set());
      }
      if (!row.dumps.includes(dump)) row.dumps.push(dump);
      actuals.get(d.id)!.add(d.actual ?? '(absent)');
      if (row.severity === null || SEVERITY_RANK[d.severity] < SEVERITY_RANK[row.severity]) row.severity = d.severity;
    }
  }
  for (const [divId, row] of rows) {
    const seen = [...actuals.get(divId)!];
    // One dump, or all dumps agree: show the value. Dumps disagree: say which has what.
    row.migrationState = seen.length === 1 ? seen[0] : seen.join(' | ');
  }
  for (const [divId, decision] of Object.entries(decisions)) {
    if (rows.has(divId)) continue;
    const id = driftIdOf(registry, divId);
    if (!id) continue;
    const { kind, objectType, object } = parseDivergenceId(divId);
    rows.set(divId, {
      id, divergenceId: divId, object, objectType, kind, driftType: driftTypeOf(kind),
      canonicalTruth: '', migrationState: '(not present in the loaded dumps)', severity: null, dumps: [], decision,
    });
  }
  return [...rows.values()].sort((a, b) => registry.ids[a.divergenceId] - registry.ids[b.divergenceId]);
}

/** The Status cell as seed 004 writes it: `✅ Resolved`, `⚠️ Open`, `Accepted (ADR-004)`, then notes. */
export function statusCell(decision: DriftDecision): string {
  const base = decision.status === 'resolved' ? '✅ Resolved'
    : decision.status === 'accepted' ? `☑️ Accepted${decision.adr.trim() ? ` (${decision.adr.trim()})` : ' (no ADR reference)'}`
    : '⚠️ Open';
  return decision.notes.trim() ? `${base} – ${decision.notes.trim()}` : base;
}

/** Escapes text for one Markdown table cell: pipes, newlines; wraps code-like values in backticks. */
function cell(text: string, code = false): string {
  const flat = text.replace(/\r?\n\s*/g, ' ').trim();
  if (!flat) return '';
  if (code) {
    // Backticks inside: use a longer fence so the value stays literal.
    const fence = flat.includes('`') ? '``' : '`';
    const pad = fence.length > 1 ? ' ' : '';
    return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
  }
  return flat.replace(/\|/g, '\\|');
}

/** The table in seed 004 §3.2's Markdown format (same seven columns, same status wording). */
export function driftTableMarkdown(rows: DriftRow[]): string {
  const lines = [
    '| ID | Object | Drift Type | Canonical Truth | Migration State | Resolution Decision | Status |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const truth = r.canonicalTruth === '(absent)' || r.canonicalTruth === '' ? cell(r.canonicalTruth) : cell(r.canonicalTruth, true);
    const state = r.migrationState.startsWith('(') ? cell(r.migrationState) : cell(r.migrationState, true);
    lines.push(`| ${r.id} | ${cell(r.object, true)} ${cell(r.objectType)} | ${cell(r.driftType)} | ${truth} | ${state} | ${cell(r.decision.resolution)} | ${cell(statusCell(r.decision))} |`);
  }
  return lines.join('\n') + '\n';
}
