/**
 * `npm run bench`: the engine benchmark, then the other areas' benches when present
 * (bench/sample.mjs — the bundled sample's full check beside psql —, bench/rls.mjs,
 * bench/browser.mjs, bench/erd.mjs). psql uses PGHOST/PGPORT from the environment.
 *
 * Engine: for N = 100, 400, 1000 tables (bench/generate.mjs) the built CLI checks the schema
 * against itself in a fresh process per run — load canonical, introspect, load dump,
 * introspect, compare, then the RLS isolation suite (the generated overlay names the tenancy) —
 * and reports each stage, peak RSS, and the medians of RUNS runs. Next to it, Debian's PostgreSQL
 * applies the same SQL with psql into two fresh databases. Engine and PostgreSQL runs alternate,
 * so both see the same machine load (other processes share the CPU).
 *
 * Target (issue 2): the check (load + introspect + compare, both sides) within 1.5× of
 * PostgreSQL applying the schema twice, with linear growth (time per table flat in N). The RLS
 * suite is reported beside it: PostgreSQL has nothing to compare it with.
 *
 * Env: BENCH_ONLY=engine,sample,rls,browser,erd  BENCH_SIZES=100,400,1000  BENCH_RUNS=3  BENCH_RLS=0 (skip the RLS suite)  BENCH_SKIP_BUILD=1
 * Writes bench/results/engine.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSchema, generateSpecYaml } from './generate.mjs';
import { build, engineRun, fmt, median, pgApply, postgresAvailable, profileColumns, stage } from './lib.mjs';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,400,1000').split(',').map(Number);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const WITH_RLS = process.env.BENCH_RLS !== '0';
const TARGET = 1.5;


function engineBench() {
  build();
  const loadBefore = loadavg()[0];
  const cores = availableParallelism();
  if (loadBefore > cores) console.log(`WARNING: load average ${loadBefore.toFixed(1)} on ${cores} cores: timings are inflated and noisy (runs alternate with PostgreSQL's so the ratio stays fair)`);
  const pgVersion = postgresAvailable();
  if (!pgVersion) console.log('PostgreSQL not available — comparison skipped');
  const specFile = join(tmpdir(), 'skeldir-bench-spec.yaml');
  writeFileSync(specFile, generateSpecYaml());
  const rows = [];
  for (const n of SIZES) {
    const file = join(tmpdir(), `skeldir-bench-${n}.sql`);
    writeFileSync(file, generateSchema(n));
    const runs = [];
    const pg = [];
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`N=${n} run ${i + 1}/${RUNS}: engine…`);
      runs.push(engineRun(file, WITH_RLS ? specFile : null));
      if (pgVersion) {
        process.stderr.write(' PostgreSQL…');
        pg.push(pgApply(file, 'h9_bench_a') + pgApply(file, 'h9_bench_b'));
      }
      process.stderr.write('\n');
    }
    const bad = runs.find((r) => r.exit_code !== 0 || r.divergences !== 0 || r.load_errors !== 0 || (r.rls && r.rls.passed !== r.rls.tests));
    if (bad) throw new Error(`N=${n}: the schema checked against itself must be clean, got ${JSON.stringify(bad)}`);
    const med = (f) => Math.round(median(runs.map(f)) * 10) / 10;
    const check = (r) => stage(r, 'load_canonical', 'load_dump', 'introspect_canonical', 'introspect_dump', 'compare');
    const row = {
      tables: n,
      runs: RUNS,
      load_ms: med((r) => stage(r, 'load_canonical', 'load_dump')),
      introspect_ms: med((r) => stage(r, 'introspect_canonical', 'introspect_dump')),
      compare_ms: med((r) => stage(r, 'compare')),
      check_ms: med(check),
      rls_ms: WITH_RLS ? med((r) => stage(r, 'rls')) : null,
      db_start_ms: med((r) => profileColumns(r).db_start_ms),
      clone_ms: med((r) => profileColumns(r).clone_ms),
      db_starts: runs[0] ? profileColumns(runs[0]).db_starts : null,
      clones: runs[0] ? profileColumns(runs[0]).clones : null,
      overhead_ms: med((r) => profileColumns(r).overhead_ms),
      total_ms: med((r) => r.timings.total),
      process_wall_ms: med((r) => r.wall_ms),
      process_cpu_ms: med((r) => r.cpu_ms),
      peak_rss_mb: med((r) => r.peak_rss_mb),
      postgres_apply_twice_ms: pg.length ? Math.round(median(pg)) : null,
      ratio_vs_postgres: null,
      ratio_with_rls_vs_postgres: null,
      load_average: med((r) => r.load_average),
      runs_detail: runs,
      postgres_runs_ms: pg.map(Math.round),
    };
    if (row.postgres_apply_twice_ms) {
      row.ratio_vs_postgres = Math.round((row.check_ms / row.postgres_apply_twice_ms) * 100) / 100;
      row.ratio_with_rls_vs_postgres = Math.round((row.total_ms / row.postgres_apply_twice_ms) * 100) / 100;
    }
    rows.push(row);
  }
  const meets = rows.every((r) => r.ratio_vs_postgres === null || r.ratio_vs_postgres <= TARGET);

  console.log(`\nEngine: full check of an N-table multi-tenant schema against itself (median of ${RUNS} runs; check = load + introspect + compare, both sides)`);
  const header = ['tables', 'load', 'introspect', 'compare', 'check', 'RLS suite', 'total', 'of which DB starts', 'copies', 'process overhead', 'peak RSS CLI + engine', 'PG apply ×2', 'check / PG', 'verdict', 'total / PG', 'check per table', 'load avg'];
  const table = rows.map((r) => [String(r.tables), fmt(r.load_ms), fmt(r.introspect_ms), fmt(r.compare_ms), fmt(r.check_ms), fmt(r.rls_ms), fmt(r.total_ms),
    `${fmt(r.db_start_ms)} (${r.db_starts})`, `${fmt(r.clone_ms)} (${r.clones})`, fmt(r.overhead_ms),
    `${r.peak_rss_mb} MB`, fmt(r.postgres_apply_twice_ms), r.ratio_vs_postgres === null ? 'n/a' : `${r.ratio_vs_postgres}×`,
    r.ratio_vs_postgres === null ? 'n/a' : r.ratio_vs_postgres <= TARGET ? 'MET' : 'NOT MET',
    r.ratio_with_rls_vs_postgres === null ? 'n/a' : `${r.ratio_with_rls_vs_postgres}×`,
    `${(r.check_ms / r.tables).toFixed(1)} ms`, r.load_average.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));

  // Linearity: the check has a fixed part (PostgreSQL start-up, catalog queries) and a per-table
  // part. Fit check = a + b·N and say how far the largest N is from the line.
  let linearity = null;
  if (rows.length > 1) {
    const xs = rows.map((r) => r.tables);
    const ys = rows.map((r) => r.check_ms);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const b = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const a = my - b * mx;
    const first = rows[0];
    const last = rows[rows.length - 1];
    const marginal = (last.check_ms - first.check_ms) / (last.tables - first.tables);
    const lower = rows.length > 2 ? (rows[rows.length - 2].check_ms - first.check_ms) / (rows[rows.length - 2].tables - first.tables) : marginal;
    linearity = {
      fixed_ms: Math.round(a), per_table_ms: Math.round(b * 100) / 100,
      max_residual_pct: Math.round(Math.max(...rows.map((r) => Math.abs(r.check_ms - (a + b * r.tables)) / r.check_ms)) * 1000) / 10,
      marginal_per_table_ms: { [`${first.tables}-${last.tables}`]: Math.round(marginal * 100) / 100, [`${first.tables}-${rows[rows.length > 2 ? rows.length - 2 : 1].tables}`]: Math.round(lower * 100) / 100 },
    };
    console.log(`linearity: check ≈ ${fmt(linearity.fixed_ms)} + ${linearity.per_table_ms} ms × tables (largest deviation from that line ${linearity.max_residual_pct}%); ` +
      `marginal cost per table ${Object.entries(linearity.marginal_per_table_ms).map(([k, v]) => `${v} ms (N ${k})`).join(', ')}`);
  }
  if (pgVersion) console.log(`target (check ≤ ${TARGET}× PostgreSQL applying the schema twice, every N): ${meets ? 'MET' : 'NOT MET'}`);

  const result = {
    generated_at: new Date().toISOString(), node: process.version, postgres: pgVersion, runs: RUNS, with_rls: WITH_RLS,
    cores, load_average: { before: loadBefore, after: loadavg()[0] },
    target: 'check (load + introspect + compare, both sides) within 1.5x of PostgreSQL applying the schema twice; linear growth',
    target_met: pgVersion ? meets : null, linearity, rows,
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'engine.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench/results/engine.json');
}

// BENCH_ONLY=engine,sample,rls,browser,erd,fix picks parts (default: all).
const ONLY = new Set((process.env.BENCH_ONLY ?? 'engine,sample,rls,browser,erd,fix').split(',').map((s) => s.trim()));
if (ONLY.has('engine')) engineBench();
for (const name of ['sample', 'rls', 'browser', 'erd', 'fix']) {
  const file = join(HERE, `${name}.mjs`);
  if (!ONLY.has(name) || !existsSync(file)) continue;
  console.log(`\n== bench/${name}.mjs`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exitCode = 1;
}
