/**
 * Gate decisions per seed 000 (§3–§7, §10) and seed 001 (§2, §3, §5), as a pure function.
 *
 * Per phase, in dependency order:
 * 1. WAITING — a prerequisite did not pass (FAIL or WAITING): "B0.3 must pass first". The phase
 *    is not evaluated (seed 000 §10.1), exit code null. Exception: the phase explicitly selected
 *    with `--phase` is the one being claimed complete, so a failing phase in its regression list
 *    makes it FAIL ("B0.3 schema regression detected", seed 000 §4.2, §7.1) instead.
 * 2. FAIL — a phase in its regression list (default: transitive prerequisites) FAILs; or any
 *    BLOCKING divergence among its elements; or a failed RLS / smoke test in its scope; or an
 *    *inconclusive* smoke test or migration check: a check that could not run is never passed,
 *    and WARN_PASS would let the phase progress (CI exits 0 on it, seed 000 §8.1) without the
 *    evidence, so it blocks too, with a reason that says it is inconclusive rather than failed.
 *    An inconclusive RLS test is the exception (issue 9): it is not a leak, and a correct schema
 *    whose worlds could not be fully seeded must not exit like a leaky one — alone it makes the
 *    phase WARN_PASS (exit 2, "not passed" in the reason), never FAIL. With the canonical as the
 *    oracle, a probe the canonical could not run either adds nothing (as in exit-code.ts).
 * 3. WARN_PASS — no BLOCKING but HIGH divergences (seed 000 §3.3, seed 001 §5.2 "Phase
 *    Degraded"), exit 2. Degraded mode (`allow_degraded`, seed 000 §6.1 B2.1): a failed smoke
 *    test that uses an element with a HIGH divergence of this phase (e.g. the insert of a
 *    missing `confidence_score`) degrades the phase to WARN_PASS instead of failing it.
 * 4. PASS — otherwise (MEDIUM/LOW divergences are mentioned in the reason but do not gate).
 */
import type { Divergence, GateDecision, RlsSection, SmokeResult, SmokeSection } from '../report/types';
import type { Phase, Spec } from '../spec/types';
import { phaseEvidence, rlsKey, smokeKey } from './evidence';
import { migrationGate, type MigrationEvidence } from './migrations';
import { phaseLabel, phaseScope, regressionOf } from './scope';

type Counts = GateDecision['counts'];

