import type { DivergenceKind, ObjectType } from '../report/types';
import type { Severity, Spec } from './types';

/**
 * Default severities for elements an overlay does not tag (docs/SEVERITY.md explains the
 * choice, and the no-overlay table below):
 * - a canonical element missing or different in the dump: MEDIUM — it is drift, but nobody
 *   said it guards an invariant;
 * - an element only the dump has: LOW — extra objects rarely break callers.
 * Structural security signals are never left at the default: a table with RLS in canonical
 * that lost it is HIGH at least (see classify.ts).
 */
export const DEFAULT_UNTAGGED: Severity = 'MEDIUM';
export const DEFAULT_EXTRA: Severity = 'LOW';

/** What the comparer knows about the canonical object beyond its type (for the reviewer defaults). */
export interface DivergenceFacts {
  /** The canonical object enforces uniqueness (a UNIQUE or primary-key index). */
  unique?: boolean;
  /** The dump's object still enforces it (same index, changed definition). */
  uniqueInDump?: boolean;
}

/**
 * With no overlay at all, the canonical is the only oracle, so severities follow what the change
 * does (docs/SEVERITY.md; docs/rules/README.md, "Severities without an overlay"):
 * - BLOCKING: data loss or a security change — a dropped table, column, constraint, unique index
 *   or policy, an index that no longer enforces uniqueness, row level security disabled;
 * - HIGH: a changed column type or nullability, a changed constraint or policy, a dropped or
 *   changed non-unique index, RLS no longer forced;
 * - LOW: additions (objects and RLS only the dump has) and comments (also those only the dump has);
 * - MEDIUM: every other difference (defaults, identity, views, functions, sequences, types,
 *   triggers, and grants the dump lacks or adds: a grant is access, not an addition).
 */
export function reviewerSeverity(objectType: ObjectType, kind: DivergenceKind, facts: DivergenceFacts = {}): Severity {
  switch (kind) {
    case 'extra':
    case 'comment_mismatch':
      return 'LOW';
    case 'missing':
      if (objectType === 'table' || objectType === 'column' || objectType === 'constraint' || objectType === 'policy') return 'BLOCKING';
      if (objectType === 'index') return facts.unique ? 'BLOCKING' : 'HIGH';
      return 'MEDIUM';
    case 'rls_disabled':
      return 'BLOCKING';
    case 'rls_not_forced':
    case 'type_mismatch':
    case 'nullability_mismatch':
    case 'policy_mismatch':
      return 'HIGH';
    case 'definition_mismatch':
      if (objectType === 'index') return facts.unique && !facts.uniqueInDump ? 'BLOCKING' : 'HIGH';
      if (objectType === 'constraint') return 'HIGH';
      return 'MEDIUM';
    default:
      return 'MEDIUM';
  }
}

/** The overlay used when none is given: generic schema comparison, no phases, no tenancy. */
export function defaultSpec(source = '(no overlay)'): Spec {
  return {
    name: 'Generic schema',
    invariants: {},
    defaults: { untagged: DEFAULT_UNTAGGED, extra: DEFAULT_EXTRA, byChange: true },
    tenancy: null,
    phases: [],
    elements: [],
    source,
  };
}
