/**
 * Upgrade → downgrade → upgrade on a base schema (seed 002 gates 4A.6 / 4B.8 / 4C.8, seed 003
 * gates 2.2.4–2.2.6, seed 004 §6): the result, JSON-serialisable, as the CLI prints it and the
 * app shows it.
 */
import type { Divergence } from '../report/types';

/** Where in the user's file something is (1-based). */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface StepResult {
  step: 'base' | 'up' | 'down' | 'up_again';
  /** Input applied in this step. */
  file: string;
  /** Statements executed (for `base`: loaded without error). */
  statements: number;
  /** The statement that failed (the step stopped there), null when it ran through. */
  error: (Place & { message: string; code: string | null }) | null;
  /** Base only: statements the loader could not run (a dump for another setup); the rest loaded. */
  loadErrors?: number;
  ms: number;
}

/** An object that differs after a step from what it should equal. */
export interface Residual {
  /** `down`: after the downgrade, compared with the base; `up_again`: after re-upgrading, with the first upgrade. */
  after: 'down' | 'up_again';
  kind: Divergence['kind'];
  object_type: Divergence['object_type'];
  object: string;
  /** Value it should have (base, or first upgrade); null when it should not exist. */
  expected: string | null;
  /** Value it has; null when it is missing. */
  actual: string | null;
  message: string;
}

export type ProbeKind = 'check' | 'not_null' | 'unique' | 'enum';

/** One insert that the base rejects, tried again after the downgrade (seed 004 §6 step 5). */
export interface Probe {
  kind: ProbeKind;
  table: string;
  /** Constraint, column or type the probe is derived from. */
  subject: string;
  /** The row values that should be rejected, e.g. `remediation_status = 'ignored'`. */
  values: string;
  /** Base: `rejected` (with SQLSTATE) is what makes the probe meaningful. */
  base: ProbeOutcome;
  /** After the downgrade. */
  down: ProbeOutcome;
  /** held: rejected again · lost: now accepted · inconclusive: a control failed or the row could not be built. */
  verdict: 'held' | 'lost' | 'inconclusive';
  detail: string;
}

export interface ProbeOutcome {
  outcome: 'rejected' | 'accepted' | 'not_run';
  /** SQLSTATE of the rejection, e.g. 23514. */
  code: string | null;
  message: string | null;
}

export interface ReversibilityReport {
  tool: { name: 'skeldir-schema reversibility'; version: string };
  /** faithful: down restores the base and up again restores the upgrade, every probe held. */
  verdict: 'faithful' | 'unfaithful' | 'inconclusive';
  /** 0 faithful, 1 otherwise. */
  exit_code: 0 | 1;
  inputs: { base: string; up: string; down: string };
  steps: StepResult[];
  /** Objects the upgrade changed (base → up): what the cycle is about. */
  changed: { kind: Divergence['kind']; object_type: Divergence['object_type']; object: string }[];
  residuals: Residual[];
  probes: Probe[];
  /** One sentence per problem, for people (CLI stderr, the app's summary). */
  reasons: string[];
}
