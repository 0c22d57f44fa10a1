import { describe, expect, it } from 'vitest';
import { adoptDriftIds, formatDecisionsFile, looksLikeDecisionsFile, parseDecisionsFile } from '../../src/core/drift/decisions-file';
import { emptyRegistry, registerDrifts } from '../../src/core/drift/registry';
import { emptyDecision } from '../../src/core/drift/table';

const A = 'missing:index:public.t.idx_a';
const B = 'type_mismatch:column:public.t.b';
const C = 'extra:table:public.scratch';

describe('drift decisions file', () => {
  const registry = registerDrifts(emptyRegistry(), [B, A, C]);
  const decisions = {
    [A]: { status: 'accepted' as const, adr: 'ADR-004', resolution: 'kept: "quoted" | piped: yes', notes: 'line one\nline two' },
    [B]: { ...emptyDecision(), status: 'resolved' as const, resolution: 'migration 202511171200' },
    [C]: emptyDecision(),
  };

  it('round-trips what says something, with each drift number, ordered by number', () => {
    const text = formatDecisionsFile(decisions, registry);
    expect(text).toMatch(/^# Schema drift decisions/);
    expect(text).toContain('--decisions THIS_FILE');
    expect(text).not.toContain(C); // an open decision with nothing written is not a decision
    expect(text.indexOf(A)).toBeLessThan(text.indexOf(B)); // numbered in sorted order: C 001, A 002, B 003
    const back = parseDecisionsFile(text, 'd.yaml');
    expect(back.decisions).toEqual({ [A]: decisions[A], [B]: decisions[B] });
    expect(back.driftIds).toEqual({ [A]: 'SCHEMA-DRIFT-002', [B]: 'SCHEMA-DRIFT-003' });
  });

  it('is told apart from a dump before parsing (a decisions file dropped on the window is not checked as SQL)', () => {
    const reg = registerDrifts(emptyRegistry(), [A]);
    expect(looksLikeDecisionsFile(formatDecisionsFile({ [A]: { ...emptyDecision(), status: 'resolved', resolution: 'r' } }, reg))).toBe(true);
    expect(looksLikeDecisionsFile('\uFEFF{"kind":"skeldir-drift-decisions","decisions":[]}')).toBe(true);
    expect(looksLikeDecisionsFile('decisions:\n  - divergence: x')).toBe(true);
    for (const sql of ['--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;', 'CREATE TABLE kind (version int);', '', '\n\n', '# not yaml keys\nSELECT 1;']) {
      expect(looksLikeDecisionsFile(sql)).toBe(false);
    }
  });

  it('reads JSON too', () => {
    const json = JSON.stringify({ kind: 'skeldir-drift-decisions', version: 1, decisions: [{ drift: 'SCHEMA-DRIFT-9', divergence: A, status: 'accepted', adr: 'ADR-1' }] });
    expect(parseDecisionsFile(json, 'd.json')).toEqual({ decisions: { [A]: { status: 'accepted', adr: 'ADR-1', resolution: '', notes: '' } }, driftIds: { [A]: 'SCHEMA-DRIFT-009' } });
  });

  const bad: [string, string, RegExp][] = [
    ['misspelt key', `decisions:\n  - divergence: ${A}\n    status: accepted\n    adr_ref: ADR-4\n`, /^d\.yaml:4:5: unknown key `adr_ref`/],
    ['unknown status', `decisions:\n  - divergence: ${A}\n    status: acceptd\n`, /^d\.yaml:3:5: `status` must be one of open, resolved, accepted/],
    ['no divergence', 'decisions:\n  - status: accepted\n', /^d\.yaml:2:5: `divergence` is required/],
    ['not a divergence id', 'decisions:\n  - divergence: idx_a\n', /^d\.yaml:2:5: `idx_a` is not a divergence id/],
    ['twice the same drift', `decisions:\n  - divergence: ${A}\n  - divergence: ${A}\n`, /^d\.yaml:3:5: a second decision for/],
    ['one number, two drifts', `decisions:\n  - {drift: SCHEMA-DRIFT-001, divergence: ${A}}\n  - {drift: SCHEMA-DRIFT-001, divergence: ${B}}\n`, /^d\.yaml:3:6: SCHEMA-DRIFT-001 is also given to/],
    ['YAML syntax', 'decisions:\n  - divergence: [\n', /^d\.yaml:\d+:\d+: /],
    ['empty', '', /^d\.yaml:1:1: invalid YAML: .*empty/],
    ['not a list', 'decisions: yes\n', /^d\.yaml:1:1: `decisions` must be a list/],
  ];
  it.each(bad)('%s → file:line:column', (_name, text, message) => {
    expect(() => parseDecisionsFile(text, 'd.yaml')).toThrow();
    try { parseDecisionsFile(text, 'd.yaml'); } catch (err) { expect(String(err)).toMatch(message); }
  });

  it('adopts the file\'s numbers where free, keeps its own where they clash, and says so', () => {
    const here = registerDrifts(emptyRegistry(), [C]); // C is SCHEMA-DRIFT-001 here
    const { registry: next, conflicts } = adoptDriftIds(here, { [A]: 'SCHEMA-DRIFT-004', [B]: 'SCHEMA-DRIFT-001' });
    expect(next.ids).toEqual({ [C]: 1, [A]: 4 });
    expect(next.next).toBe(5);
    expect(conflicts).toEqual([`SCHEMA-DRIFT-001 is another drift here (${C}); ${B} gets a new number`]);
    expect(adoptDriftIds(next, { [A]: 'SCHEMA-DRIFT-004' }).registry).toBe(next);
  });
});
