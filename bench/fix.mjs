/**
 * Fix benchmark: for N = 100, 400, 1000 tables (bench/generate.mjs), the built CLI's
 * `skeldir-schema fix` turns a drifted copy of the schema (generateDrift: ~5 divergences per 10
 * tables) back into it, in a fresh process per run: the check, the plan (generation) and the
 * proof (the script applied to a copy of the dump, the whole check re-run). Medians of RUNS runs,
 * with the load average beside every number (the machine is shared).
 *
 * Env: BENCH_SIZES=100,400,1000  BENCH_RUNS=3  BENCH_SKIP_BUILD=1. Writes bench/results/fix.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDrift, generateSchema } from './generate.mjs';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,400,1000').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const CLI = join(ROOT, 'dist', 'cli', 'skeldir-schema.mjs');
const BIN = join(ROOT, 'bin', 'skeldir-schema.mjs');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

if (!process.env.BENCH_SKIP_BUILD || !existsSync(CLI)) {
  process.stderr.write('building the CLI (npm run build:cli)…\n');
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const dir = mkdtempSync(join(tmpdir(), 'skeldir-bench-fix-'));
const cores = availableParallelism();
const rows = [];
try {
  for (const n of SIZES) {
    const canonical = join(dir, `canonical_${n}.sql`);
    const dump = join(dir, `dump_${n}.sql`);
    const schema = generateSchema(n);
    writeFileSync(canonical, schema);
    writeFileSync(dump, schema + generateDrift(n));
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const out = join(dir, `fix_${n}.json`);
      const load = loadavg()[0];
      const t0 = performance.now();
      const p = spawnSync(process.execPath, [BIN, 'fix', '--dump', dump, '--canonical', canonical, '--no-spec', '--format', 'json', '--output', out, '--quiet'], { encoding: 'utf8' });
      const wall = performance.now() - t0;
      if (p.status !== 0) throw new Error(`fix at ${n} tables exited ${p.status}: ${p.stderr.trim().split('\n').slice(-4).join(' | ')}`);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      runs.push({ wall, ...j.timings, statements: j.plan.statements.length, divergences: j.divergences_before, status: j.verification.status, load });
    }
    const row = {
      tables: n, divergences: runs[0].divergences, statements: runs[0].statements, status: runs[0].status,
      generation_ms: Math.round(median(runs.map((x) => x.plan))), verification_ms: Math.round(median(runs.map((x) => x.verify))),
      check_ms: Math.round(median(runs.map((x) => x.check))), wall_ms: Math.round(median(runs.map((x) => x.wall))),
      load_average: Math.round(median(runs.map((x) => x.load)) * 10) / 10,
    };
    rows.push(row);
    console.log(`${String(n).padStart(5)} tables: ${row.divergences} divergences → ${row.statements} statements (${row.status}); ` +
      `generation ${fmt(row.generation_ms)}, verification ${fmt(row.verification_ms)} (check before ${fmt(row.check_ms)}, process ${fmt(row.wall_ms)}); load ${row.load_average} on ${cores} cores`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'fix.json'), JSON.stringify({ generated_at: new Date().toISOString(), node: process.version, runs: RUNS, cores, rows }, null, 2) + '\n');
console.log('wrote bench/results/fix.json');
