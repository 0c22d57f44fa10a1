import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { describeObject, parseTour, stepHash } from '../../src/core/dictionary/tour';
import { parseBlocks, parseInline } from '../../src/core/dictionary/text-blocks';
import { sampleModel } from '../dictionary/fixture-model';

const SRC = 't.yaml';
const ok = `title: T
steps:
  - id: one
    title: First
    route: '#/dictionary'
    highlight: public.dead_events.remediation_status
    body: |
      Hello \`x\`.
  - id: two
    title: Second
    route: '#/gates'
    highlight: ~
    body: Plain
`;

function errorOf(yaml: string): InputError {
  try {
    parseTour(yaml, SRC);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected parseTour to throw');
}

describe('parseTour', () => {
  it('parses steps with their lines', () => {
    const t = parseTour(ok, SRC);
    expect(t.title).toBe('T');
    expect(t.steps).toEqual([
      { id: 'one', title: 'First', body: 'Hello `x`.', route: '#/dictionary', highlight: 'public.dead_events.remediation_status', line: 3 },
      { id: 'two', title: 'Second', body: 'Plain', route: '#/gates', highlight: null, line: 9 },
    ]);
  });

  // [name, yaml, message fragment, line, column]
  const bad: [string, string, string, number, number][] = [
    ['syntax error', 'title: [x\nsteps: []\n', 'invalid YAML', 2, 1],
    ['empty', '', 'empty', 1, 1],
    ['not a mapping', '- a\n', 'must be a mapping', 1, 1],
    ['unknown top key', 'title: T\nstep: []\n', 'unknown key "step"', 2, 1],
    ['steps not a list', 'title: T\nsteps: nope\n', '`steps` must be a list', 2, 8],
    ['missing route', 'title: T\nsteps:\n  - id: a\n    title: A\n    body: b\n', '`route` is required', 3, 5],
    ['bad route', "title: T\nsteps:\n  - id: a\n    title: A\n    body: b\n    route: 'dictionary'\n", 'must look like #/view', 6, 12],
    ['duplicate id', "title: T\nsteps:\n  - {id: a, title: A, body: b, route: '#/x'}\n  - {id: a, title: B, body: b, route: '#/x'}\n", 'duplicate id "a" (first used on line 3)', 4, 10],
    ['unknown step key', "title: T\nsteps:\n  - id: a\n    title: A\n    body: b\n    route: '#/x'\n    hilite: x\n", 'unknown key "hilite"', 7, 5],
    ['body not a string', "title: T\nsteps:\n  - id: a\n    title: A\n    route: '#/x'\n    body:\n      - x\n", '`body` must be a string', 7, 7],
    ['bad id', "title: T\nsteps:\n  - id: Not Ok\n    title: A\n    body: b\n    route: '#/x'\n", 'must be lower-case', 3, 9],
    ['duplicate key', "title: T\ntitle: U\nsteps: []\n", 'duplicate key "title"', 2, 1],
  ];
  it.each(bad)('%s → located InputError', (_name, yaml, msg, line, column) => {
    const e = errorOf(yaml);
    expect(e.message).toContain(msg);
    expect(e.location).toEqual({ source: SRC, line, column });
    expect(e.toString()).toMatch(new RegExp(`^t\\.yaml:${line}:${column}: `));
  });
});

describe('stepHash', () => {
  it('puts the highlighted object in the route', () => {
    expect(stepHash({ route: '#/dictionary', highlight: 'public.t.c' })).toBe('#/dictionary/public.t.c');
    expect(stepHash({ route: '#/dictionary/public.t', highlight: 'public.t.c' })).toBe('#/dictionary/public.t.c');
    expect(stepHash({ route: '#/gates', highlight: null })).toBe('#/gates');
  });
});

describe('describeObject', () => {
  const m = sampleModel();
  it('states the live fact for tables, columns (with CHECK values), constraints, policies', () => {
    expect(describeObject(m, 'public.dead_events')).toEqual({ kind: 'table', detail: '3 columns; RLS enabled and forced' });
    expect(describeObject(m, 'public.dead_events.remediation_status')).toEqual({
      kind: 'column',
      detail: "character varying(20) NOT NULL DEFAULT 'pending'::character varying; allowed values (ck_dead_events_remediation_status_valid): pending, in_progress, resolved, abandoned",
    });
    expect(describeObject(m, 'public.dead_events.ck_dead_events_remediation_status_valid')!.kind).toBe('constraint');
    expect(describeObject(m, 'public.dead_events.tenant_isolation_policy')!.detail).toContain('ALL TO public USING');
    expect(describeObject(m, 'public.mv_status')!.kind).toBe('view');
    expect(describeObject(m, 'public.nope')).toBeNull();
  });
});

describe('the Skeldir tour (schema/tour.yaml)', () => {
  const tour = parseTour(readFileSync('schema/tour.yaml', 'utf8'), 'schema/tour.yaml');
  it('parses, has 8–12 steps with unique ids, opens the RLS matrix and the drift table, and answers Engineer B', () => {
    expect(tour.steps.length).toBeGreaterThanOrEqual(8);
    expect(tour.steps.length).toBeLessThanOrEqual(12);
    expect(tour.steps.map((s) => s.route)).toEqual(expect.arrayContaining(['#/rls', '#/drift']));
    const last = tour.steps.find((s) => s.id === 'remediation-status')!;
    expect(stepHash(last)).toBe('#/dictionary/public.dead_events.remediation_status');
    expect(last.body).toContain('ck_dead_events_remediation_status_valid');
  });
  it('every body renders to blocks without leftover markers', () => {
    for (const s of tour.steps) {
      const blocks = parseBlocks(s.body);
      expect(blocks.length).toBeGreaterThan(0);
      const texts = blocks.flatMap((b) => (b.kind === 'p' ? b.spans : b.kind === 'code' ? [] : b.items.flat())).filter((x) => x.kind === 'text').map((x) => x.text);
      for (const t of texts) expect(t, `step ${s.id}`).not.toMatch(/\*\*|`/);
    }
  });
});

describe('markdown-lite blocks', () => {
  it('splits paragraphs, lists, code fences and inline spans', () => {
    expect(parseBlocks('A `b` **c**\nd\n\n- x\n  more\n- y\n1. n\n```sql\nSELECT 1;\n```\n')).toEqual([
      { kind: 'p', spans: [{ kind: 'text', text: 'A ' }, { kind: 'code', text: 'b' }, { kind: 'text', text: ' ' }, { kind: 'strong', text: 'c' }, { kind: 'text', text: ' d' }] },
      { kind: 'ul', items: [[{ kind: 'text', text: 'x more' }], [{ kind: 'text', text: 'y' }]] },
      { kind: 'ol', items: [[{ kind: 'text', text: 'n' }]] },
      { kind: 'code', lang: 'sql', text: 'SELECT 1;' },
    ]);
  });
  it('reads *emphasis* but leaves arithmetic, bullets-in-text and unclosed stars literal', () => {
    expect(parseInline('A drift *accepted* with an ADR')).toEqual([{ kind: 'text', text: 'A drift ' }, { kind: 'em', text: 'accepted' }, { kind: 'text', text: ' with an ADR' }]);
    expect(parseInline('2 * 3 * 4 and a * b')).toEqual([{ kind: 'text', text: '2 * 3 * 4 and a * b' }]);
    expect(parseInline('*open and **strong**')).toEqual([{ kind: 'text', text: '*open and ' }, { kind: 'strong', text: 'strong' }]);
    expect(parseInline('SELECT count(*) FROM t')).toEqual([{ kind: 'text', text: 'SELECT count(*) FROM t' }]);
  });
  it('keeps HTML and unclosed markers as literal text', () => {
    expect(parseInline('<img src=x onerror=alert(1)> `open **x')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> `open **x' }]);
  });
});
