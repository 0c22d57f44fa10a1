/**
 * One engine measurement in a fresh Node process (so peak RSS is this run's): the built CLI
 * checks the generated schema against itself and prints the report's stage timings, the wall
 * and CPU time and peak RSS as one JSON line.
 *
 * The CLI runs the engine (PGlite) in a child process under its watchdog; that child reports its
 * own peak RSS and CPU time as it ends (Io.engineUsage). Memory is printed for both processes:
 * `peak_rss_mb` is CLI + engine (the sum of the two peaks: an upper bound of what the machine
 * needed at once, and what a CI container's limit sees), beside each one's own.
 *
 * With a spec (the generated overlay names the tenancy) the check also runs the RLS isolation
 * suite, as a real check of a multi-tenant schema does; without one it is the schema comparison
 * only (`--no-spec --no-behaviour`).
 *
 * Usage: node bench/engine-child.mjs SCHEMA.sql [SPEC.yaml]
 *        node bench/engine-child.mjs -- CLI-ARGS…   (any `check` command; `--quiet --output` are added)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [schema, spec] = process.argv.slice(2);
const t0 = performance.now();
const { main } = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'cli', 'skeldir-schema.mjs')).href);
const importMs = performance.now() - t0;
const dir = mkdtempSync(join(tmpdir(), 'skeldir-bench-'));
const out = join(dir, 'report.json');
const engines = [];
const quiet = { stdout() {}, stderr: (t) => process.stderr.write(t), engineUsage: (u) => engines.push(u) };
const args = schema === '--'
  ? [...process.argv.slice(3), '--quiet', '--format', 'json', '--output', out]
  : ['check', '--canonical', schema, '--dump', schema, ...(spec ? ['--spec', spec, '--phase', 'all'] : ['--no-spec', '--no-behaviour']), '--quiet', '--output', out];
const mainAt = performance.now();
const code = await main(args, quiet);
const wall = performance.now() - t0;
const mainMs = performance.now() - mainAt;
const cpu = process.cpuUsage();
const parsed = JSON.parse(readFileSync(out, 'utf8'));
// Several dumps give an array of reports: the first one's stages are this run's profile.
const report = Array.isArray(parsed) ? parsed[0] : parsed;
rmSync(dir, { recursive: true, force: true });
if (engines.length === 0) throw new Error('the engine child reported no resource use (did it end abnormally?)');
const parentRss = Math.round(process.resourceUsage().maxRSS / 1024);
const engineRss = Math.max(...engines.map((u) => u.peakRssMb));
process.stdout.write(JSON.stringify({
  exit_code: code,
  divergences: report.divergences.length,
  load_errors: report.load.canonical.errors.length + report.load.dump.errors.length,
  rls: report.rls ? { tests: report.rls.tests.length, ...report.rls.summary } : null,
  smoke: report.smoke ? { tests: report.smoke.tests.length, ...report.smoke.summary } : null,
  verdict: report.verdict,
  timings: report.timings,
  wall_ms: Math.round(wall),
  // This process's start before t0 is not in wall_ms: Node's own boot (~40 ms), like psql's exec.
  process_ms: { boot_ms: Math.round(t0), import_ms: Math.round(importMs), main_ms: Math.round(mainMs) },
  cpu_ms: Math.round((cpu.user + cpu.system) / 1000) + engines.reduce((a, u) => a + u.cpuMs, 0),
  peak_rss_mb: parentRss + engineRss,
  engine_peak_rss_mb: engineRss,
  cli_peak_rss_mb: parentRss,
  engine_processes: engines.length,
  // Where the engine's resident memory went (engine-child.ts): Node + modules, after each
  // PostgreSQL start, the highest per stage.
  engine_memory: engines[engines.length - 1].memory ?? null,
}) + '\n');
