import { describe, expect, it } from 'vitest';
import overlayText from '../../schema/canonical_schema.yaml?raw';
import canonicalSql from '../../schema/canonical_schema.sql?raw';
import { InputError } from '../../src/core/errors';
import { parseSpec } from '../../src/core/spec/parse';

const SRC = 'test.yaml';

/** A small valid overlay; each invalid case below edits one line of it. */
const BASE = [
  'name: T',                                                        // 1
  'invariants: { auth_critical: BLOCKING, statistical: HIGH }',     // 2
  'defaults: { untagged: MEDIUM, extra: LOW }',                     // 3
  'tenancy: { column: tenant_id, guc: app.current_tenant_id, tenants_table: public.tenants, app_role: app_rw }',
  'phases:',                                                        // 5
  '  - { id: a, name: A, prerequisites: [] }',                      // 6
  '  - id: b',                                                      // 7
  '    name: B',                                                    // 8
  '    prerequisites: [a]',                                         // 9
  'elements:',                                                      // 10
  '  - { type: column, object: public.t.c, invariant: auth_critical, phases: [a] }', // 11
  '  - type: index',                                                // 12
  '    object: public.t.idx_t_c',                                   // 13
  '    severity: HIGH',                                             // 14
  '    phases: [b]',                                                // 15
  '',
].join('\n');

function withLine(n: number, text: string): string {
  const lines = BASE.split('\n');
  lines[n - 1] = text;
  return lines.join('\n');
}

function errorOf(text: string): InputError {
  try {
    parseSpec(text, SRC);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseSpec: valid overlays', () => {
  it('maps snake_case YAML onto Spec and records element lines', () => {
    const spec = parseSpec(BASE, SRC);
    expect(spec.tenancy).toEqual({ column: 'tenant_id', guc: 'app.current_tenant_id', tenantsTable: 'public.tenants', appRole: 'app_rw' });
    expect(spec.phases.map((p) => [p.id, p.prerequisites, p.regression, p.smoke, p.allowDegraded])).toEqual([
      ['a', [], [], [], false],
      ['b', ['a'], [], [], false],
    ]);
    expect(spec.elements.map((e) => [e.type, e.object, e.line])).toEqual([
      ['column', 'public.t.c', 11],
      ['index', 'public.t.idx_t_c', 12],
    ]);
    expect(spec.elements[1].severity).toBe('HIGH');
    expect(spec.source).toBe(SRC);
  });

  it('fills documented defaults when defaults, invariants and tenancy are omitted', () => {
    const spec = parseSpec('name: X\nphases: []\nelements: []\n', SRC);
    expect(spec).toMatchObject({ defaults: { untagged: 'MEDIUM', extra: 'LOW' }, invariants: {}, tenancy: null });
  });

  it('parses schema/canonical_schema.yaml: 8 phases, every element line points at its entry', () => {
    const spec = parseSpec(overlayText, 'schema/canonical_schema.yaml');
    expect(spec.phases.map((p) => p.id)).toEqual(['b0.3', 'b0.4', 'b1.2', 'b0.5', 'b2.2', 'b2.1', 'b2.3', 'b2.4']);
    expect(spec.phases.find((p) => p.id === 'b2.1')?.allowDegraded).toBe(true);
    const lines = overlayText.split('\n');
    for (const el of spec.elements) expect(lines[el.line! - 1]).toContain(el.object);
  });

  it('tags only objects that schema/canonical_schema.sql creates', () => {
    const spec = parseSpec(overlayText, 'schema/canonical_schema.yaml');
    const sql = canonicalSql.toLowerCase();
    for (const el of spec.elements) {
      const last = el.object.replace(/\(.*\)$/, '').split(/[.:]/);
      const name = el.type === 'privilege' ? last[1] : last[last.length - 1];
      expect(sql, `${el.type} ${el.object}`).toContain(name.toLowerCase());
    }
  });
});

