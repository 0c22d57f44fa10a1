/**
 * `skeldir-schema fix` in-process: Skeldir's legacy_head.sql (the three seed-004 drifts) gets
 * a script the whole check proves (exit 0, verdict PASS), its down script, an Alembic revision
 * that parses as Python; a kind the fixer cannot convert is listed and exits 1; bad input 3.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const tmp = mkdtempSync(join(tmpdir(), 'skeldir-fix-cli-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('skeldir-schema fix', () => {
  it('legacy_head.sql → verified (whole check PASS), down verified, Alembic revision parses', async () => {
    const out = join(tmp, 'fix.sql');
    const down = join(tmp, 'down.sql');
    const rev = join(tmp, 'rev.py');
    const sarifPath = join(tmp, 'fix.sarif');
    const r = await run('fix', '--dump', 'schema/samples/legacy_head.sql', '--output', out, '--down', down, '--alembic', rev, '--sarif', sarifPath, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/verified: the dump plus this script passes the whole check \(verdict PASS/);
    const sql = readFileSync(out, 'utf8');
    expect(sql).toMatch(/^SET lock_timeout = '5s';$/m);
    expect(sql).toMatch(/^SET statement_timeout = '15min';$/m);
    // SCHEMA-DRIFT-003: a rename, said why, with drop/add offered.
    expect(sql).toMatch(/-- the diff suspects a rename[^\n]*\nALTER TABLE public\.attribution_allocations RENAME COLUMN channel_code TO channel;/);
    expect(sql).toContain('--     ALTER TABLE public.attribution_allocations DROP COLUMN channel_code;');
    // SCHEMA-DRIFT-001 and -002.
    expect(sql).toContain('CREATE INDEX idx_allocations_channel_performance ON public.attribution_allocations USING btree (tenant_id, channel, created_at DESC) INCLUDE (allocated_revenue_cents, confidence_score);');
    expect(sql).toMatch(/ADD CONSTRAINT ck_dead_events_remediation_status_valid CHECK [^\n]*'abandoned'[^\n]* NOT VALID;/);
    expect(sql).toContain('ALTER TABLE public.dead_events VALIDATE CONSTRAINT ck_dead_events_remediation_status_valid;');
    // The destructive statement carries the unsigned waiver; every statement's hazards sit under it.
    expect(sql).toMatch(/^DROP TABLE public\.channel_taxonomy; -- CI:DESTRUCTIVE_OK: <reason>\n--   hazard DELETES_DATA: /m);
    expect(readFileSync(down, 'utf8')).toMatch(/RENAME COLUMN channel TO channel_code;/);
    const py = readFileSync(rev, 'utf8');
    expect(py).toMatch(/^def upgrade\(\) -> None:$/m);
    expect(py).toMatch(/^def downgrade\(\) -> None:$/m);
    expect(py).toMatch(/op\.execute\(r"""\n\s+DROP TABLE public\.channel_taxonomy;\n\s+"""\)  # CI:DESTRUCTIVE_OK: <reason>/);
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', rev]);
    // SARIF: the index drift's result carries its CREATE INDEX as a fix; rules link their docs page.
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    const results = sarif.runs[0].results as { partialFingerprints: Record<string, string>; fixes?: { description: { text: string } }[] }[];
    const idx = results.find((x) => x.partialFingerprints['skeldirDivergenceId/v1'] === 'missing:index:public.attribution_allocations.idx_allocations_channel_performance');
    expect(idx?.fixes?.[0].description.text).toContain('CREATE INDEX idx_allocations_channel_performance ON public.attribution_allocations');
    expect(sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'missing').helpUri).toBe('docs/rules/missing.md');
  }, 300_000);

  it('--format json carries the plan with typed hazards and the verification', async () => {
    const out = join(tmp, 'fix.json');
    const r = await run('fix', '--dump', 'fixtures/fix/unique_under_fk/dump.sql', '--canonical', 'fixtures/fix/unique_under_fk/canonical.sql', '--no-spec', '--format', 'json', '--output', out, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.verification.status).toBe('verified');
    const sqls: string[] = j.plan.statements.map((s: { sql: string }) => s.sql);
    // The FK depends on the unique index (pg_depend): dropped before it, added back after the new index.
    const dropFk = sqls.findIndex((s) => /DROP CONSTRAINT prices_currency_fkey/.test(s));
    const dropKey = sqls.findIndex((s) => /DROP CONSTRAINT currencies_code_key/.test(s));
    const makeKey = sqls.findIndex((s) => /CREATE UNIQUE INDEX currencies_code_key/.test(s));
    const addFk = sqls.findIndex((s) => /ADD CONSTRAINT prices_currency_fkey/.test(s));
    expect([dropFk, dropKey, makeKey, addFk].every((i) => i >= 0)).toBe(true);
    expect(dropFk < dropKey && dropKey < makeKey && makeKey < addFk).toBe(true);
    expect(j.plan.statements.every((s: { hazards: unknown[] }) => Array.isArray(s.hazards))).toBe(true);
  }, 300_000);

  it('a table that must become partitioned is listed as not fixed: exit 1', async () => {
    const canon = join(tmp, 'part-canonical.sql');
    const dump = join(tmp, 'part-dump.sql');
    writeFileSync(canon, 'CREATE TABLE public.t (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);\n');
    writeFileSync(dump, 'CREATE TABLE public.t (id integer NOT NULL, at date NOT NULL);\n');
    const r = await run('fix', '--dump', dump, '--canonical', canon, '--no-spec', '--output', join(tmp, 'p.sql'), '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not fixed: definition_mismatch:table:public\.t: public\.t must be partitioned by RANGE \(at\)/);
    expect(r.stderr).toMatch(/remains: \w+ definition_mismatch:table:public\.t/);
    expect(readFileSync(join(tmp, 'p.sql'), 'utf8')).toMatch(/^-- NOT FIXED: definition_mismatch:table:public\.t: /m);
  }, 300_000);

  it.each([
    [['fix'], /fix needs --dump FILE/],
    [['fix', '--dump', 'x.sql', '--format', 'yaml'], /unknown --format 'yaml'/],
    [['fix', '--dump', 'nope/missing.sql'], /nope\/missing\.sql: cannot read file: no such file/],
    [['fix', '--dump', 'x.sql', '--lock-timeout', 'soon'], /--lock-timeout: 'soon' is not a Postgres duration/],
  ])('bad input %j → exit 3', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
  });
});