export function countBySeverity(divs: readonly Divergence[]): Counts {
  const c: Counts = { blocking: 0, high: 0, medium: 0, low: 0 };
  for (const d of divs) c[d.severity.toLowerCase() as keyof Counts]++;
  return c;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const labels = (ids: readonly string[]) => ids.map(phaseLabel).join(', ');

/** A failed smoke test explained by a HIGH divergence of the phase on an element the test requires (degraded mode). */
function degradedBy(test: SmokeResult, divs: readonly Divergence[]): Divergence | undefined {
  return divs.find((d) => d.severity === 'HIGH' && test.requires.includes(d.object));
}

function dependants(spec: Spec, id: string): string[] {
  return spec.phases.filter((p) => p.prerequisites.includes(id)).map((p) => p.id);
}

function decideOne(spec: Spec, phase: Phase, target: string | null, decided: Map<string, GateDecision>,
  divergences: Divergence[], rls: RlsSection | null, smoke: SmokeSection | null, migrations?: MigrationEvidence | null): GateDecision {
  const ev = phaseEvidence(spec, phase, divergences, rls, smoke);
  const counts = countBySeverity(ev.divergences);
  const mig = migrationGate(phase, migrations);
  const behaviourNote = (rls === null && smoke === null ? ' (structure only: RLS and smoke tests not run)' : '') + (mig.notes.length ? ` (migrations: ${mig.notes.join('; ')})` : '');

  const regressed = regressionOf(spec, phase).filter((id) => decided.get(id)?.status === 'FAIL');
  const waitingOn = phase.prerequisites.filter((id) => {
    const s = decided.get(id)?.status;
    return s !== 'PASS' && s !== 'WARN_PASS';
  });
  if (waitingOn.length > 0 && !(phase.id === target && regressed.length > 0)) {
    const action = `${labels(waitingOn)} must pass first`;
    return { status: 'WAITING', reason: action, required_action: action, blocking_items: [], counts, exit_code: null };
  }
  if (regressed.length > 0) {
    const items = [...new Set(regressed.flatMap((id) => decided.get(id)?.blocking_items ?? []))];
    return {
      status: 'FAIL',
      reason: `${labels(regressed)} schema regression detected: ${regressed.map((id) => `${phaseLabel(id)} ${decided.get(id)?.reason}`).join('; ')}`,
      required_action: `Fix the regression in ${labels(regressed)} before proceeding`,
      blocking_items: items, counts, exit_code: 1,
    };
  }

  const reasons: string[] = [];
  const actions: string[] = [];
  const items: string[] = [];
  const blocking = ev.divergences.filter((d) => d.severity === 'BLOCKING');
  if (blocking.length > 0) {
    reasons.push(`${plural(blocking.length, 'BLOCKING divergence')} found`);
    actions.push('Apply corrective migrations to resolve all BLOCKING issues');
    items.push(...blocking.map((d) => d.id));
  }
  const rlsFailed = ev.rls.filter((t) => t.outcome === 'failed');
  if (rlsFailed.length > 0) {
    const tables = [...new Set(rlsFailed.map((t) => t.table))];
    reasons.push(`${plural(rlsFailed.length, 'RLS isolation test')} failed on ${tables.join(', ')}`);
    actions.push(`Fix row-level security on ${tables.join(', ')}`);
    items.push(...rlsFailed.map(rlsKey));
  }
  const smokeFailed = ev.smoke.filter((t) => t.outcome === 'failed');
  const degraded = phase.allowDegraded && blocking.length === 0
    ? smokeFailed.filter((t) => degradedBy(t, ev.divergences) !== undefined) : [];
  const hardSmoke = smokeFailed.filter((t) => !degraded.includes(t));
  if (hardSmoke.length > 0) {
    reasons.push(`Smoke tests failed: ${hardSmoke.map((t) => t.id).join(', ')}`);
    actions.push('Fix failing smoke tests');
    items.push(...hardSmoke.map((t) => smokeKey(t.id)));
  }
  const rlsUnverified = ev.rls.filter((t) => t.outcome === 'inconclusive' && t.canonical?.outcome !== 'inconclusive').map(rlsKey);
  const rlsNote = rlsUnverified.length ? `${plural(rlsUnverified.length, 'RLS test')} inconclusive (could not run, so not passed): ${rlsUnverified.join(', ')}` : '';
  const inconclusive = [
    ...ev.smoke.filter((t) => t.outcome === 'inconclusive').map((t) => smokeKey(t.id)),
    ...ev.smokeNotRun.map(smokeKey),
  ];
  reasons.push(...mig.reasons);
  actions.push(...mig.actions);
  items.push(...mig.items);
  if (inconclusive.length > 0) {
    reasons.push(`${plural(inconclusive.length, 'check')} inconclusive (could not run, so not passed): ${inconclusive.join(', ')}`);
    actions.push('Make the inconclusive checks runnable (see their detail, e.g. add seed overrides in schema/)');
    items.push(...inconclusive);
  }
  if (reasons.length > 0) {
    if (rlsNote) reasons.push(rlsNote);
    return { status: 'FAIL', reason: reasons.join('; ') + behaviourNote, required_action: actions.join('; '), blocking_items: items, counts, exit_code: 1 };
  }

  if (counts.high > 0 || degraded.length > 0 || rlsNote) {
    const parts = counts.high > 0 ? [`${plural(counts.high, 'HIGH divergence')} found but no BLOCKING issues`] : [];
    if (rlsNote) parts.push(rlsNote);
    if (degraded.length > 0) parts.push(`degraded mode: ${degraded.map((t) => `${t.id} needs ${degradedBy(t, ev.divergences)?.object}`).join(', ')}`);
    return {
      status: 'WARN_PASS', reason: parts.join('; ') + behaviourNote,
      required_action: rlsNote ? 'Make the inconclusive RLS tests runnable (see their detail: seed overrides, or the tenancy identity in the overlay); document HIGH severity gaps' : 'Document HIGH severity gaps and plan remediation',
      blocking_items: [], counts, exit_code: 2,
    };
  }
  const minor = counts.medium + counts.low;
  const next = dependants(spec, phase.id);
  return {
    status: 'PASS',
    reason: (minor > 0 ? `Zero critical divergences (${counts.medium} MEDIUM, ${counts.low} LOW)` : 'Zero critical divergences') + behaviourNote,
    required_action: next.length > 0 ? `Proceed to ${labels(next)}` : 'None: phase requirements met',
    blocking_items: [], counts, exit_code: 0,
  };
}

/**
 * Decide every phase in the selection's scope (`all`, or the selected phase with its
 * prerequisites and regression list). Keys in dependency order. Throws InputError for an
 * unknown phase id.
 */
export function decideGates(spec: Spec, divergences: Divergence[], rls: RlsSection | null, smoke: SmokeSection | null,
  phaseSelection: string, migrations?: MigrationEvidence | null): Record<string, GateDecision> {
  const scope = phaseScope(spec, phaseSelection);
  const decided = new Map<string, GateDecision>();
  for (const phase of scope.phases) decided.set(phase.id, decideOne(spec, phase, scope.target, decided, divergences, rls, smoke, migrations));
  return Object.fromEntries(decided);
}
