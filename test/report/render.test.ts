import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport, toGateStatus, toJson, toJunit, toMarkdown, toSarif } from '../../src/core/report';
import { definitionIndex } from '../../src/core/load/locate';
import { locateDivergences } from '../../src/core/report/locate';
import type { LoadSummary, Report } from '../../src/core/report/types';
import { div, rls, rlsTest, smoke, smokeTest, spec } from '../gates/fixtures';

const load = (errors: LoadSummary['errors'] = []): LoadSummary => ({ statements: 10, executed: 10 - errors.length, errors, notes: [], ms: 5 });
const hash = 'a'.repeat(64);

function report(over: Partial<Parameters<typeof buildReport>[0]> = {}): Report {
  return buildReport({
    spec: spec(), phase: 'all',
    divergences: [
      { ...div('BLOCKING', 'public.tenants.api_key_hash', ['b0.3', 'b1.2']), line: 12 },
      div('HIGH', 'public.alloc.confidence_score', ['b2.1']),
      { ...div('LOW', 'public.x', [], 'extra', 'table'), message: 'evil <img src=x onerror=alert(1)> | `code`' },
    ],
    load: { canonical: load(), dump: load([{ line: 7, column: 1, sqlstate: '42P01', message: 'relation "nope" does not exist', statement: 'ALTER TABLE nope | x' }]) },
    rls: rls(rlsTest('public.events', 'cross_tenant_invisible', 'failed')), smoke: smoke(smokeTest('b03_api_key', 'b0.3', 'passed')),
    inputs: [{ role: 'canonical_sql', name: 'schema/canonical_schema.sql', sha256: hash, bytes: 1 }, { role: 'dump', name: 'dumps/legacy.sql', sha256: hash, bytes: 2 }],
    toolVersion: '0.1.0', generatedAt: new Date('2025-11-15T10:45:00.000Z'), timings: { total: 1 },
    ...over,
  });
}

