/**
 * The check's exit code (seed 000 §2, §8): 1 on any BLOCKING divergence, any RLS leak or failed
 * smoke test in scope, or any phase in scope that FAILs (inconclusive gated smoke tests FAIL their
 * phase, see decide.ts); 2 on HIGH only (incl. RLS regressions and inconclusive RLS tests, gated
 * or not); else 0.
 *
 * Scope: with `--phase all`, or an overlay without phases, everything. With `--phase ID`, the
 * divergences and tests that belong to the phases in scope (the phase, its prerequisites and its
 * regression list): validating B0.3 does not fail on an untagged extra index no phase requires.
 */
import type { Divergence, GateDecision, RlsSection, RlsTest, SmokeResult, SmokeSection } from '../report/types';
import type { Spec } from '../spec/types';
import { phaseEvidence } from './evidence';
import { phaseScope } from './scope';

export type ExitCode = 0 | 1 | 2;

export interface ScopedEvidence {
  divergences: Divergence[];
  rls: RlsTest[];
  smoke: SmokeResult[];
  /**
   * Tests in scope that no phase gates (no overlay phases, or a table no phase covers): they
   * count for the exit code directly. Tests a phase gates count through its decision, so a
   * smoke failure excused by degraded mode (WARN_PASS) gives 2, not 1.
   */
  ungated: (RlsTest | SmokeResult)[];
}

export function scopedEvidence(spec: Spec, selection: string, divergences: Divergence[], rls: RlsSection | null, smoke: SmokeSection | null): ScopedEvidence {
  const scope = phaseScope(spec, selection);
  const d = new Set<Divergence>();
  const r = new Set<RlsTest>();
  const s = new Set<SmokeResult>();
  for (const phase of scope.phases) {
    const ev = phaseEvidence(spec, phase, divergences, rls, smoke);
    ev.divergences.forEach((x) => d.add(x));
    ev.rls.forEach((x) => r.add(x));
    ev.smoke.forEach((x) => s.add(x));
  }
  const allRls = rls?.tests ?? [];
  const allSmoke = smoke?.tests ?? [];
  if (scope.target === null) {
    return { divergences, rls: allRls, smoke: allSmoke, ungated: [...allRls.filter((x) => !r.has(x)), ...allSmoke.filter((x) => !s.has(x))] };
  }
  // Keep the input order (divergences are sorted by the comparer).
  return { divergences: divergences.filter((x) => d.has(x)), rls: allRls.filter((x) => r.has(x)), smoke: allSmoke.filter((x) => s.has(x)), ungated: [] };
}

/** 1 is worse than 2, which is worse than 0. */
export function worstExitCode(codes: Iterable<ExitCode | null>): ExitCode {
  let worst: ExitCode = 0;
  for (const c of codes) {
    if (c === 1) return 1;
    if (c === 2) worst = 2;
  }
  return worst;
}

/**
 * An ungated test's exit code. RLS: a failed test is 1 (a leak), or 2 when it is a HIGH regression
 * of own-row access; an inconclusive one is 2 — it could not be verified, but it is not a leak, so
 * a correct schema whose worlds could not be fully seeded does not exit like a leaky one. With the
 * canonical as the oracle, a probe the canonical could not run either is no evidence that the dump
 * changed anything: it stays in the report as inconclusive (with both reasons) and adds nothing to
 * the exit code, so an identical pair exits 0. Smoke: anything but passed is 1.
 */
function ungatedCode(t: RlsTest | SmokeResult): ExitCode {
  if (t.outcome === 'passed') return 0;
  if (!('scenario' in t)) return 1;
  if (t.outcome === 'inconclusive') return t.canonical?.outcome === 'inconclusive' ? 0 : 2;
  return t.severity === 'HIGH' ? 2 : 1;
}

export function exitCodeOf(ev: ScopedEvidence, phases: Record<string, GateDecision>): ExitCode {
  const ungatedBad = worstExitCode(ev.ungated.map(ungatedCode));
  const fromDivs: ExitCode = ev.divergences.some((d) => d.severity === 'BLOCKING') ? 1 : ev.divergences.some((d) => d.severity === 'HIGH') ? 2 : 0;
  return worstExitCode([ungatedBad, fromDivs, ...Object.values(phases).map((p) => (p.exit_code === 3 ? null : p.exit_code))]);
}
