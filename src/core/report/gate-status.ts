/**
 * GATE_STATUS.md in the format of seed 000 §10.1:
 *
 *   # Schema Compliance Gate Status
 *
 *   Last Updated: 2025-11-15 10:45:00
 *
 *   | Phase | Status | Last Validated | Exit Code | Divergences (B/H/M/L) | Next Action |
 *   |-------|--------|----------------|-----------|---------------------|-------------|
 *   | B0.3 | ❌ BLOCKED | 2025-11-15 | 1 | 28/10/3/1 | Apply corrective migrations |
 *   | B0.4 | ⏸️ WAITING | N/A | N/A | N/A | B0.3 must pass first |
 *
 * Times are UTC (the report's `generated_at`). A WAITING phase was not evaluated: N/A.
 */
import { phaseLabel } from '../gates/scope';
import { mdCell } from './text';
import type { GateStatus, Report } from './types';

export const STATUS_LABEL: Record<GateStatus, string> = {
  FAIL: '❌ BLOCKED',
  WAITING: '⏸️ WAITING',
  PASS: '✅ PASS',
  WARN_PASS: '⚠️ WARN_PASS',
  INCOMPLETE: '⛔ INCOMPLETE: input could not be fully used',
};

export function gateStatusRows(report: Report): string[] {
  const date = report.generated_at.slice(0, 10);
  return Object.entries(report.phases).map(([id, g]) => {
    const evaluated = g.status !== 'WAITING';
    const counts = `${g.counts.blocking}/${g.counts.high}/${g.counts.medium}/${g.counts.low}`;
    return `| ${phaseLabel(id)} | ${STATUS_LABEL[g.status]} | ${evaluated ? date : 'N/A'} | ${evaluated ? g.exit_code : 'N/A'} | ${evaluated ? counts : 'N/A'} | ${mdCell(g.required_action)} |`;
  });
}

export const GATE_STATUS_HEADER = [
  '| Phase | Status | Last Validated | Exit Code | Divergences (B/H/M/L) | Next Action |',
  '|-------|--------|----------------|-----------|---------------------|-------------|',
];

export function toGateStatus(report: Report): string {
  const updated = report.generated_at.slice(0, 19).replace('T', ' ');
  const rows = gateStatusRows(report);
  return [
    '# Schema Compliance Gate Status',
    '',
    `Last Updated: ${updated}`,
    '',
    ...GATE_STATUS_HEADER,
    ...(rows.length > 0 ? rows : ['| (none) | — | N/A | N/A | N/A | The overlay defines no phases |']),
    '',
    ...decisionNotes(report),
  ].join('\n');
}

/** Drifts a reviewer decided on are not counted above: say which, and why they no longer block. */
function decisionNotes(report: Report): string[] {
  const decided = report.divergences.filter((d) => d.decision);
  if (decided.length === 0) return [];
  return ['Not blocking by decision (Schema Drift Table):', '', ...decided.map((d) => `- ${mdCell(d.decision!.reason)} (${mdCell(d.object)}, ${d.severity})`), ''];
}
