/**
 * Assemble the Report from the stages' outputs. Pure: the pipeline passes in everything,
 * including the clock reading and the timings, so the same inputs give the same report
 * except `generated_at` and `timings` (and `load.*.ms`, `rls.ms`, `smoke.ms`), which measure
 * this run.
 */
import { decideGates, exitCodeOf, scopedEvidence } from '../gates';
import { countBySeverity } from '../gates/decide';
import type { Spec } from '../spec/types';
import type { Divergence, InputInfo, LoadSummary, Report, RlsSection, SmokeSection } from './types';

/** Semver of the report format and of `schema/report.schema.json`. */
export const REPORT_VERSION = '1.0.0';
export const TOOL_NAME = 'skeldir-schema';

export interface BuildReportArgs {
  spec: Spec;
  /** `all` or a phase id (validated by the gates: unknown ids throw InputError). */
  phase: string;
  /** Every divergence the comparison found; the report keeps those in the phase scope. */
  divergences: Divergence[];
  load: { canonical: LoadSummary; dump: LoadSummary };
  rls: RlsSection | null;
  smoke: SmokeSection | null;
  inputs: InputInfo[];
  toolVersion: string;
  generatedAt: Date;
  timings: Record<string, number>;
}

const VERDICT = { 0: 'PASS', 1: 'FAIL', 2: 'WARN_PASS', 3: 'INCOMPLETE' } as const;

/**
 * Exit code 3 when a statement of either input was stopped (budget or engine crash): what was
 * judged is not the whole input, so neither a pass nor a fail can be trusted. It outranks 1.
 */
export const EXIT_INCOMPLETE = 3;
const stopped = (s: LoadSummary) => s.errors.some((e) => e.stopped !== undefined);

export function buildReport(a: BuildReportArgs): Report {
  const phases = decideGates(a.spec, a.divergences, a.rls, a.smoke, a.phase);
  const ev = scopedEvidence(a.spec, a.phase, a.divergences, a.rls, a.smoke);
  const exit = stopped(a.load.canonical) || stopped(a.load.dump) ? EXIT_INCOMPLETE : exitCodeOf(ev, phases);
  return {
    report_version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: a.toolVersion },
    generated_at: a.generatedAt.toISOString(),
    exit_code: exit,
    verdict: VERDICT[exit],
    phase: a.phase.trim().toLowerCase() || 'all',
    summary: countBySeverity(ev.divergences),
    divergences: ev.divergences,
    phases,
    load: a.load,
    rls: a.rls,
    smoke: a.smoke,
    inputs: a.inputs,
    timings: a.timings,
  };
}
