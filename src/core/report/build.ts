/**
 * Assemble the Report from the stages' outputs. Pure: the pipeline passes in everything,
 * including the clock reading and the timings, so the same inputs give the same report
 * except `generated_at` and `timings` (and `load.*.ms`, `rls.ms`, `smoke.ms`), which measure
 * this run.
 */
import { decideGates, exitCodeOf, scopedEvidence, type MigrationEvidence } from '../gates';
import { countBySeverity } from '../gates/decide';
import type { Spec } from '../spec/types';
import type { Divergence, GateDecision, GateStatus, Incomplete, InputInfo, LoadSummary, Report, RlsSection, SmokeSection } from './types';

/** Semver of the report format and of `schema/report.schema.json`. */
export const REPORT_VERSION = '1.2.0';
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
  /** Lint / reversibility results for phases with `migration_checks` (absent: not run). */
  migrations?: MigrationEvidence | null;
}

const VERDICT = { 0: 'PASS', 1: 'FAIL', 2: 'WARN_PASS', 3: 'INCOMPLETE' } as const;

/** The first load error of the canonical SQL, else of the dump; null when both loaded completely. */
export function incompleteInput(load: BuildReportArgs['load'], inputs: InputInfo[]): Incomplete | null {
  const errors = load.canonical.errors.length + load.dump.errors.length;
  for (const input of ['canonical', 'dump'] as const) {
    const first = load[input].errors[0];
    if (!first) continue;
    const source = inputs.find((i) => i.role === (input === 'canonical' ? 'canonical_sql' : 'dump'))?.name ?? input;
    return { input, source, line: first.line, column: first.column, sqlstate: first.sqlstate, message: first.message, errors };
  }
  return null;
}

/**
 * Every gate of a check whose input did not fully load: INCOMPLETE, naming the first load error,
 * with the decision computed on what loaded kept as `partial` (never shown as the gate's status).
 */
export function incompleteGates(phases: Record<string, GateDecision>, inc: Incomplete): Record<string, GateDecision> {
  const where = `${inc.source}:${inc.line}:${inc.column}`;
  return Object.fromEntries(Object.entries(phases).map(([id, g]): [string, GateDecision] => [id, {
    status: 'INCOMPLETE',
    reason: `the ${inc.input} could not be fully used (${inc.errors} statement${inc.errors === 1 ? '' : 's'} failed to load, the first at ${where}: ${inc.sqlstate} ${inc.message}); on what loaded this gate would be ${g.status}: ${g.reason}`,
    required_action: `Fix the load error at ${where} (see the Load section), then check again`,
    blocking_items: g.blocking_items,
    counts: g.counts,
    exit_code: 3,
    partial: { status: g.status as Exclude<GateStatus, 'INCOMPLETE'>, reason: g.reason, exit_code: g.exit_code as 0 | 1 | 2 | null },
  }]));
}

export function buildReport(a: BuildReportArgs): Report {
  const phases = decideGates(a.spec, a.divergences, a.rls, a.smoke, a.phase, a.migrations);
  const ev = scopedEvidence(a.spec, a.phase, a.divergences, a.rls, a.smoke);
  const incomplete = incompleteInput(a.load, a.inputs);
  // An input that did not fully load makes every other verdict a guess: exit 3 (seed exit codes otherwise).
  const exit = incomplete ? 3 : exitCodeOf(ev, phases);
  return {
    report_version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: a.toolVersion },
    generated_at: a.generatedAt.toISOString(),
    exit_code: exit,
    verdict: VERDICT[exit],
    ...(incomplete ? { incomplete } : {}),
    phase: a.phase.trim().toLowerCase() || 'all',
    summary: countBySeverity(ev.divergences),
    divergences: ev.divergences,
    phases: incomplete ? incompleteGates(phases, incomplete) : phases,
    load: a.load,
    rls: a.rls,
    smoke: a.smoke,
    inputs: a.inputs,
    timings: a.timings,
  };
}
