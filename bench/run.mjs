/**
 * `npm run bench`: the engine benchmark, then the other areas' benches when present
 * (bench/rls.mjs, bench/browser.mjs, bench/erd.mjs).
 *
 * Engine: for N = 100, 400, 1000 tables (bench/generate.mjs) it measures a full check of the
 * schema against itself — load canonical, introspect, load dump, introspect, compare — in a
 * fresh process per run (median of RUNS runs; peak RSS of the process), next to Debian's
 * PostgreSQL applying the same SQL with psql into two fresh databases (the issue's target: a
 * full check within 1.5× of PostgreSQL applying the schema twice, growing linearly).
 *
 * Env: BENCH_SIZES=100,400,1000  BENCH_RUNS=3  BENCH_SKIP_BUILD=1
 * Writes bench/results/engine.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSchema } from './generate.mjs';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,400,1000').split(',').map(Number);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function build() {
  if (process.env.BENCH_SKIP_BUILD && existsSync(join(ROOT, 'dist', 'cli', 'skeldir-schema.mjs'))) return;
  process.stderr.write('building the CLI (npm run build:cli)…\n');
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function engineRun(file) {
  const r = spawnSync(process.execPath, [join(HERE, 'engine-child.mjs'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`engine run failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** psql as the postgres OS user when we are root (Debian's peer auth), else as ourselves. */
function psql(args) {
  const cmd = process.getuid?.() === 0 ? ['su', ['postgres', '-c', ['psql', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')]] : ['psql', args];
  return spawnSync(cmd[0], cmd[1], { encoding: 'utf8' });
}

function postgresAvailable() {
  const r = psql(['-X', '-q', '-At', '-d', 'postgres', '-c', 'select version()']);
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Wall time of `psql -f file` into a fresh database (create/drop not timed). */
function pgApply(file, db) {
  psql(['-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
  const c = psql(['-X', '-q', '-d', 'postgres', '-c', `CREATE DATABASE ${db}`]);
  if (c.status !== 0) throw new Error(`createdb ${db}: ${c.stderr}`);
  const t0 = performance.now();
  const r = psql(['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file]);
  const ms = performance.now() - t0;
  psql(['-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
  if (r.status !== 0) throw new Error(`psql apply failed: ${r.stderr}`);
  return ms;
}

function engineBench() {
  build();
  const loadBefore = loadavg()[0];
  const cores = availableParallelism();
  if (loadBefore > cores) console.log(`WARNING: load average ${loadBefore.toFixed(1)} on ${cores} cores: timings will be inflated and noisy`);
  const pgVersion = postgresAvailable();
  if (!pgVersion) console.log('PostgreSQL not available — comparison skipped');
  const rows = [];
  for (const n of SIZES) {
    const file = join(tmpdir(), `skeldir-bench-${n}.sql`);
    writeFileSync(file, generateSchema(n));
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`engine N=${n} run ${i + 1}/${RUNS}…\n`);
      runs.push(engineRun(file));
    }
    const bad = runs.find((r) => r.exit_code !== 0 || r.divergences !== 0 || r.load_errors !== 0);
    if (bad) throw new Error(`N=${n}: the schema checked against itself must be clean, got ${JSON.stringify(bad)}`);
    const t = (k) => median(runs.map((r) => r.timings[k] ?? 0));
    const row = {
      tables: n,
      runs: RUNS,
      load_ms: median(runs.map((r) => (r.timings.load_canonical ?? 0) + (r.timings.load_dump ?? 0))),
      introspect_ms: median(runs.map((r) => (r.timings.introspect_canonical ?? 0) + (r.timings.introspect_dump ?? 0))),
      compare_ms: t('compare'),
      check_total_ms: t('total'),
      process_wall_ms: median(runs.map((r) => r.wall_ms)),
      peak_rss_mb: median(runs.map((r) => r.peak_rss_mb)),
      runs_detail: runs,
      postgres_apply_twice_ms: null,
      ratio_vs_postgres: null,
    };
    if (pgVersion) {
      const pg = [];
      for (let i = 0; i < RUNS; i++) pg.push(pgApply(file, 'h4_bench_a') + pgApply(file, 'h4_bench_b'));
      row.postgres_apply_twice_ms = Math.round(median(pg));
      row.ratio_vs_postgres = Math.round((row.check_total_ms / row.postgres_apply_twice_ms) * 100) / 100;
    }
    rows.push(row);
  }
  // Linear growth: time per table should not grow with N (ratio of per-table cost, largest vs smallest).
  const first = rows[0];
  const last = rows[rows.length - 1];
  const growth = rows.length > 1 ? Math.round(((last.check_total_ms / last.tables) / (first.check_total_ms / first.tables)) * 100) / 100 : null;
  const meets = rows.every((r) => r.ratio_vs_postgres === null || r.ratio_vs_postgres <= 1.5);

  console.log('\nEngine: full check of an N-table multi-tenant schema against itself (median of ' + RUNS + ' runs)');
  const header = ['tables', 'load', 'introspect', 'compare', 'check total', 'process wall', 'peak RSS', 'PG apply ×2', 'check / PG'];
  const table = rows.map((r) => [String(r.tables), fmt(r.load_ms), fmt(r.introspect_ms), fmt(r.compare_ms), fmt(r.check_total_ms), fmt(r.process_wall_ms),
    `${r.peak_rss_mb} MB`, r.postgres_apply_twice_ms === null ? 'n/a' : fmt(r.postgres_apply_twice_ms), r.ratio_vs_postgres === null ? 'n/a' : `${r.ratio_vs_postgres}×`]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  if (growth !== null) console.log(`per-table cost at N=${last.tables} vs N=${first.tables}: ${growth}× (1.0 = linear)`);
  if (pgVersion) console.log(`target (check ≤ 1.5× PostgreSQL applying the schema twice): ${meets ? 'MET' : 'NOT MET'}`);

  const result = {
    generated_at: new Date().toISOString(), node: process.version, postgres: pgVersion, runs: RUNS,
    cores, load_average: { before: loadBefore, after: loadavg()[0] },
    target: 'full check within 1.5x of PostgreSQL applying the schema twice; linear growth',
    target_met: pgVersion ? meets : null, per_table_growth: growth, rows,
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'engine.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench/results/engine.json');
}

engineBench();
for (const name of ['rls', 'browser', 'erd']) {
  const file = join(HERE, `${name}.mjs`);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${name}.mjs`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exitCode = 1;
}
