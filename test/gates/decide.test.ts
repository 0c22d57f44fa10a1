import { describe, expect, it } from 'vitest';
import { decideGates, exitCodeOf, phaseScope, scopedEvidence } from '../../src/core/gates';
import { InputError } from '../../src/core/errors';
import type { GateStatus, RlsSection, SmokeSection, Divergence } from '../../src/core/report/types';
import { div, rls, rlsTest, smoke, smokeTest, spec } from './fixtures';

const allSmokePassing = smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b04_idem', 'b0.4', 'passed'), smokeTest('b21_confidence', 'b2.1', 'passed'));

interface Case {
  name: string;
  divergences?: Divergence[];
  rls?: RlsSection | null;
  smoke?: SmokeSection | null;
  phase?: string;
  expect: Record<string, GateStatus>;
  exit: 0 | 1 | 2;
  /** Substrings expected in a phase's reason. */
  reasons?: Record<string, string>;
  items?: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'clean → every phase PASS, exit 0',
    smoke: allSmokePassing, rls: rls(rlsTest('public.events', 'cross_tenant_invisible', 'passed')),
    expect: { 'b0.3': 'PASS', 'b0.4': 'PASS', 'b1.2': 'PASS', 'b0.5': 'PASS', 'b2.2': 'PASS', 'b2.1': 'PASS', 'b2.3': 'PASS', 'b2.4': 'PASS' },
    exit: 0, reasons: { 'b0.3': 'Zero critical divergences' },
  },
  {
    name: 'BLOCKING in B0.3 → B0.3 FAIL, dependants WAITING (seed 000 §10.1)',
    divergences: [div('BLOCKING', 'public.tenants.api_key_hash', ['b0.3', 'b1.2'])], smoke: allSmokePassing,
    expect: { 'b0.3': 'FAIL', 'b0.4': 'WAITING', 'b1.2': 'WAITING', 'b0.5': 'WAITING', 'b2.2': 'WAITING', 'b2.1': 'WAITING', 'b2.3': 'WAITING', 'b2.4': 'WAITING' },
    exit: 1, reasons: { 'b0.3': '1 BLOCKING divergence found', 'b0.4': 'B0.3 must pass first', 'b0.5': 'B0.4 must pass first', 'b2.1': 'B0.3, B0.4 must pass first' },
    items: { 'b0.3': ['missing:column:public.tenants.api_key_hash'] },
  },
  {
    name: 'HIGH only → WARN_PASS, exit 2; WARN_PASS satisfies prerequisites',
    divergences: [div('HIGH', 'public.alloc.confidence_score', ['b2.1'])], smoke: allSmokePassing,
    expect: { 'b0.3': 'PASS', 'b0.4': 'PASS', 'b2.1': 'WARN_PASS', 'b2.2': 'PASS' },
    exit: 2, reasons: { 'b2.1': '1 HIGH divergence found but no BLOCKING issues' },
  },
  {
    name: 'MEDIUM/LOW do not gate',
    divergences: [div('MEDIUM', 'public.tenants.name', ['b0.3']), div('LOW', 'public.x', [], 'extra', 'table')], smoke: allSmokePassing,
    expect: { 'b0.3': 'PASS' }, exit: 0, reasons: { 'b0.3': '1 MEDIUM, 0 LOW' },
  },
  {
    name: 'selected phase with a failing prerequisite FAILs as a regression (seed 000 §4.2, §7.1)',
    phase: 'b0.5', divergences: [div('BLOCKING', 'public.events.idempotency_key', ['b0.3', 'b0.4'])],
    expect: { 'b0.3': 'FAIL', 'b0.4': 'WAITING', 'b0.5': 'FAIL' }, exit: 1,
    reasons: { 'b0.5': 'B0.3 schema regression detected' }, items: { 'b0.5': ['missing:column:public.events.idempotency_key'] },
  },
  {
    name: '--phase selects the phase, its prerequisites and its regression list',
    phase: 'b2.2', smoke: allSmokePassing, expect: { 'b0.3': 'PASS', 'b0.4': 'PASS', 'b0.5': 'PASS', 'b2.2': 'PASS' }, exit: 0,
  },
  {
    name: 'out-of-scope BLOCKING does not fail --phase b1.2',
    phase: 'b1.2', divergences: [div('BLOCKING', 'public.ledger.transaction_id', ['b2.2'])], smoke: allSmokePassing,
    expect: { 'b0.3': 'PASS', 'b1.2': 'PASS' }, exit: 0,
  },
  {
    name: 'failed RLS test on a tenant table fails the isolation phase',
    rls: rls(rlsTest('public.events', 'cross_tenant_invisible', 'failed'), rlsTest('public.other', 'own_rows_visible', 'passed')), smoke: allSmokePassing,
    expect: { 'b0.3': 'FAIL', 'b0.4': 'WAITING' }, exit: 1,
    reasons: { 'b0.3': '1 RLS isolation test failed on public.events' }, items: { 'b0.3': ['rls:public.events:cross_tenant_invisible'] },
  },
  {
    name: 'failed RLS test on an unlisted tenant table still fails the phase that owns isolation',
    rls: rls(rlsTest('public.generated_42', 'owner_cannot_bypass', 'failed')), smoke: allSmokePassing,
    expect: { 'b0.3': 'FAIL' }, exit: 1,
  },
  {
    name: 'an inconclusive RLS test is never passed, and alone never FAILs: WARN_PASS with the reason',
    rls: rls(rlsTest('public.events', 'own_rows_visible', 'inconclusive')), smoke: allSmokePassing,
    expect: { 'b0.3': 'WARN_PASS' }, exit: 2, reasons: { 'b0.3': '1 RLS test inconclusive (could not run, so not passed)' },
  },
  {
    name: 'an inconclusive RLS test beside a failed one: FAIL, both named',
    rls: rls(rlsTest('public.events', 'own_rows_visible', 'inconclusive'), rlsTest('public.events', 'cross_tenant_invisible', 'failed')), smoke: allSmokePassing,
    expect: { 'b0.3': 'FAIL' }, exit: 1, reasons: { 'b0.3': '1 RLS test inconclusive' },
  },
  {
    name: 'an inconclusive smoke test still FAILs its phase',
    smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'inconclusive'), smokeTest('b04_idem', 'b0.4', 'passed'), smokeTest('b21_confidence', 'b2.1', 'passed')),
    expect: { 'b0.3': 'FAIL' }, exit: 1, reasons: { 'b0.3': 'inconclusive (could not run, so not passed)' },
  },
  {
    name: 'failed smoke test fails its phase only',
    smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b04_idem', 'b0.4', 'failed'), smokeTest('b21_confidence', 'b2.1', 'passed')),
    expect: { 'b0.3': 'PASS', 'b0.4': 'FAIL', 'b1.2': 'PASS', 'b0.5': 'WAITING', 'b2.1': 'WAITING' }, exit: 1,
    reasons: { 'b0.4': 'Smoke tests failed: b04_idem' }, items: { 'b0.4': ['smoke:b04_idem'] },
  },
  {
    name: 'listed smoke test without a result is inconclusive',
    smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b21_confidence', 'b2.1', 'passed')),
    expect: { 'b0.4': 'FAIL' }, exit: 1, items: { 'b0.4': ['smoke:b04_idem'] },
  },
  {
    name: 'degraded mode: a smoke failure explained by a missing HIGH column → WARN_PASS',
    divergences: [div('HIGH', 'public.alloc.confidence_score', ['b2.1'])],
    smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b04_idem', 'b0.4', 'passed'),
      smokeTest('b21_confidence', 'b2.1', 'failed', ['public.alloc', 'public.alloc.confidence_score'])),
    expect: { 'b2.1': 'WARN_PASS' }, exit: 2, // excused by degraded mode: the phase's WARN_PASS decides
    reasons: { 'b2.1': 'degraded mode: b21_confidence needs public.alloc.confidence_score' },
  },
  {
    name: 'degraded mode does not excuse an unrelated smoke failure',
    divergences: [div('HIGH', 'public.alloc.confidence_score', ['b2.1'])],
    smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b04_idem', 'b0.4', 'passed'),
      smokeTest('b21_confidence', 'b2.1', 'failed', ['public.alloc', 'public.alloc.confidence_score_v2'])),
    expect: { 'b2.1': 'FAIL' }, exit: 1,
  },
  {
    name: 'no behaviour run → structure-only decisions say so',
    rls: null, smoke: null, expect: { 'b0.3': 'PASS' }, exit: 0, reasons: { 'b0.3': 'structure only' },
  },
];