describe('parseSpec: every problem is an InputError at its line and column', () => {
  const cases: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
    { name: 'empty text', text: '  \n\n', line: 1, column: 1, message: /empty/ },
    { name: 'YAML syntax error', text: withLine(8, '    name: [B'), line: 9, column: 5, message: /invalid YAML/ },
    { name: 'duplicate mapping key', text: withLine(3, 'name: again'), line: 3, column: 1, message: /invalid YAML: duplicated mapping key/ },
    { name: 'root is not a mapping', text: '- a\n- b\n', line: 1, column: 1, message: /overlay: must be object/ },
    { name: 'unknown property (reported before the missing one it replaces)', text: withLine(8, '    title: B'), line: 8, column: 5, message: /phases\[1\]: unknown property 'title' \(1 more problem in the overlay\)/ },
    { name: 'missing required name of a phase', text: withLine(6, '  - { id: a, prerequisites: [] }'), line: 6, column: 5, message: /phases\[0\]: missing required property 'name'/ },
    { name: 'bad severity', text: withLine(14, '    severity: CRITICAL'), line: 14, column: 15, message: /elements\[1\]\.severity: must be one of "BLOCKING", "HIGH", "MEDIUM", "LOW"/ },
    { name: 'bad invariant severity', text: withLine(2, 'invariants: { auth_critical: BLOCKER }'), line: 2, column: 30, message: /invariants\.auth_critical: must be one of/ },
    { name: 'bad element type', text: withLine(12, '  - type: indx'), line: 12, column: 11, message: /elements\[1\]\.type: must be one of/ },
    { name: 'unknown key in tenancy', text: withLine(4, 'tenancy: { column: tenant_id, guc: app.current_tenant_id, role: x }'), line: 4, column: 59, message: /tenancy: unknown property 'role'/ },
    { name: 'wrong scalar type', text: withLine(15, '    phases: b'), line: 15, column: 13, message: /elements\[1\]\.phases: must be array/ },
    { name: 'unknown phase in element', text: withLine(15, '    phases: [b, c]'), line: 15, column: 17, message: /unknown phase 'c' \(known: a, b\)/ },
    { name: 'unknown prerequisite', text: withLine(9, '    prerequisites: [a, z]'), line: 9, column: 24, message: /phase 'b': unknown phase 'z' in prerequisites/ },
    { name: 'prerequisite cycle', text: withLine(6, '  - { id: a, name: A, prerequisites: [b] }'), line: 9, column: 21, message: /phase 'b': prerequisite cycle a → b → a/ },
    { name: 'self prerequisite', text: withLine(9, '    prerequisites: [b]'), line: 9, column: 21, message: /prerequisite cycle b → b/ },
    { name: 'duplicate phase id', text: withLine(7, '  - id: a'), line: 7, column: 9, message: /duplicate phase id 'a' \(first defined at line 6\)/ },
    { name: 'duplicate element identity', text: withLine(13, '    object: public.t.c').replace('type: index', 'type: column'), line: 13, column: 13, message: /duplicate element: column 'public.t.c' is already tagged at line 11/ },
    { name: 'identity of the wrong shape', text: withLine(13, '    object: public.idx_t_c'), line: 13, column: 13, message: /index identity looks like/ },
    { name: 'unknown invariant', text: withLine(11, '  - { type: column, object: public.t.c, invariant: auth_critcal, phases: [a] }'), line: 11, column: 52, message: /unknown invariant 'auth_critcal'/ },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const err = errorOf(c.text);
      expect(err.message).toMatch(c.message);
      expect(err.location).toEqual({ source: SRC, line: c.line, column: c.column });
      expect(String(err)).toMatch(new RegExp(`^${SRC}:${c.line}:${c.column}: `));
    });
  }

  it('keeps the YAML error as cause', () => {
    expect(errorOf(withLine(8, '    name: [B')).cause).toBeDefined();
  });
});
