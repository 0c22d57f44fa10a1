#!/usr/bin/env node
/**
 * Structural diff parity on other diff tools' own test suites (migra, pg-schema-diff; cases read
 * by diff-cases.mjs from their git snapshots). For every case:
 *   1. side A and side B are each applied to a fresh database of a real PostgreSQL 15 server
 *      (`psql -v ON_ERROR_STOP=1`; the roles the case needs are created first) and dumped with its
 *      `pg_dump --schema-only`;
 *   2. OUR engine (src/core/pipeline.ts in-process through Vite's SSR loader, PGlite, one database
 *      at a time) checks B's dump against A's dump as the canonical, with no overlay and no
 *      behaviour checks.
 * Score: a pair whose dumps differ (ignoring comment lines, blank lines and `\restrict` /
 * `\unrestrict`) must give ≥1 divergence, else it is a MISS; an identical pair must give none,
 * else it is a FALSE ALARM. A side our loader could not load completely is counted (load errors).
 * A case whose own SQL fails on PostgreSQL 15 is "not applied" and listed with the error.
 *
 *   PGHOST=/tmp PGPORT=5446 PGUSER=postgres node bench/peers/diff-parity.mjs [--peer migra] [--only REGEX] [--fresh]
 *
 * Env: PGHOST / PGPORT / PGUSER (a PG15 server you may create databases and roles on),
 * PG_BIN (default /usr/lib/postgresql/15/bin), MIGRA_GIT_DIR, PG_SCHEMA_DIFF_GIT_DIR (default
 * /work/.mirror/<owner>+<name>/repo). Dumps are cached in bench/results/diff-parity/<peer>/<case>/
 * (reused while the case's SQL, roles and pg_dump version are unchanged; --fresh redoes them), so a
 * re-run after an engine change only re-runs the engine. Writes bench/results/diff-parity.json.
 * Skips (exit 0, with the reason) when the mirror or PostgreSQL 15 is absent; exit 1 when any
 * miss or false alarm remains. CPU-heavy: run it under the team's heavy lock.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PEERS, readPeer } from './diff-cases.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const peers = argv.flatMap((a, i) => (argv[i - 1] === '--peer' ? [a] : []));
const only = opt('--only') ? new RegExp(opt('--only')) : null;
const fresh = argv.includes('--fresh');
const gitDirs = { migra: process.env.MIGRA_GIT_DIR, 'pg-schema-diff': process.env.PG_SCHEMA_DIFF_GIT_DIR };

const skip = (why) => { console.log(`diff-parity skipped: ${why}`); process.exit(0); };
const pg = (tool, args, input) => spawnSync(join(BIN, tool), args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });

// --- PostgreSQL 15 present? -------------------------------------------------------------------
if (!existsSync(join(BIN, 'pg_dump'))) skip(`no pg_dump in ${BIN} (set PG_BIN to PostgreSQL 15's bin directory)`);
const dumpVersion = pg('pg_dump', ['--version']).stdout?.trim() ?? '';
if (!/\) 15\./.test(dumpVersion)) skip(`${BIN}/pg_dump is not PostgreSQL 15 (${dumpVersion || 'no version'})`);
const server = pg('psql', ['-X', '-Atqc', 'show server_version_num', '-d', 'postgres']);
if (server.status !== 0) skip(`no PostgreSQL server at PGHOST=${process.env.PGHOST ?? '(default)'} PGPORT=${process.env.PGPORT ?? '(default)'}: ${server.stderr.trim()}`);
if (!server.stdout.trim().startsWith('15')) skip(`the server is not PostgreSQL 15 (server_version_num ${server.stdout.trim()})`);

const todo = (peers.length ? peers : Object.keys(PEERS)).filter((p) => {
  if (!PEERS[p]) throw new Error(`unknown peer ${p} (known: ${Object.keys(PEERS).join(', ')})`);
  const dir = gitDirs[p] ?? PEERS[p].gitDir;
  if (existsSync(dir)) return true;
  console.log(`diff-parity: ${p} skipped: no snapshot at ${dir} (fetch github:${PEERS[p].source.split('github.com/')[1]})`);
  return false;
});
if (todo.length === 0) skip('no peer snapshot present');

// --- step 1: apply + pg_dump each side (cached) ----------------------------------------------
const sha = (s) => createHash('sha256').update(s).digest('hex');
const slug = (id) => `${id.replace(/[^A-Za-z0-9._+-]+/g, '_').slice(0, 80)}-${sha(id).slice(0, 8)}`;
const roleSql = (r) => `DO $$BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END$$;`;

/** Applies `sql` to a fresh database and dumps it: { dump } or { error }. */
function applyAndDump(sql, db) {
  pg('dropdb', ['--if-exists', db]);
  const made = pg('createdb', ['-T', 'template0', db]);
  if (made.status !== 0) throw new Error(`createdb ${db}: ${made.stderr}`);
  try {
    const applied = pg('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', '-'], sql);
    if (applied.status !== 0) return { error: applied.stderr.trim().split('\n').slice(0, 3).join(' ') };
    const dumped = pg('pg_dump', ['--schema-only', db]);
    if (dumped.status !== 0) throw new Error(`pg_dump ${db}: ${dumped.stderr}`);
    return { dump: dumped.stdout };
  } finally {
    pg('dropdb', [db]);
  }
}

