/**
 * The CLI in-process (main(argv, io)) for exit codes and outputs, plus the built bin once
 * (npm run build:cli) for the real process contract: exit 3 with one line, no stack trace.
 */
import Ajv from 'ajv';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { toGateStatus, toMarkdown, toSarif } from '../../src/core/report';
import type { Report } from '../../src/core/report/types';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'skeldir-cli-test-'));
const CLEAN = 'fixtures/drift/clean/dump.sql';
const DRIFT = 'fixtures/drift/dropped_not_null/dump.sql';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('cli: arguments and unusable input → exit 3, one line', () => {
  const cases: { name: string; argv: string[]; stderr: RegExp }[] = [
    { name: 'unknown command', argv: ['frobnicate'], stderr: /^skeldir-schema: unknown command 'frobnicate'/ },
    { name: 'check without --dump', argv: ['check'], stderr: /check needs --dump FILE/ },
    { name: 'unknown option', argv: ['check', '--dump', CLEAN, '--bogus'], stderr: /Unknown option '--bogus'/ },
    { name: 'bad format', argv: ['check', '--dump', CLEAN, '--format', 'xml'], stderr: /unknown --format 'xml'/ },
    { name: 'missing dump file', argv: ['check', '--dump', 'nope/missing.sql'], stderr: /^nope\/missing\.sql: cannot read file: no such file/ },
    { name: 'unknown phase', argv: ['check', '--dump', CLEAN, '--phase', 'b9.9'], stderr: /^--phase: unknown phase 'b9.9'; known phases: b0.3/ },
    { name: '--spec with --no-spec', argv: ['check', '--dump', CLEAN, '--spec', 'x.yaml', '--no-spec'], stderr: /exclude each other/ },
  ];
  it.each(cases)('$name', async (c) => {
    const r = await run(...c.argv);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(c.stderr);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('broken YAML → exit 3 with file:line:col', async () => {
    const bad = join(tmp, 'broken.yaml');
    writeFileSync(bad, 'name: x\nphases:\n  - id: b0.3\n   name: misindented\n');
    const r = await run('check', '--dump', CLEAN, '--spec', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: .+\\n$`));
  });

  it('binary dump → exit 3', async () => {
    const bin = join(tmp, 'binary.sql');
    writeFileSync(bin, Buffer.from([0x50, 0x47, 0x44, 0x4d, 0x50, 0, 1, 2, 3, 0, 0, 0xff]));
    const r = await run('check', '--dump', bin, '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help and --version exit 0', async () => {
    expect((await run('--help')).stdout).toContain('skeldir-schema check --dump FILE');
    expect((await run('--version')).stdout).toMatch(/^skeldir-schema \d+\.\d+\.\d+\n$/);
  });
});

describe('cli: check', () => {
  it('drifted dump → exit 1; several dumps → one report each, worst exit code', async () => {
    const out = join(tmp, 'two.json');
    const r = await run('check', '--dump', CLEAN, '--dump', DRIFT, '--no-behaviour', '--output', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${DRIFT}: FAIL (exit 1): 1 BLOCKING`);
    const reports = JSON.parse(readFileSync(out, 'utf8'));
    expect(reports.map((x: { exit_code: number }) => x.exit_code)).toEqual([0, 1]);
    expect(reports[1].divergences[0]).toMatchObject({ kind: 'nullability_mismatch', object: 'public.attribution_events.session_id', severity: 'BLOCKING' });
  });

  it('--format sarif parses as SARIF 2.1.0 with a located result', async () => {
    const r = await run('check', '--dump', DRIFT, '--no-behaviour', '--quiet', '--format', 'sarif');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(''); // --quiet
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [res] = sarif.runs[0].results;
    expect(res).toMatchObject({ ruleId: 'nullability_mismatch', level: 'error' });
    const loc = res.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe(DRIFT);
    const line = readFileSync(join(ROOT, DRIFT), 'utf8').split('\n')[loc.region.startLine - 1];
    expect(line).toMatch(/^\s+session_id uuid/);
  });

  it('--format gate-status and --phase: B0.3 blocked, dependants waiting', async () => {
    const r = await run('check', '--dump', DRIFT, '--no-behaviour', '--quiet', '--format', 'gate-status', '--phase', 'b0.4');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# Schema Compliance Gate Status\n\nLast Updated: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n/);
    expect(r.stdout).toMatch(/\| B0\.3 \| ❌ BLOCKED \| \d{4}-\d{2}-\d{2} \| 1 \| 1\/0\/0\/0 \| Apply corrective migrations/);
    // B0.4 is the phase being gated: its prerequisite's failure is a regression (FAIL), not WAITING.
    expect(r.stdout).toMatch(/\| B0\.4 \| ❌ BLOCKED \| \d{4}-\d{2}-\d{2} \| 1 \| \d+\/0\/0\/0 \| Fix the regression in B0\.3 before proceeding \|/);
    expect(r.stdout.trim().split('\n')).toHaveLength(8); // title, blank, date, blank, 2 header lines, B0.3, B0.4: scope is B0.3 + B0.4
  });

  it('--no-spec: generic comparison, no phases, severities by what changed', async () => {
    const r = await run('check', '--dump', DRIFT, '--no-spec', '--quiet');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.phases).toEqual({});
    // With no overlay a lost NOT NULL is HIGH (spec/defaults.ts reviewerSeverity): exit 2.
    expect(report.divergences.map((d) => [d.kind, d.severity])).toEqual([['nullability_mismatch', 'HIGH']]);
    expect(r.code).toBe(2);
  });
});

describe('cli: any schema (--canonical without --spec), incomplete input', () => {
  const OTHER = 'fixtures/load/pg15-schema-only/dump.sql';
  const BROKEN = 'fixtures/load/broken-paren/dump.sql';

  it('an identical pair of another schema is PASS, exit 0, with no overlay, smoke tests or seeds', async () => {
    const r = await run('check', '--canonical', OTHER, '--dump', OTHER);
    const report = JSON.parse(r.stdout) as Report;
    expect(r.stderr).toContain('(no overlay)');
    expect(report.verdict).toBe('PASS');
    expect(report.divergences).toEqual([]);
    expect(report.smoke).toBeNull();
    // No overlay: RLS runs with the canonical as the oracle, and the identical pair shows no difference.
    expect(report.rls?.mode).toBe('oracle');
    expect(report.rls?.tests.filter((t) => t.outcome === 'failed')).toEqual([]);
    expect(report.inputs.map((i) => i.role)).toEqual(['canonical_sql', 'dump']);
    expect(r.code).toBe(0);
  }, 300_000);

  it('a dump that did not fully load is INCOMPLETE (exit 3), names its first error, keeps the partial divergences', async () => {
    const r = await run('check', '--canonical', OTHER, '--dump', BROKEN);
    const report = JSON.parse(r.stdout) as Report;
    expect(r.code).toBe(3);
    expect(report.exit_code).toBe(3);
    expect(report.verdict).toBe('INCOMPLETE');
    expect(report.incomplete).toMatchObject({ input: 'dump', source: BROKEN, line: 211, column: 1, sqlstate: '42601' });
    expect(r.stderr).toContain(`${BROKEN}:211:1: dump could not be fully used`);
    // Recovery: only app.accounts (and what hangs on it) is missing, not every later table.
    const missingTables = report.divergences.filter((d) => d.kind === 'missing' && d.object_type === 'table').map((d) => d.object);
    expect(missingTables).toEqual(['app.accounts']);
    expect(toMarkdown(report)).toContain('**partial**');
  }, 300_000);

  it('an empty --canonical is an empty schema: everything in the dump is extra', async () => {
    const empty = join(tmp, 'empty.sql');
    writeFileSync(empty, '-- nothing here yet\n');
    const r = await run('check', '--canonical', empty, '--dump', CLEAN, '--quiet');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.divergences.length).toBeGreaterThan(0);
    expect(report.divergences.every((d) => d.kind === 'extra' && d.severity === 'LOW')).toBe(true);
    expect(r.code).toBe(0);
    // …but an empty dump is still unusable input.
    const r2 = await run('check', '--canonical', empty, '--dump', empty, '--quiet');
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/empty\.sql:1:1: input has only comments/);
  }, 300_000);

  it('an overlay naming objects its canonical lacks is exit 3, listing them', async () => {
    const r = await run('check', '--canonical', OTHER, '--dump', OTHER, '--spec', 'schema/canonical_schema.yaml', '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^schema\/canonical_schema\.yaml:\d+:1: the overlay names \d+ objects absent from the canonical schema \S+: table public\.revenue_state_transitions \(line \d+\); column public\.tenants\.api_key_hash/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 300_000);
});

describe('cli: the real pg_dump samples (schema/samples)', () => {
  const BASELINE = 'schema/samples/reconciled_baseline.sql';
  const LEGACY = 'schema/samples/legacy_head.sql';
  let r: Awaited<ReturnType<typeof run>>;
  let baseline: Report;
  let legacy: Report;
  // One run, both dumps, behaviour checks on: the canonical side is booted once.
  beforeAll(async () => {
    const out = join(tmp, 'samples.json');
    r = await run('check', '--dump', BASELINE, '--dump', LEGACY, '--output', out);
    [baseline, legacy] = JSON.parse(readFileSync(out, 'utf8')) as Report[];
  }, 120_000);

  it('reconciled_baseline.sql → exit 0: no divergence, every gate PASS, RLS and smoke all passed', () => {
    expect(r.stderr).toContain(`${BASELINE}: PASS (exit 0)`);
    expect(baseline.exit_code).toBe(0);
    expect(baseline.divergences).toEqual([]);
    expect(Object.values(baseline.phases).every((g) => g.status === 'PASS')).toBe(true);
    expect(baseline.rls!.summary).toMatchObject({ failed: 0, inconclusive: 0 });
    expect(baseline.rls!.summary.passed).toBeGreaterThan(0);
    expect(baseline.smoke!.summary).toMatchObject({ failed: 0, inconclusive: 0 });
    expect(baseline.inputs.map((i) => i.role)).toEqual(['canonical_sql', 'spec_yaml', 'dump']);
  });

  it('both reports are valid against schema/report.schema.json', () => {
    const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')));
    for (const report of [baseline, legacy]) expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('legacy_head.sql → exit 1 with SCHEMA-DRIFT-001/002/003 among the divergences', () => {
    expect(r.code).toBe(1); // worst of the two
    expect(r.stderr).toContain(`${LEGACY}: FAIL (exit 1)`);
    expect(legacy.exit_code).toBe(1);
    const byId = new Map(legacy.divergences.map((d) => [d.id, d]));
    // 001: the composite index is missing.
    expect(byId.get('missing:index:public.attribution_allocations.idx_allocations_channel_performance')).toMatchObject({ severity: 'HIGH' });
    // 002: the CHECK allows 'ignored' instead of 'abandoned'.
    const ck = byId.get('definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid');
    expect(ck).toMatchObject({ severity: 'BLOCKING' });
    expect(ck!.expected).toContain("'abandoned'");
    expect(ck!.actual).toContain("'ignored'");
    // 003: channel renamed to channel_code.
    expect(byId.get('missing:column:public.attribution_allocations.channel')!.message).toMatch(/possibly renamed to channel_code/);
    expect(byId.has('extra:column:public.attribution_allocations.channel_code')).toBe(true);
    expect(legacy.phases['b0.3']).toMatchObject({ status: 'FAIL', blocking_items: [ck!.id] });
  });

  it('the renderings a reviewer reads show the differences', () => {
    const md = toMarkdown(legacy);
    const row = md.split('\n').find((l) => l.includes('ck\\_dead\\_events\\_remediation\\_status\\_valid'))!;
    expect(row).toMatch(/`…[^`]*'abandoned'[^`]*` \| `…[^`]*'ignored'[^`]*`/);
    expect(md).toMatch(/\| missing · column \| public\.attribution\\_allocations\.channel [^|]*\| Missing from the dump \(possibly renamed to channel\\_code\) \|/);
    expect(md).toMatch(/- \*\*B2\.1\*\* WAITING \([^)]*\): not gated yet, but 3 BLOCKING, 1 HIGH divergences and 1 smoke test not passed already found/);
    const sarif = JSON.parse(toSarif(legacy));
    const res = sarif.runs[0].results.find((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['skeldirDivergenceId/v1'] === 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid');
    expect(res.message.text).toMatch(/\nexpected: .*'abandoned'.*\nactual: .*'ignored'/);
    const gate = toGateStatus(legacy);
    expect(gate).toMatch(/\| B0\.3 \| ❌ BLOCKED \| \d{4}-\d{2}-\d{2} \| 1 \| 1\/0\/0\/0 \|/);
    expect(toGateStatus(baseline).match(/✅ PASS/g)).toHaveLength(Object.keys(baseline.phases).length);
  });
});

describe('cli: inventory', () => {
  it('prints the B0.3 inventory', async () => {
    const r = await run('inventory', '--phase', 'B0.3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/43/);
  });
});

describe('cli: built bin', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
  });
  it('exit 3 with one line and no stack trace for unusable input', () => {
    const r = spawnSync(process.execPath, ['bin/skeldir-schema.mjs', 'check', '--dump', 'does/not/exist.sql'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('does/not/exist.sql: cannot read file: no such file\n');
  });
  it('--version', () => {
    const r = spawnSync(process.execPath, ['bin/skeldir-schema.mjs', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^skeldir-schema /);
  });
});
