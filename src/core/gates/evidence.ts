/**
 * What evidence bears on a phase: its divergences, the RLS tests on its tables and its smoke
 * tests. Scope rules (see also decide.ts):
 * - a divergence belongs to every phase listed in its `phases` (set by the overlay);
 * - an RLS test on table T belongs to a phase that requires any element on T, and to every
 *   phase that requires an RLS flag or policy at all (the tenant-isolation phase, B0.3),
 *   because seed 001 §2.4 makes "every tenant-scoped table has working RLS" universal;
 * - a smoke test belongs to the phase it names, and to the phases listing its id.
 */
import type { Divergence, RlsSection, RlsTest, SmokeResult, SmokeSection } from '../report/types';
import type { Phase, Spec, SpecElement } from '../spec/types';

/** Table an overlay element sits on, e.g. `public.tenants` for `public.tenants.api_key_hash`; null for schema-level objects. */
export function elementTable(el: SpecElement): string | null {
  switch (el.type) {
    case 'table':
    case 'rls':
      return el.object;
    case 'column':
    case 'constraint':
    case 'index':
    case 'policy':
    case 'trigger': {
      const parts = el.object.split('.');
      return parts.length >= 3 ? parts.slice(0, -1).join('.') : null;
    }
    case 'privilege': {
      const i = el.object.lastIndexOf(':');
      return i > 0 ? el.object.slice(0, i) : null;
    }
    default:
      return null;
  }
}

export interface PhaseEvidence {
  divergences: Divergence[];
  rls: RlsTest[];
  smoke: SmokeResult[];
  /** Smoke ids the phase lists that have no result although smoke tests ran. */
  smokeNotRun: string[];
}

export function phaseEvidence(spec: Spec, phase: Phase, divergences: Divergence[], rls: RlsSection | null, smoke: SmokeSection | null): PhaseEvidence {
  const required = spec.elements.filter((e) => e.phases.includes(phase.id));
  const ownsIsolation = required.some((e) => e.type === 'rls' || e.type === 'policy');
  const tables = new Set(required.map(elementTable).filter((t): t is string => t !== null));
  const smokeIds = new Set(phase.smoke);
  const smokeResults = (smoke?.tests ?? []).filter((t) => t.phase === phase.id || smokeIds.has(t.id));
  const seen = new Set(smokeResults.map((t) => t.id));
  return {
    divergences: divergences.filter((d) => d.phases.includes(phase.id)),
    rls: (rls?.tests ?? []).filter((t) => ownsIsolation || tables.has(t.table)),
    smoke: smokeResults,
    smokeNotRun: smoke ? phase.smoke.filter((id) => !seen.has(id)) : [],
  };
}

/** Stable key of an RLS test in `blocking_items`: `rls:public.t:cross_tenant_invisible`. */
export const rlsKey = (t: RlsTest) => `rls:${t.table}:${t.scenario}`;
/** Stable key of a smoke test in `blocking_items`: `smoke:b0.4_idempotent_ingestion`. */
export const smokeKey = (id: string) => `smoke:${id}`;
