/**
 * One engine measurement in a fresh Node process (so peak RSS is this run's): the built CLI
 * checks the generated schema against itself (generic comparison, no behaviour checks) and
 * prints the report's stage timings, the wall time and the process's peak RSS as one JSON line.
 *
 * Usage: node bench/engine-child.mjs SCHEMA.sql
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [schema] = process.argv.slice(2);
const t0 = performance.now();
const { main } = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'cli', 'skeldir-schema.mjs')).href);
const dir = mkdtempSync(join(tmpdir(), 'skeldir-bench-'));
const out = join(dir, 'report.json');
const quiet = { stdout() {}, stderr: (t) => process.stderr.write(t) };
const code = await main(['check', '--canonical', schema, '--dump', schema, '--no-spec', '--no-behaviour', '--quiet', '--output', out], quiet);
const wall = performance.now() - t0;
const report = JSON.parse(readFileSync(out, 'utf8'));
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({
  exit_code: code,
  divergences: report.divergences.length,
  load_errors: report.load.canonical.errors.length + report.load.dump.errors.length,
  timings: report.timings,
  wall_ms: Math.round(wall),
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
