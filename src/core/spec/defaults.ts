import type { Severity, Spec } from './types';

/**
 * Documented default severities for a check with no overlay, or for elements the overlay
 * does not tag (docs/SEVERITY.md explains the choice):
 * - a canonical element missing or different in the dump: MEDIUM — it is drift, but nobody
 *   said it guards an invariant;
 * - an element only the dump has: LOW — extra objects rarely break callers.
 * Structural security signals are never left at the default: a table with RLS in canonical
 * that lost it is HIGH at least (see classify.ts).
 */
export const DEFAULT_UNTAGGED: Severity = 'MEDIUM';
export const DEFAULT_EXTRA: Severity = 'LOW';

/** The overlay used when none is given: generic schema comparison, no phases, no tenancy. */
export function defaultSpec(source = '(no overlay)'): Spec {
  return {
    name: 'Generic schema',
    invariants: {},
    defaults: { untagged: DEFAULT_UNTAGGED, extra: DEFAULT_EXTRA },
    tenancy: null,
    phases: [],
    elements: [],
    source,
  };
}
