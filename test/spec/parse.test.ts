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

describe('tenancy.identity: presets, overridden field by field', () => {
  const tenancyOf = (line: string) => parseSpec(withLine(4, line), SRC).tenancy;
  it('preset supabase: JWT claim sub, role authenticated, FORCE not required', () => {
    expect(tenancyOf('tenancy: { column: account_id, identity: { preset: supabase, membership: basejump.account_user.user_id } }')).toEqual({
      column: 'account_id', guc: '', tenantsTable: null, appRole: null, requireForce: false,
      identity: { preset: 'supabase', settings: [], jwtClaims: ['sub'], role: 'authenticated', rolePerTenant: false, ownerColumns: [], membership: 'basejump.account_user.user_id' },
    });
  });
  it('preset guc: the tenancy GUC on the tenancy column; FORCE required', () => {
    const t = tenancyOf('tenancy: { column: tenant_id, guc: app.tenant, identity: { preset: guc, role: app_user } }')!;
    expect(t.requireForce).toBeUndefined();
    expect(t.identity).toEqual({ preset: 'guc', settings: ['app.tenant'], jwtClaims: null, role: 'app_user', rolePerTenant: false, ownerColumns: ['tenant_id'], membership: null });
  });
  it('preset role: each principal its own role, the tenancy column holds role names', () => {
    expect(tenancyOf('tenancy: { column: owner_role, identity: { preset: role } }')!.identity).toMatchObject({ rolePerTenant: true, ownerColumns: ['owner_role'], settings: [], jwtClaims: null });
  });
  it('no preset: exactly what is stated; force: true keeps FORCE required with supabase', () => {
    expect(tenancyOf('tenancy: { column: org_id, force: true, identity: { preset: supabase, jwt_claims: [sub, org_id], settings: [app.user_id], owner_columns: [created_by] } }')).toMatchObject({
      identity: { jwtClaims: ['sub', 'org_id'], settings: ['app.user_id'], ownerColumns: ['created_by'], role: 'authenticated' },
    });
    expect(tenancyOf('tenancy: { column: org_id, force: true, identity: { preset: supabase } }')!.requireForce).toBeUndefined();
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
    { name: 'tenancy without a GUC or an identity', text: withLine(4, 'tenancy: { column: tenant_id }'), line: 4, column: 10, message: /tenancy: missing required property 'guc'.*or an `identity`/ },
    { name: 'unknown identity preset', text: withLine(4, 'tenancy: { column: account_id, identity: { preset: firebase } }'), line: 4, column: 52, message: /tenancy\.identity\.preset: must be one of "guc", "supabase", "role"/ },
    { name: 'unknown key in tenancy.identity', text: withLine(4, 'tenancy: { column: account_id, identity: { preset: supabase, claims: [sub] } }'), line: 4, column: 62, message: /tenancy\.identity: unknown property 'claims'/ },
    { name: 'preset guc without a GUC', text: withLine(4, 'tenancy: { column: tenant_id, identity: { preset: guc } }'), line: 4, column: 51, message: /preset `guc` needs tenancy\.guc/ },
    { name: 'identity with nothing to act with', text: withLine(4, 'tenancy: { column: account_id, identity: { owner_columns: [user_id] } }'), line: 4, column: 42, message: /states nothing to act with/ },
    { name: 'bad setting name in identity', text: withLine(4, 'tenancy: { column: t, identity: { settings: [tenant] } }'), line: 4, column: 46, message: /tenancy\.identity\.settings\[0\]: 'tenant' does not match/ },
    { name: 'membership not schema.table.column', text: withLine(4, 'tenancy: { column: t, identity: { preset: supabase, membership: account_user.user_id } }'), line: 4, column: 65, message: /tenancy\.identity\.membership: 'account_user\.user_id' does not match/ },
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