function sides(peer, c) {
  const dir = join(RESULTS, 'diff-parity', peer, slug(c.id));
  const key = sha(JSON.stringify([c.a, c.b, c.roles, dumpVersion]));
  const metaFile = join(dir, 'meta.json');
  if (!fresh && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.key === key) return { dir, ...meta, a: meta.a_error ? null : readFileSync(join(dir, 'a.dump.sql'), 'utf8'), b: meta.b_error ? null : readFileSync(join(dir, 'b.dump.sql'), 'utf8') };
  }
  mkdirSync(dir, { recursive: true });
  for (const r of c.roles) {
    const made = pg('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-c', roleSql(r)]);
    if (made.status !== 0) throw new Error(`role ${r}: ${made.stderr}`);
  }
  writeFileSync(join(dir, 'a.sql'), c.a);
  writeFileSync(join(dir, 'b.sql'), c.b);
  const a = applyAndDump(c.a, 'diff_parity_a');
  const b = applyAndDump(c.b, 'diff_parity_b');
  if (a.dump) writeFileSync(join(dir, 'a.dump.sql'), a.dump);
  if (b.dump) writeFileSync(join(dir, 'b.dump.sql'), b.dump);
  const meta = { id: c.id, key, a_error: a.error ?? null, b_error: b.error ?? null };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 1)}\n`);
  return { dir, ...meta, a: a.dump ?? null, b: b.dump ?? null };
}

/** The dump's statements as lines, without comments, blank lines and the per-run \restrict key. */
const meaningful = (dump) => dump.split('\n').filter((l) => l.trim() && !l.startsWith('--') && !/^\\(un)?restrict\b/.test(l));

// --- step 2: our engine ----------------------------------------------------------------------
const { createServer } = await import('vite');
const vite = await createServer({ root: ROOT, configFile: false, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] } });
const { pgliteFactory } = await vite.ssrLoadModule('/src/adapters/pglite.ts');
const { prepareCanonical, runCheck } = await vite.ssrLoadModule('/src/core/pipeline.ts');
const env = { factory: pgliteFactory(), now: () => new Date(), toolVersion: 'diff-parity' };

/**
 * The engine's result for a pair is cached beside the dumps, keyed by both dumps and every source
 * file of the engine (src/core, src/adapters): any engine change re-runs every pair.
 */
const engineSources = sha(['src/core', 'src/adapters'].flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)).sort().map((f) => `${f}\n${readFileSync(f, 'utf8')}`)).join('\n'));

async function engine(dir, a, b) {
  const file = join(dir, 'engine.json');
  const key = sha(JSON.stringify([engineSources, a, b]));
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    if (cached.key === key) return cached.result;
  }
  const result = await runEngine(dir, a, b);
  writeFileSync(file, `${JSON.stringify({ key, result }, null, 1)}\n`);
  return result;
}

async function runEngine(dir, a, b) {
  const prepared = await prepareCanonical({ name: join(dir, 'a.dump.sql'), sql: a }, env);
  try {
    const r = await runCheck({ canonical: { name: prepared.name, sql: a }, dump: { name: join(dir, 'b.dump.sql'), sql: b }, spec: null, phase: 'all', behaviour: false }, env, { canonical: prepared });
    await r.dumpDb.close();
    const errs = (side, list) => list.map((e) => `${side}:${e.line}:${e.column} ${e.sqlstate} ${e.message}`);
    return { divergences: r.report.divergences.map((d) => `${d.kind} ${d.object_type} ${d.object}`), load_errors: [...errs('a', r.report.load.canonical.errors), ...errs('b', r.report.load.dump.errors)] };
  } finally {
    await prepared.db.close();
  }
}

const t0 = performance.now();
const load0 = loadavg()[0];
const out = { generated_at: new Date().toISOString(), pg_dump: dumpVersion, filter: only?.source ?? null, peers: {} };
let bad = 0;
try {
  for (const p of todo) {
    const peer = readPeer(p, gitDirs[p]);
    const cases = peer.cases.filter((c) => !only || only.test(c.id));
    const totals = { cases: cases.length, applied: 0, not_applied: 0, differ: 0, flagged: 0, missed: 0, identical: 0, quiet: 0, false_alarms: 0, with_load_errors: 0 };
    const rows = [];
    for (const [n, c] of cases.entries()) {
      process.stderr.write(`\r${p} ${n + 1}/${cases.length}   `);
      const s = sides(p, c);
      const row = { id: c.id, dir: s.dir.slice(ROOT.length + 1), peer_expects_no_change: c.expectEmpty };
      if (s.a === null || s.b === null) {
        totals.not_applied++;
        rows.push({ ...row, outcome: 'not_applied', error: s.a_error ? `a: ${s.a_error}` : `b: ${s.b_error}` });
        continue;
      }
      totals.applied++;
      const la = meaningful(s.a);
      const lb = meaningful(s.b);
      const differ = la.join('\n') !== lb.join('\n');
      const r = await engine(s.dir, s.a, s.b);
      if (r.load_errors.length) totals.with_load_errors++;
      let outcome;
      if (differ) { totals.differ++; outcome = r.divergences.length ? 'flagged' : 'missed'; totals[outcome]++; } else { totals.identical++; outcome = r.divergences.length ? 'false_alarm' : 'quiet'; totals[outcome === 'false_alarm' ? 'false_alarms' : 'quiet']++; }
      const setB = new Set(lb);
      const setA = new Set(la);
      const dumpDiff = differ ? [...la.filter((l) => !setB.has(l)).map((l) => `- ${l}`), ...lb.filter((l) => !setA.has(l)).map((l) => `+ ${l}`)].slice(0, 12) : [];
      rows.push({ ...row, outcome, dumps_differ: differ, divergences: r.divergences, load_errors: r.load_errors, ...(outcome === 'missed' ? { dump_diff: dumpDiff } : {}) });
    }
    process.stderr.write('\n');
    bad += totals.missed + totals.false_alarms;
    out.peers[p] = { source: peer.source, commit: peer.commit, totals, skipped_cases: peer.skipped, cases: rows };
    console.log(`\n## ${p} (${peer.source} @ ${peer.commit.slice(0, 12)})`);
    console.log(`${totals.cases} cases: ${totals.applied} applied on PG15 (${totals.not_applied} not); ${totals.differ} pairs with differing dumps → ${totals.flagged} flagged, ${totals.missed} missed; ${totals.identical} identical → ${totals.quiet} quiet, ${totals.false_alarms} false alarms; ${totals.with_load_errors} with load errors in our engine`);
    for (const r of rows.filter((x) => x.outcome === 'missed')) console.log(`  MISS ${r.id}  [${r.dir}]\n${r.dump_diff.map((l) => `      ${l}`).join('\n')}`);
    for (const r of rows.filter((x) => x.outcome === 'false_alarm')) console.log(`  FALSE ALARM ${r.id}  [${r.dir}]: ${r.divergences.slice(0, 5).join('; ')}`);
    for (const r of rows.filter((x) => x.load_errors?.length)) console.log(`  LOAD ERRORS ${r.id}: ${r.load_errors.slice(0, 3).join('; ')}`);
    for (const r of rows.filter((x) => x.outcome === 'not_applied')) console.log(`  not applied ${r.id}: ${r.error}`);
  }
} finally {
  await vite.close();
}
out.elapsed_s = Math.round((performance.now() - t0) / 1000);
out.loadavg = { start: load0, end: loadavg()[0] };
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'diff-parity.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`\n${out.elapsed_s} s (load average ${load0.toFixed(2)} → ${out.loadavg.end.toFixed(2)}); wrote bench/results/diff-parity.json`);
if (bad) process.exitCode = 1;
