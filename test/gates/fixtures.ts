/** A small overlay shaped like Skeldir's critical path (seed 001): B0.3 → (B0.4 + B1.2) → B0.5 → B2.2 → (B2.1 + B2.3 + B2.4). */
import type { Divergence, RlsSection, RlsTest, SmokeResult, SmokeSection } from '../../src/core/report/types';
import type { Phase, Severity, Spec, SpecElement } from '../../src/core/spec/types';

const phase = (id: string, prerequisites: string[], extra: Partial<Phase> = {}): Phase => ({
  id, name: id, prerequisites, regression: [], smoke: [], allowDegraded: false, ...extra,
});
const el = (type: SpecElement['type'], object: string, phases: string[], severity?: Severity): SpecElement => ({ type, object, phases, severity });

export function spec(): Spec {
  return {
    name: 'test', invariants: { auth_critical: 'BLOCKING', statistical: 'HIGH' }, defaults: { untagged: 'MEDIUM', extra: 'LOW' },
    tenancy: { column: 'tenant_id', guc: 'app.current_tenant_id', tenantsTable: 'public.tenants', appRole: null },
    phases: [
      phase('b0.3', [], { smoke: ['b03_api_key'] }),
      phase('b0.4', ['b0.3'], { smoke: ['b04_idem'] }),
      phase('b1.2', ['b0.3']),
      phase('b0.5', ['b0.4']),
      phase('b2.2', ['b0.5'], { regression: ['b0.3'] }),
      phase('b2.1', ['b0.3', 'b0.4'], { allowDegraded: true, smoke: ['b21_confidence'] }),
      phase('b2.3', ['b2.2']),
      phase('b2.4', ['b2.2']),
    ],
    elements: [
      el('table', 'public.tenants', ['b0.3']),
      el('column', 'public.tenants.api_key_hash', ['b0.3', 'b1.2'], 'BLOCKING'),
      el('rls', 'public.events', ['b0.3'], 'BLOCKING'),
      el('column', 'public.events.idempotency_key', ['b0.3', 'b0.4'], 'BLOCKING'),
      el('column', 'public.alloc.confidence_score', ['b2.1'], 'HIGH'),
      el('column', 'public.ledger.transaction_id', ['b2.2'], 'BLOCKING'),
    ],
    source: 'test.yaml',
  };
}

export function div(severity: Severity, object: string, phases: string[], kind: Divergence['kind'] = 'missing', object_type: Divergence['object_type'] = 'column'): Divergence {
  return {
    id: `${kind}:${object_type}:${object}`, severity, kind, object_type, object, table: object.split('.').slice(0, 2).join('.'),
    invariant: null, expected: 'x', actual: null, phases, message: `${object} ${kind}`,
  };
}

export function rlsTest(table: string, scenario: string, outcome: RlsTest['outcome']): RlsTest {
  return { table, scenario, outcome, passed: outcome === 'passed', detail: outcome, sql: 'select 1', role: 'probe', tenant: 't1' };
}
export const rls = (...tests: RlsTest[]): RlsSection => ({
  tests, ms: 1,
  summary: { passed: tests.filter((t) => t.outcome === 'passed').length, failed: tests.filter((t) => t.outcome === 'failed').length, inconclusive: tests.filter((t) => t.outcome === 'inconclusive').length },
});
export function smokeTest(id: string, phase: string, outcome: SmokeResult['outcome'], requires: string[] = []): SmokeResult {
  return { id, phase, title: id, outcome, passed: outcome === 'passed', detail: outcome, sql: 'select 1', requires };
}
export const smoke = (...tests: SmokeResult[]): SmokeSection => ({
  tests, ms: 1,
  summary: { passed: tests.filter((t) => t.outcome === 'passed').length, failed: tests.filter((t) => t.outcome === 'failed').length, inconclusive: tests.filter((t) => t.outcome === 'inconclusive').length },
});
