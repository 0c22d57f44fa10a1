/**
 * Counting findings, apart from the rules: what the lint report's summary, the gates' evidence
 * and the page's Gates view say (the page imports this without the rule registry).
 */
import type { Finding } from './types';

/** A finding fails the lint when it is an error and no waiver covers it. */
export const isBlocking = (f: Finding) => f.severity === 'error' && f.waived === undefined;

export function lintSummary(findings: readonly Finding[]): { errors: number; warnings: number; waived: number } {
  return {
    errors: findings.filter(isBlocking).length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.waived).length,
    waived: findings.filter((f) => f.waived !== undefined).length,
  };
}
