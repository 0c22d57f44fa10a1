import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyDriftDecisions, waiverOf } from '../../src/core/drift/apply';
import { emptyDecision, type DriftDecisions } from '../../src/core/drift/table';
import { buildReport, toGateStatus, toJson, toJunit, toMarkdown, toSarif } from '../../src/core/report';
import type { LoadSummary, Report } from '../../src/core/report/types';
import { div, smoke, smokeTest, spec } from '../gates/fixtures';

const load = (): LoadSummary => ({ statements: 1, executed: 1, errors: [], notes: [], ms: 1 });
const hash = 'a'.repeat(64);
const BLOCK = div('BLOCKING', 'public.tenants.api_key_hash', ['b0.3', 'b1.2']);
const HIGH = div('HIGH', 'public.alloc.confidence_score', ['b2.1']);
const passingSmoke = smoke(smokeTest('b03_api_key', 'b0.3', 'passed'), smokeTest('b04_idem', 'b0.4', 'passed'), smokeTest('b21_confidence', 'b2.1', 'passed'));

function report(phase = 'all'): Report {
  return buildReport({
    spec: spec(), phase, divergences: [BLOCK, HIGH], load: { canonical: load(), dump: load() }, rls: null, smoke: passingSmoke,
    inputs: [{ role: 'canonical_sql', name: 'c.sql', sha256: hash, bytes: 1 }, { role: 'dump', name: 'd.sql', sha256: hash, bytes: 1 }],
    toolVersion: '0.1.0', generatedAt: new Date('2025-11-15T10:45:00.000Z'), timings: {},
  });
}
const ids: Record<string, string> = { [BLOCK.id]: 'SCHEMA-DRIFT-004', [HIGH.id]: 'SCHEMA-DRIFT-005' };
const driftId = (id: string) => ids[id] ?? null;
const decide = (d: DriftDecisions) => applyDriftDecisions(report(), spec(), d, driftId);

