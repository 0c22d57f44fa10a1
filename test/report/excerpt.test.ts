import { describe, expect, it } from 'vitest';
import { diffExcerpts, oneLine } from '../../src/core/report/excerpt';
import { divergenceMessage } from '../../src/core/report/sarif';
import { messageCell, toMarkdown } from '../../src/core/report/markdown';
import { buildReport } from '../../src/core/report';
import type { Divergence } from '../../src/core/report/types';
import { spec } from '../gates/fixtures';

const states = (last: string) =>
  `CHECK (((remediation_status)::text = ANY (ARRAY[('pending'::character varying)::text, ('in_progress'::character varying)::text, ('resolved'::character varying)::text, ('${last}'::character varying)::text])))`;
const CANON = states('abandoned');
const DUMP = states('ignored');

describe('diffExcerpts', () => {
  it('a difference at the end of long values stays visible on both sides', () => {
    const x = diffExcerpts(CANON, DUMP);
    expect(CANON.length).toBeGreaterThan(160);
    expect(x.expected).toBe("…('resolved'::character varying)::text, ('abandoned'::character varying)::text])))");
    expect(x.actual).toBe("…('resolved'::character varying)::text, ('ignored'::character varying)::text])))");
  });

  it('a difference in the middle: common prefix and suffix elided, with context', () => {
    const a = `${'x '.repeat(100)}model_version, channel) WHERE (model_version IS NOT NULL) ${'y '.repeat(100)}`;
    const b = a.replace('channel)', 'channel_code)');
    const x = diffExcerpts(a, b, { context: 16, max: 80 });
    expect(x.expected).toMatch(/^….*model_version, channel\) WHERE.*…$/);
    expect(x.actual).toMatch(/^….*model_version, channel_code\) WHERE.*…$/);
    expect(x.expected!.length).toBeLessThanOrEqual(80);
    expect(x.actual!.length).toBeLessThanOrEqual(80);
  });

  it('a difference at the start: no leading ellipsis', () => {
    const tail = ' '.concat('z'.repeat(300));
    const x = diffExcerpts(`alpha${tail}`, `beta${tail}`, { context: 10, max: 60 });
    expect(x.expected!.startsWith('alpha')).toBe(true);
    expect(x.actual!.startsWith('beta')).toBe(true);
    expect(x.expected!.endsWith('…')).toBe(true);
  });

  it('one value a prefix of the other: the extra part shows', () => {
    const a = `${'w '.repeat(120)}end`;
    const x = diffExcerpts(a, `${a} AND more`, { max: 60 });
    expect(x.expected).toMatch(/^…(w )+end$/);
    expect(x.actual).toMatch(/^…(w )+end AND more$/);
  });

  it('a long differing region is cut but starts in view, within max', () => {
    const common = 'p '.repeat(100);
    const x = diffExcerpts(`${common}${'A'.repeat(400)}`, `${common}${'B'.repeat(400)}`, { max: 100, context: 20 });
    expect(x.expected).toMatch(/^…(p )+A+…$/);
    expect(x.actual).toMatch(/^…(p )+B+…$/);
    expect(x.expected!.length).toBe(100);
  });

  it('short values, equal values and a missing side are cut at max from the start', () => {
    expect(diffExcerpts('uuid NOT NULL', 'uuid')).toEqual({ expected: 'uuid NOT NULL', actual: 'uuid' });
    expect(diffExcerpts(CANON, null, { max: 40 })).toEqual({ expected: `${CANON.slice(0, 39)}…`, actual: null });
    expect(diffExcerpts(null, null)).toEqual({ expected: null, actual: null });
    const same = diffExcerpts(CANON, CANON, { max: 40 });
    expect(same.expected).toBe(same.actual);
  });

  it('whitespace runs collapse to one line; astral characters are never split', () => {
    expect(oneLine('  a\n\tb  ')).toBe('a b');
    const a = `${'😀'.repeat(200)}x`;
    const x = diffExcerpts(a, `${'😀'.repeat(200)}y`, { max: 30, context: 5 });
    expect([...x.expected!].every((c) => c === '😀' || c === 'x' || c === '…')).toBe(true);
    expect(x.expected!.endsWith('x')).toBe(true);
  });
});

const mismatch: Divergence = {
  id: 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid', severity: 'BLOCKING',
  kind: 'definition_mismatch', object_type: 'constraint', object: 'public.dead_events.ck_dead_events_remediation_status_valid',
  table: 'public.dead_events', invariant: 'processing_critical', expected: CANON, actual: DUMP, phases: ['b0.3'],
  message: 'check constraint public.dead_events.ck_dead_events_remediation_status_valid differs from canonical', line: 225,
};
const renamed: Divergence = {
  id: 'missing:column:public.attribution_allocations.channel', severity: 'BLOCKING', kind: 'missing', object_type: 'column',
  object: 'public.attribution_allocations.channel', table: 'public.attribution_allocations', invariant: null,
  expected: 'character varying(100) NOT NULL', actual: null, phases: [],
  message: 'public.attribution_allocations.channel is missing from the dump (possibly renamed to channel_code)', line: 84,
};

describe('renderings of definition mismatches', () => {
  const report = buildReport({
    spec: spec(), phase: 'all', divergences: [mismatch, renamed],
    load: { canonical: { statements: 1, executed: 1, errors: [], notes: [], ms: 0 }, dump: { statements: 1, executed: 1, errors: [], notes: [], ms: 0 } },
    rls: null, smoke: null, inputs: [], toolVersion: 't', generatedAt: new Date(0), timings: {},
  });

  it('Markdown: both cells show the differing value; renames show in the Message column', () => {
    const md = toMarkdown(report);
    expect(md).toContain('| Severity | Kind | Object | Message | Expected | Actual | Invariant | Phases |');
    const row = md.split('\n').find((l) => l.includes('ck\\_dead\\_events\\_remediation\\_status\\_valid'))!;
    expect(row).toContain("('abandoned'::character varying)::text])))`");
    expect(row).toContain("('ignored'::character varying)::text])))`");
    expect(row).toContain('(line 225)');
    expect(row.split(/(?<!\\)\|/).length).toBe(10); // 8 cells
    const ren = md.split('\n').find((l) => l.includes('| missing · column |'))!;
    expect(ren).toContain('| Missing from the dump (possibly renamed to channel\\_code) |');
    expect(ren).toContain('(its table: line 84)');
  });

  it('messageCell drops the object only when the message starts with it', () => {
    expect(messageCell(mismatch)).toBe('Differs from canonical');
    expect(messageCell({ ...renamed, message: 'odd: public.attribution_allocations.channel gone' })).toBe('odd: public.attribution\\_allocations.channel gone');
  });

  it('SARIF message carries the excerpts; full values stay in properties', () => {
    const text = divergenceMessage(mismatch);
    expect(text.split('\n')).toEqual([
      '[BLOCKING] check constraint public.dead_events.ck_dead_events_remediation_status_valid differs from canonical',
      expect.stringMatching(/^expected: ….*'abandoned'.*\]\)\)\)$/),
      expect.stringMatching(/^actual: {3}….*'ignored'.*\]\)\)\)$/),
    ]);
    expect(divergenceMessage(renamed)).toBe(`[BLOCKING] ${renamed.message}`);
  });
});
