import type { DivergenceKind, ObjectType } from '../report/types';
import { SEVERITIES, type Severity, type Spec, type SpecElement } from './types';
import { reviewerSeverity, type DivergenceFacts } from './defaults';

export interface Classification {
  severity: Severity;
  /** Invariant category of the deciding element, null when untagged. */
  invariant: string | null;
  /** Phases that require the element (for a table: it or anything in it). */
  phases: string[];
  /** The overlay entry that decided, if any. */
  element: SpecElement | null;
}

/** Higher first: BLOCKING < HIGH < MEDIUM < LOW in index order. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/** The severity an overlay entry carries: explicit, else its invariant's, else the untagged default. */
export function elementSeverity(spec: Spec, el: SpecElement): Severity {
  if (el.severity) return el.severity;
  if (el.invariant && spec.invariants[el.invariant]) return spec.invariants[el.invariant];
  return spec.defaults.untagged;
}

/** Index of overlay entries by `${type}|${object}`; built once per spec. */
const indexCache = new WeakMap<Spec, Map<string, SpecElement>>();
function indexOf(spec: Spec): Map<string, SpecElement> {
  let idx = indexCache.get(spec);
  if (!idx) {
    idx = new Map(spec.elements.map((e) => [`${e.type}|${e.object}`, e]));
    indexCache.set(spec, idx);
  }
  return idx;
}

/** Overlay element types that a divergence on this object type is looked up under. */
const LOOKUP_TYPES: Record<ObjectType, readonly string[]> = {
  schema: [], extension: ['extension'], table: ['table'], column: ['column'], constraint: ['constraint'],
  index: ['index'], policy: ['policy'], rls: ['rls'], trigger: ['trigger'], function: ['function'],
  view: ['view'], materialized_view: ['materialized_view', 'view'], sequence: ['sequence'], type: ['type'],
  privilege: ['privilege'],
  collation: [], event_trigger: [], rule: [], publication: [], foreign_server: [], foreign_data_wrapper: [], default_privilege: [],
};

/**
 * Classify one divergence by the overlay.
 *
 * - A tagged element gets its own severity.
 * - A missing table is as severe as the most severe element inside it (its columns, indexes,
 *   constraints, policies are all gone with it), and carries all their phases.
 * - An untagged element that is `extra` gets `defaults.extra`; otherwise `defaults.untagged`;
 *   with no overlay at all (`defaults.byChange`), the severity of what the change does.
 */
export function classify(spec: Spec, objectType: ObjectType, object: string, kind: DivergenceKind, facts?: DivergenceFacts): Classification {
  const idx = indexOf(spec);
  let element: SpecElement | null = null;
  for (const t of LOOKUP_TYPES[objectType]) {
    element = idx.get(`${t}|${object}`) ?? null;
    if (element) break;
  }
  // A policy without an entry of its own is governed by its table's `rls` entry: one `rls`
  // element stands for ENABLE + FORCE + the isolation policy (schema/DECISIONS.md D-08).
  if (!element && objectType === 'policy') {
    element = idx.get(`rls|${object.slice(0, object.lastIndexOf('.'))}`) ?? null;
  }
  if (objectType === 'table' && kind === 'missing') {
    const inside = spec.elements.filter((e) => e.object === object || e.object.startsWith(`${object}.`) || e.object.startsWith(`${object}:`));
    if (inside.length > 0) {
      const decider = inside.reduce((a, b) => (severityRank(elementSeverity(spec, b)) < severityRank(elementSeverity(spec, a)) ? b : a));
      const phases = [...new Set(inside.flatMap((e) => e.phases))].sort();
      const own = element ?? decider;
      return { severity: elementSeverity(spec, decider), invariant: own.invariant ?? decider.invariant ?? null, phases, element: own };
    }
  }
  if (element) {
    return { severity: elementSeverity(spec, element), invariant: element.invariant ?? null, phases: [...element.phases].sort(), element };
  }
  if (spec.defaults.byChange) return { severity: reviewerSeverity(objectType, kind, facts), invariant: null, phases: [], element: null };
  const base = kind === 'extra' || kind === 'privilege_extra' ? spec.defaults.extra : spec.defaults.untagged;
  // Losing row-level security is never "just drift": untagged RLS/policy losses are HIGH at least.
  const securityLoss = (objectType === 'rls' || objectType === 'policy') && kind !== 'extra';
  return { severity: securityLoss ? maxSeverity(base, 'HIGH') : base, invariant: null, phases: [], element: null };
}