describe('drift decisions applied to a report', () => {
  it('without a waiving decision the report is returned as is', () => {
    const r = report();
    expect(applyDriftDecisions(r, spec(), {}, driftId)).toBe(r);
    expect(applyDriftDecisions(r, spec(), { [BLOCK.id]: { ...emptyDecision(), notes: 'looking' } }, driftId)).toBe(r);
  });

  it('accepted with an ADR: the BLOCKING drift stops gating; verdict, exit code, summary and phases follow; the reason is kept', () => {
    const before = report();
    expect([before.verdict, before.phases['b0.3'].status]).toEqual(['FAIL', 'FAIL']);
    const r = decide({ [BLOCK.id]: { ...emptyDecision(), status: 'accepted', adr: 'ADR-004', resolution: 'key kept plain until rotation' } });
    expect(r.verdict).toBe('WARN_PASS');
    expect(r.exit_code).toBe(2);
    expect(r.summary).toEqual({ blocking: 0, high: 1, medium: 0, low: 0, waived: 1 });
    expect(r.phases['b0.3'].status).toBe('PASS');
    expect(r.phases['b0.3'].reason).toContain('not blocking by decision: SCHEMA-DRIFT-004 accepted with ADR-004: key kept plain until rotation');
    expect(r.phases['b1.2'].status).toBe('PASS');
    const d = r.divergences.find((x) => x.id === BLOCK.id)!;
    expect(d.decision).toEqual({ status: 'accepted', drift_id: 'SCHEMA-DRIFT-004', adr: 'ADR-004', reason: 'SCHEMA-DRIFT-004 accepted with ADR-004: key kept plain until rotation' });
    expect(r.divergences).toHaveLength(2); // still reported
  });

  it('resolved with its resolution written down also stops gating; both decided → PASS', () => {
    const r = decide({
      [BLOCK.id]: { ...emptyDecision(), status: 'resolved', resolution: 'migration 202511171200_reconcile_b03_baseline' },
      [HIGH.id]: { ...emptyDecision(), status: 'accepted', adr: 'ADR-007' },
    });
    expect([r.verdict, r.exit_code]).toEqual(['PASS', 0]);
    expect(r.divergences.find((x) => x.id === BLOCK.id)!.decision!.reason).toBe('SCHEMA-DRIFT-004 resolved: migration 202511171200_reconcile_b03_baseline');
  });

  it('a decision without its evidence waives nothing and says why', () => {
    expect(decide({ [BLOCK.id]: { ...emptyDecision(), status: 'accepted' } }).verdict).toBe('FAIL');
    expect(decide({ [BLOCK.id]: { ...emptyDecision(), status: 'resolved' } }).verdict).toBe('FAIL');
    expect(waiverOf({ ...emptyDecision(), status: 'accepted', adr: '  ' }, 'SCHEMA-DRIFT-004')).toEqual({ waives: false, why: 'SCHEMA-DRIFT-004 is marked accepted but has no ADR reference, so it still blocks' });
    expect(waiverOf({ ...emptyDecision(), status: 'resolved' }, null)).toMatchObject({ waives: false, why: expect.stringContaining('no resolution decision') });
    expect(waiverOf(undefined, null)).toEqual({ waives: false, why: null });
  });

  it('reopening a drift brings the block back (a previous decision is dropped, not kept)', () => {
    const waived = decide({ [BLOCK.id]: { ...emptyDecision(), status: 'accepted', adr: 'ADR-004' } });
    const reopened = applyDriftDecisions(waived, spec(), { [BLOCK.id]: emptyDecision() }, driftId);
    expect(reopened.verdict).toBe('FAIL');
    expect(reopened.divergences.every((d) => !d.decision)).toBe(true);
    expect(reopened.summary).toEqual({ blocking: 1, high: 1, medium: 0, low: 0 });
  });

  it('every export shows the decision: JSON (valid), Markdown, SARIF suppression, JUnit skipped, GATE_STATUS', () => {
    const r = decide({ [BLOCK.id]: { ...emptyDecision(), status: 'accepted', adr: 'ADR-004' } });
    const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(toJson(r))), JSON.stringify(validate.errors)).toBe(true);
    const md = toMarkdown(r);
    expect(md).toContain('## Drift decisions');
    expect(md).toContain('SCHEMA-DRIFT-004 accepted with ADR-004');
    expect(md).toContain('BLOCKING (accepted, not blocking)');
    const sarif = JSON.parse(toSarif(r));
    const res = sarif.runs[0].results.find((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['skeldirDivergenceId/v1'] === BLOCK.id);
    expect(res.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'SCHEMA-DRIFT-004 accepted with ADR-004' }]);
    expect(toJunit(r)).toContain(`<testcase name="${BLOCK.id}"`);
    expect(toJunit(r)).toContain('skipped message="not blocking by decision: SCHEMA-DRIFT-004 accepted with ADR-004"');
    expect(toGateStatus(r)).toContain('Not blocking by decision (Schema Drift Table):\n\n- SCHEMA-DRIFT-004 accepted with ADR-004');
  });

  it('re-deciding the gates keeps the lint / reversibility evidence: a decision never waives a failed lint', () => {
    const withLint = { ...spec(), phases: spec().phases.map((p) => (p.id === 'b0.3' ? { ...p, migrationChecks: ['lint' as const] } : p)) };
    const lint = { lint: { files: ['up.sql'], errors: 2, warnings: 0, waived: 0 }, reversibility: null };
    const accepted = { [BLOCK.id]: { ...emptyDecision(), status: 'accepted' as const, adr: 'ADR-004' } };
    const r = applyDriftDecisions(report(), withLint, accepted, driftId, lint);
    expect(r.phases['b0.3'].status).toBe('FAIL');
    expect(r.phases['b0.3'].reason).toContain('DDL lint: 2 error findings in up.sql');
    expect(r.exit_code).toBe(1);
    // Without the evidence the same decision would pass b0.3: the evidence is what keeps it failing.
    expect(applyDriftDecisions(report(), withLint, accepted, driftId).phases['b0.3'].status).not.toBe('FAIL');
  });
});
