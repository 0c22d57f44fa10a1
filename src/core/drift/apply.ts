/**
 * A reviewer's drift decisions applied to a report: a drift *accepted* with an ADR reference,
 * or *resolved* with its resolution written down (seed 004 §2.2: "Any deviation requires an ADR
 * ID … plus explicit entries in the Schema Drift Table"), no longer gates. The divergence stays
 * in the report — with `decision` saying who decided what and why it no longer blocks — and the
 * summary, the phase decisions, the exit code and the verdict are recomputed without it, so
 * Compliance, the gates and every export (JSON, Markdown, SARIF, JUnit, GATE_STATUS.md) agree.
 *
 * A decision without its evidence (accepted with no ADR, resolved with no resolution text)
 * waives nothing: `waiverOf` says what is missing.
 */
import { decideGates, exitCodeOf, scopedEvidence, type MigrationEvidence } from '../gates';
import { countBySeverity } from '../gates/decide';
import { incompleteGates } from '../report/build';
import type { Divergence, DivergenceDecision, Report } from '../report/types';
import type { Spec } from '../spec/types';
import type { DriftDecision, DriftDecisions } from './table';

export type Waiver = { waives: true; decision: DivergenceDecision } | { waives: false; why: string | null };

/** Whether a recorded decision waives its drift, and the reason shown beside it. */
export function waiverOf(decision: DriftDecision | undefined, driftId: string | null): Waiver {
  if (!decision || decision.status === 'open') return { waives: false, why: null };
  const adr = decision.adr.trim();
  const resolution = decision.resolution.trim();
  const id = driftId ?? 'this drift';
  if (decision.status === 'accepted') {
    if (!adr) return { waives: false, why: `${id} is marked accepted but has no ADR reference, so it still blocks` };
    return { waives: true, decision: { status: 'accepted', drift_id: driftId, adr, reason: `${id} accepted with ${adr}${resolution ? `: ${resolution}` : ''}` } };
  }
  if (!resolution) return { waives: false, why: `${id} is marked resolved but has no resolution decision (e.g. the reconciliation migration), so it still blocks` };
  return { waives: true, decision: { status: 'resolved', drift_id: driftId, adr: adr || null, reason: `${id} resolved: ${resolution}` } };
}

const VERDICT = { 0: 'PASS', 1: 'FAIL', 2: 'WARN_PASS', 3: 'INCOMPLETE' } as const;

/**
 * The report with decisions applied. Returns the same object when no decision waives anything
 * (so callers can compare by identity). `spec` is the overlay the report was checked with;
 * `migrations` the lint / reversibility evidence its gates were decided with (the gates are
 * decided again here, so evidence left out would silently drop a failed lint from them).
 */
export function applyDriftDecisions(report: Report, spec: Spec, decisions: DriftDecisions,
  driftIdOf: (divergenceId: string) => string | null, migrations?: MigrationEvidence | null): Report {
  let any = false;
  const divergences: Divergence[] = report.divergences.map((d) => {
    const w = waiverOf(decisions[d.id], driftIdOf(d.id));
    if (!w.waives) {
      if (!d.decision) return d;
      const { decision: _dropped, ...rest } = d;
      return rest;
    }
    any = true;
    return { ...d, decision: w.decision };
  });
  // Evidence the report was not decided with (the page's Migrations view) re-decides the gates too.
  if (!any && !report.divergences.some((d) => d.decision) && !migrations) return report;
  const gating = divergences.filter((d) => !d.decision);
  const phases = decideGates(spec, gating, report.rls, report.smoke, report.phase, migrations);
  // Each phase says which of its drifts no longer block, and why.
  for (const [id, g] of Object.entries(phases)) {
    const waived = divergences.filter((d) => d.decision && d.phases.includes(id));
    if (waived.length) g.reason += `; not blocking by decision: ${waived.map((d) => d.decision!.reason).join('; ')}`;
  }
  const ev = scopedEvidence(spec, report.phase, gating, report.rls, report.smoke);
  // A decision waives a drift, never an input that did not fully load (report.incomplete: exit 3).
  const exit = report.incomplete ? 3 : exitCodeOf(ev, phases);
  const waivedCount = divergences.length - gating.length;
  return {
    ...report,
    exit_code: exit,
    verdict: VERDICT[exit],
    summary: { ...countBySeverity(ev.divergences), ...(waivedCount ? { waived: waivedCount } : {}) },
    divergences,
    phases: report.incomplete ? incompleteGates(phases, report.incomplete) : phases,
  };
}
