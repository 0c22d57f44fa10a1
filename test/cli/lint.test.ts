/** `skeldir-schema lint`: exit codes 0 / 1 / 3, the JSON finding contract, SARIF and --output. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const tmp = mkdtempSync(join(tmpdir(), 'skeldir-lint-test-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('cli lint', () => {
  it('exit 1 on an unwaived destructive statement; JSON findings carry the contract fields', async () => {
    const r = await run('lint', 'fixtures/lint/ban_destructive_statement/invalid.py');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { rule: string }) => x.rule === 'ban_destructive_statement');
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'message', 'file', 'line', 'column', 'help']));
    expect(f).toMatchObject({ severity: 'error', file: 'fixtures/lint/ban_destructive_statement/invalid.py', line: 10, column: 5 });
    expect(report.exit_code).toBe(1);
  });

  it('exit 0 when the destructive statement carries a waiver with a reason (reported as waived)', async () => {
    const r = await run('lint', 'fixtures/lint/ban_destructive_statement/valid.py', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings.find((x: { rule: string }) => x.rule === 'ban_destructive_statement')?.waived).toBe('See ADR-XYZ');
    expect(report.summary.waived).toBe(1);
  });

  it('several files, SARIF to --output; the same input gives the same bytes', async () => {
    const out = join(tmp, 'lint.sarif');
    const files = ['fixtures/lint/require_not_valid/invalid.sql', 'fixtures/lint/ban_hardcoded_credentials/invalid.sql'];
    const r = await run('lint', ...files, '--format', 'sarif', '--output', out);
    expect(r.code).toBe(1);
    const first = readFileSync(out, 'utf8');
    const log = JSON.parse(first);
    expect(log.version).toBe('2.1.0');
    expect(new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(files));
    await run('lint', ...files, '--format', 'sarif', '--output', out);
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('overlay severities apply: turning a rule off removes its findings', async () => {
    const spec = join(tmp, 'overlay.yaml');
    writeFileSync(spec, 'name: t\nphases: []\nelements: []\nlint:\n  rules: { ban_destructive_statement: off, require_lock_timeout: off }\n');
    const r = await run('lint', 'fixtures/lint/ban_destructive_statement/invalid.sql', '--spec', spec);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'ban_destructive_statement')).toEqual([]);
  });

  const bad: [string, string[], RegExp][] = [
    ['no file', ['lint'], /needs at least one FILE/],
    ['missing file', ['lint', 'nope.sql'], /^nope\.sql: cannot read file: no such file/],
    ['bad format', ['lint', 'fixtures/lint/syntax_error/valid.sql', '--format', 'xml'], /unknown --format 'xml'/],
    ['unknown rule in overlay', ['lint', 'fixtures/lint/syntax_error/valid.sql', '--spec', 'UNKNOWN_RULE'], /unknown lint rule 'no_such_rule'/],
  ];
  it.each(bad)('exit 3: %s', async (_name, argv, message) => {
    if (argv.includes('UNKNOWN_RULE')) {
      const spec = join(tmp, 'bad.yaml');
      writeFileSync(spec, 'name: t\nphases: []\nelements: []\nlint:\n  rules:\n    no_such_rule: error\n');
      argv = argv.map((a) => (a === 'UNKNOWN_RULE' ? spec : a));
    }
    const r = await run(...argv);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exit 3 on binary input, naming the file', async () => {
    const bin = join(tmp, 'blob.sql');
    writeFileSync(bin, Buffer.from([0x53, 0x45, 0x4c, 0x00, 0x01]));
    const r = await run('lint', bin);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/blob\.sql:1:\d+: binary data/);
  });
});

describe('cli reversibility', () => {
  it('exit 3 without --base / --up / --down, one line', async () => {
    for (const argv of [['reversibility'], ['reversibility', '--base', 'x.sql'], ['reversibility', '--base', 'nope.sql', '--up', 'a', '--down', 'b']]) {
      const r = await run(...argv);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an unfaithful downgrade: exit 1, the residual named in the JSON', async () => {
    const d = 'fixtures/reversibility/forgotten_index';
    const r = await run('reversibility', '--base', `${d}/base.sql`, '--up', `${d}/up.sql`, '--down', `${d}/down.sql`, '--no-spec', '--quiet');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('unfaithful');
    expect(report.residuals.map((x: { object: string }) => x.object)).toContain('public.dead_events.idx_dead_events_error_type');
    expect(r.stderr).toMatch(/UNFAITHFUL \(exit 1\)/);
  }, 240_000);
});
