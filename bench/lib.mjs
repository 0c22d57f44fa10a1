/**
 * What the benches share: medians, the built CLI run in a fresh process (bench/engine-child.mjs),
 * Debian's PostgreSQL applying the same SQL with psql, and the engine's profile read from the
 * report's `timings`.
 *
 * psql connects the usual way: PGHOST / PGPORT from the environment (e.g. `PGHOST=/tmp
 * PGPORT=5415 npm run bench` for a private server), as the `postgres` OS user when run as root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const HERE = import.meta.dirname;
export const ROOT = join(HERE, '..');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const fmt = (ms) => (ms === null || ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export function build() {
  if (process.env.BENCH_SKIP_BUILD && existsSync(join(ROOT, 'dist', 'cli', 'skeldir-schema.mjs'))) return;
  process.stderr.write('building the CLI (npm run build:cli)…\n');
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One engine run in a fresh process: `engineRun(schema, spec)` checks a schema against itself; `engineRun('--', ...cliArgs)` any check. */
export function engineRun(...args) {
  const r = spawnSync(process.execPath, [join(HERE, 'engine-child.mjs'), ...args.filter(Boolean)], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: ROOT });
  if (r.status !== 0) throw new Error(`engine run failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), load_average: loadavg()[0] };
}

/** psql as the postgres OS user when we are root (Debian's peer auth), else as ourselves. */
function psql(args) {
  const cmd = process.getuid?.() === 0 ? ['su', ['postgres', '-c', ['psql', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')]] : ['psql', args];
  return spawnSync(cmd[0], cmd[1], { encoding: 'utf8' });
}

export function postgresAvailable() {
  const r = psql(['-X', '-q', '-At', '-d', 'postgres', '-c', 'select version()']);
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Wall time of `psql -f file` into a fresh database (create/drop not timed). `stopOnError: false`
 * applies a real pg_dump the way a restore does (roles the cluster lacks make a few statements
 * fail; the rest loads), like the engine's loader.
 */
export function pgApply(file, db, { stopOnError = true } = {}) {
  psql(['-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
  const c = psql(['-X', '-q', '-d', 'postgres', '-c', `CREATE DATABASE ${db}`]);
  if (c.status !== 0) throw new Error(`createdb ${db}: ${c.stderr}`);
  const t0 = performance.now();
  const r = psql(['-X', '-q', ...(stopOnError ? ['-v', 'ON_ERROR_STOP=1'] : []), '-d', db, '-f', file]);
  const ms = performance.now() - t0;
  psql(['-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
  if (r.status !== 0) throw new Error(`psql apply failed: ${r.stderr}`);
  return ms;
}

export const stage = (r, ...keys) => keys.reduce((a, k) => a + (r.timings[k] ?? 0), 0);

/**
 * The engine's profile from a report's `timings`: database starts (PGlite boot from a data
 * directory, inside the load stages), full copies of a database (`clone_*`, inside rls / smoke;
 * `scratch_*` is a suite's rolled-back transaction instead, not a copy), how many of each, and
 * the process's own overhead (module load, rendering, writing the report: wall − total).
 */
export function profileColumns(r) {
  const keys = Object.keys(r.timings);
  const starts = keys.filter((k) => k.startsWith('start_'));
  const clones = keys.filter((k) => k.startsWith('clone_'));
  return {
    db_start_ms: stage(r, ...starts),
    clone_ms: stage(r, ...clones),
    db_starts: starts.length,
    clones: clones.length,
    overhead_ms: Math.max(0, r.wall_ms - r.timings.total),
  };
}