describe('decideGates', () => {
  it.each(cases)('$name', (c) => {
    const s = spec();
    const divs = c.divergences ?? [];
    const r = c.rls === undefined ? null : c.rls;
    const sm = c.smoke === undefined ? null : c.smoke;
    const phase = c.phase ?? 'all';
    const gates = decideGates(s, divs, r, sm, phase);
    for (const [id, status] of Object.entries(c.expect)) expect(gates[id]?.status, id).toBe(status);
    for (const [id, text] of Object.entries(c.reasons ?? {})) expect(gates[id].reason).toContain(text);
    // a WARN for something else never opens with "0 HIGH divergences found"
    for (const g of Object.values(gates)) expect(g.reason).not.toMatch(/\b0 HIGH divergences found/);
    for (const [id, items] of Object.entries(c.items ?? {})) expect(gates[id].blocking_items).toEqual(items);
    for (const g of Object.values(gates)) {
      expect(g.exit_code).toBe(g.status === 'WAITING' ? null : g.status === 'FAIL' ? 1 : g.status === 'WARN_PASS' ? 2 : 0);
      expect(g.required_action.length).toBeGreaterThan(0);
    }
    expect(exitCodeOf(scopedEvidence(s, phase, divs, r, sm), gates)).toBe(c.exit);
  });

  it('keys come in dependency order, and only the phases in scope', () => {
    expect(Object.keys(decideGates(spec(), [], null, null, 'B2.2'))).toEqual(['b0.3', 'b0.4', 'b0.5', 'b2.2']);
    expect(Object.keys(decideGates(spec(), [], null, null, 'all'))).toEqual(['b0.3', 'b0.4', 'b1.2', 'b0.5', 'b2.2', 'b2.1', 'b2.3', 'b2.4']);
  });

  it('counts divergences among the phase elements', () => {
    const g = decideGates(spec(), [div('BLOCKING', 'public.tenants.api_key_hash', ['b0.3', 'b1.2']), div('HIGH', 'public.tenants.x', ['b0.3'])], null, null, 'all');
    expect(g['b0.3'].counts).toEqual({ blocking: 1, high: 1, medium: 0, low: 0 });
    expect(g['b1.2'].counts).toEqual({ blocking: 1, high: 0, medium: 0, low: 0 });
  });

  it('rejects an unknown phase with an input error naming the known ones', () => {
    expect(() => phaseScope(spec(), 'b9.9')).toThrow(InputError);
    expect(() => phaseScope(spec(), 'b9.9')).toThrow(/known phases: b0.3, b0.4/);
  });

  it('an overlay without phases has no gates; everything is in scope', () => {
    const s = { ...spec(), phases: [], elements: [] };
    const divs = [div('HIGH', 'public.t.c', [])];
    const gates = decideGates(s, divs, null, null, 'all');
    expect(gates).toEqual({});
    expect(exitCodeOf(scopedEvidence(s, 'all', divs, null, null), gates)).toBe(2);
  });
});

describe('exit code without phases', () => {
  it('an RLS leak gives 1, a regression or an inconclusive test 2, when no phase gates it', () => {
    const s = { ...spec(), phases: [], elements: [] };
    const code = (t: ReturnType<typeof rlsTest>) => { const r = rls(t); return exitCodeOf(scopedEvidence(s, 'all', [], r, null), decideGates(s, [], r, null, 'all')); };
    expect(code(rlsTest('public.t', 'cross_tenant_invisible', 'failed'))).toBe(1);
    expect(code({ ...rlsTest('public.t', 'own_rows_visible', 'failed'), severity: 'HIGH' })).toBe(2);
    expect(code(rlsTest('public.t', 'own_rows_visible', 'inconclusive'))).toBe(2);
    const ok = rls(rlsTest('public.t', 'own_rows_visible', 'passed'));
    expect(exitCodeOf(scopedEvidence(s, 'all', [], ok, null), {})).toBe(0);
  });
});
