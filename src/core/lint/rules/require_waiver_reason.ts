import type { LintRule } from '../types';

/** Emitted by the engine: a `CI:DESTRUCTIVE_OK` marker that does not say why (seed 004 §5.2). */
export const rule: LintRule = {
  id: 'require_waiver_reason',
  description: 'A CI:DESTRUCTIVE_OK waiver states its reason (an ADR or ticket).',
  severity: 'error',
  source: 'seed 004 §5.2 (reference the ADR when using CI:DESTRUCTIVE_OK)',
  help: 'Write the reason after the marker: `-- CI:DESTRUCTIVE_OK: ADR-042 column unused since v3.2`.',
  problem: 'A bare waiver turns the destructive check off without a trace of why; reviewers cannot tell an intended drop from a silenced mistake.',
  solution: 'Follow the marker with a reason that points at the decision record.',
  check: () => [],
};