describe('report', () => {
  it('exit code, verdict and summary follow the divergences in scope', () => {
    const r = report({ load: { canonical: load(), dump: load() } });
    expect(r.exit_code).toBe(1);
    expect(r.verdict).toBe('FAIL');
    expect(r.incomplete).toBeUndefined();
    expect(r.summary).toEqual({ blocking: 1, high: 1, medium: 0, low: 1 });
    const clean = report({ divergences: [div('HIGH', 'public.alloc.confidence_score', ['b2.1'])], rls: null, smoke: null, load: { canonical: load(), dump: load() } });
    expect([clean.exit_code, clean.verdict]).toEqual([2, 'WARN_PASS']);
  });

  it('an input that did not fully load is INCOMPLETE (exit 3), naming its first error; divergences stay, marked partial', () => {
    const r = report();
    expect([r.exit_code, r.verdict]).toEqual([3, 'INCOMPLETE']);
    expect(r.incomplete).toEqual({ input: 'dump', source: 'dumps/legacy.sql', line: 7, column: 1, sqlstate: '42P01', message: 'relation "nope" does not exist', errors: 1 });
    expect(r.divergences).toHaveLength(3);
    expect(toMarkdown(r)).toContain('The dump could not be fully used:** 1 statement failed to load; the first at dumps/legacy.sql:7:1');
    expect(toJunit(r)).toContain('<testsuite name="input" tests="1" failures="0" errors="1"');
    // The canonical's own errors come first: a comparison against a partial canonical is partial too.
    const err = { line: 3, column: 5, sqlstate: '42601', message: 'syntax error at or near ";"', statement: 'CREATE TABLE t (;' };
    const both = report({ load: { canonical: load([err]), dump: load([err]) } });
    expect(both.incomplete).toMatchObject({ input: 'canonical', source: 'schema/canonical_schema.sql', line: 3, column: 5, errors: 2 });
  });

  it('JSON: stable key order, 2-space indent, valid against schema/report.schema.json', () => {
    const r = report();
    const text = toJson(r);
    expect(text).toBe(toJson(JSON.parse(text) as Report));
    expect(text.startsWith('{\n  "report_version": "1.2.0",\n  "tool": {')).toBe(true);
    // Shuffled input keys render identically.
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as unknown as Report;
    expect(toJson(shuffled)).toBe(text);
    const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    // And the schema can fail.
    expect(validate({ ...JSON.parse(text), exit_code: 5 })).toBe(false);
    expect(validate({ ...JSON.parse(text), incomplete: { input: 'dump' } })).toBe(false);
  });

  it('GATE_STATUS.md in the seed 000 §10.1 format', () => {
    const r = report({ rls: null, smoke: null, load: { canonical: load(), dump: load() } });
    const text = toGateStatus(r);
    expect(text.split('\n').slice(0, 8)).toEqual([
      '# Schema Compliance Gate Status',
      '',
      'Last Updated: 2025-11-15 10:45:00',
      '',
      '| Phase | Status | Last Validated | Exit Code | Divergences (B/H/M/L) | Next Action |',
      '|-------|--------|----------------|-----------|---------------------|-------------|',
      '| B0.3 | ❌ BLOCKED | 2025-11-15 | 1 | 1/0/0/0 | Apply corrective migrations to resolve all BLOCKING issues |',
      '| B0.4 | ⏸️ WAITING | N/A | N/A | N/A | B0.3 must pass first |',
    ]);
    const ok = toGateStatus(report({ divergences: [div('HIGH', 'public.alloc.confidence_score', ['b2.1'])], rls: null, smoke: null, load: { canonical: load(), dump: load() } }));
    expect(ok).toContain('| B0.3 | ✅ PASS | 2025-11-15 | 0 | 0/0/0/0 | Proceed to B0.4, B1.2, B2.1 |');
    expect(ok).toContain('| B2.1 | ⚠️ WARN_PASS | 2025-11-15 | 2 | 0/1/0/0 | Document HIGH severity gaps and plan remediation |');
  });

  it('INCOMPLETE: every gate says the input could not be fully used, in every format; what loaded is kept as partial', () => {
    const r = report({ rls: null, smoke: null });
    expect(new Set(Object.values(r.phases).map((g) => g.status))).toEqual(new Set(['INCOMPLETE']));
    const b03 = r.phases['b0.3'];
    expect(b03).toMatchObject({ exit_code: 3, partial: { status: 'FAIL', exit_code: 1 }, blocking_items: [expect.stringContaining('api_key_hash')] });
    expect(b03.reason).toMatch(/^the dump could not be fully used \(1 statement failed to load, the first at dumps\/legacy\.sql:7:1: 42P01 relation "nope" does not exist\); on what loaded this gate would be FAIL: /);
    expect(r.phases['b0.4'].partial?.status).toBe('WAITING');
    const gs = toGateStatus(r).split('\n');
    expect(gs).toContain('| B0.3 | ⛔ INCOMPLETE: input could not be fully used | 2025-11-15 | 3 | 1/0/0/0 | Fix the load error at dumps/legacy.sql:7:1 (see the Load section), then check again |');
    expect(gs.some((l) => /BLOCKED|PASS \|/.test(l))).toBe(false);
    const md = toMarkdown(r);
    expect(md).toContain('- **B0.3** INCOMPLETE: the dump could not be fully used');
    expect(md).not.toMatch(/❌ BLOCKED|✅ PASS/);
    const junit = toJunit(r);
    expect(junit).toMatch(/<testcase name="gate B0\.3" classname="gates\.b0\.3">\n\s+<error message="the dump could not be fully used/);
    expect(junit).not.toContain('type="FAIL"');
  });

  it('Markdown: the seed tables, and user content never becomes HTML or breaks a table', () => {
    const md = toMarkdown(report());
    expect(md).toContain('| BLOCKING | HIGH | MEDIUM | LOW |');
    expect(md).toContain('| Phase | Status | Last Validated | Exit Code | Divergences (B/H/M/L) | Next Action |');
    expect(md).toContain('| 7:1 | 42P01 |');
    expect(md).not.toMatch(/<img/);
    for (const line of md.split('\n').filter((l) => l.startsWith('| 7:1'))) expect(line.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('Markdown: the RLS identity, seeding as the principal and every row that could not be seeded, with why', () => {
    const section = rls(rlsTest('public.notes', 'own_rows_visible', 'inconclusive'));
    section.dump = {
      identity: 'inferred: JWT claims sub via auth.uid()',
      principals: [
        { key: 'a', value: 'aaaa', role: 'probe', session: ["SELECT set_config('request.jwt.claims', '{}', false)"], world: [
          { table: 'auth.users', sql: '(own row)', error: null },
          { table: 'public.notes', sql: 'INSERT INTO public.notes DEFAULT VALUES', error: 'insert into public.notes failed: null value in column "title" | <b>' },
        ] },
        { key: 'b', value: 'bbbb', role: 'probe', world: [] },
      ],
    };
    const md = toMarkdown(report({ rls: section }));
    expect(md).toContain('Identity on the dump: inferred: JWT claims sub via auth.uid(). Worlds were seeded acting as each principal');
    expect(md).toContain('| Side | Principal | Table | Why |');
    const row = md.split('\n').find((l) => l.startsWith('| dump | a | public.notes |'))!;
    expect(row).toContain('null value in column');
    expect(row.split(/(?<!\\)\|/).length).toBe(6);
    expect(md).not.toMatch(/<b>/);
    expect(toMarkdown(report())).not.toContain('Identity on the');
  });

  it('SARIF 2.1.0: one result per divergence and per failed behaviour test, located in the dump', () => {
    const sarif = JSON.parse(toSarif(report()));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(4);
    const first = run.results[0];
    expect(first).toMatchObject({ ruleId: 'missing', level: 'error' });
    expect(first.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'dumps/legacy.sql', index: 0 }, region: { startLine: 12 } });
    expect(first.locations[0].logicalLocations[0]).toEqual({ fullyQualifiedName: 'public.tenants.api_key_hash', kind: 'column' });
    expect(run.results.map((x: { level: string }) => x.level)).toEqual(['error', 'warning', 'note', 'error']);
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it('JUnit: a suite per phase, rls and smoke; failures counted; XML escaped', () => {
    const xml = toJunit(report({ load: { canonical: load(), dump: load() } }));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="skeldir-schema" tests="\d+" failures="\d+" errors="0">/);
    expect(xml).toContain('<testsuite name="phase B0.3"');
    expect(xml).toContain('<testsuite name="rls" tests="1" failures="1"');
    expect(xml).toContain('<testsuite name="smoke" tests="1" failures="0"');
    expect(xml).toContain('<skipped message="B0.3 must pass first"/>');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;img');
  });
});

describe('locate', () => {
  const dump = [
    'CREATE TABLE public.tenants (', '    id uuid NOT NULL,', '    "API key" character varying(255)', ');', '',
    'ALTER TABLE ONLY public.tenants', '    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);',
    'CREATE UNIQUE INDEX idx_tenants_api ON public.tenants USING btree ("API key");',
    'ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;',
    'CREATE POLICY tenant_isolation_policy ON public.tenants USING (true);',
  ].join('\n');
  it('finds pg_dump-shaped definitions, and falls back to the table for missing objects', () => {
    const idx = definitionIndex(dump);
    expect(idx.get('table|public.tenants')).toBe(1);
    expect(idx.get('column|public.tenants.id')).toBe(2);
    expect(idx.get('column|public.tenants.API key')).toBe(3);
    expect(idx.get('constraint|public.tenants.tenants_pkey')).toBe(7);
    expect(idx.get('index|public.tenants.idx_tenants_api')).toBe(8);
    expect(idx.get('rls|public.tenants')).toBe(9);
    expect(idx.get('policy|public.tenants.tenant_isolation_policy')).toBe(10);
    const [missingCol, elsewhere] = locateDivergences([div('BLOCKING', 'public.tenants.api_key_hash', []), div('LOW', 'public.nowhere.c', [])], dump);
    expect(missingCol.line).toBe(1);
    expect(elsewhere.line).toBeUndefined();
  });
});
