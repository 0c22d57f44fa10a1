/**
 * The engine side of the CLI's watchdog: a child process that runs the checks of a job
 * (the same runCheck as everywhere) and tells its parent, before and after each round trip to
 * PGlite, what it is running. The parent (supervised-check.ts) kills it when a statement
 * outlives the budget, or sees it die (V8 fatal error, out of memory, WASM trap), and starts a
 * new one with the stopped statement in `job.stops`.
 *
 * A child process, not a worker thread: a V8 fatal error ends the whole process it happens in
 * (PGlite after a runaway SQL recursion: "Fatal JavaScript invalid size error", exit 133), so
 * only a process boundary contains it.
 */
import type { PGlite } from '@electric-sql/pglite';
import { setFlagsFromString } from 'node:v8';
import { initdbDataDir, startPglite, wrapPglite } from '../pglite';
import { isSupportedExtension } from '../pglite-extensions';
import { lazyDb } from '../browser/prebuilt-canonical';
import { InputError } from '../../core/errors';
import type { Db, DbFactory } from '../../core/db';
import { guardDb, guardFactory } from '../guard-db';
import type { Activity } from '../../core/guard/types';
import { prepareCanonical, queriesCanonicalDb, runCheck, sha256Hex, type EngineEnv, type PreparedCanonical } from '../../core/pipeline';
import { EXIT_ENGINE_POISONED, type CanonicalSnapshot, type EngineJob, type EngineMemory, type FromEngine } from './engine-protocol';

const send = (m: FromEngine) => process.send!(m);

/**
 * Resident memory at the points the bench's breakdown names (bench/sample.mjs): this process
 * before any database, after each PostgreSQL start, and the highest seen in each stage
 * (sampled at every statement's activity and at stage ends).
 */
const memory: EngineMemory = { baseMb: 0, startsMb: [], stagesMb: {} };
const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576);
let stage = 'start';
/**
 * Reading the RSS costs a /proc read (~0.3 ms measured at load ~7; 450 ms of CPU over the bundled
 * sample's ~1,500 heartbeats): between stage ends it is read at most every SAMPLE_EVERY_MS. The
 * peak the bench prints is the kernel's high-water mark (getrusage), not these samples.
 */
const SAMPLE_EVERY_MS = 25;
let sampledAt = -Infinity;
function sample(force = true): number {
  const now = performance.now();
  if (!force && now - sampledAt < SAMPLE_EVERY_MS) return 0;
  sampledAt = now;
  const mb = rssMb();
  memory.stagesMb[stage] = Math.max(memory.stagesMb[stage] ?? 0, mb);
  return mb;
}

/**
 * PGlite's WASM runs on V8's baseline compiler (Liftoff) only. By default V8 also recompiles every
 * hot function with TurboFan on background threads; a check is too short to earn that back.
 * Measured on the bundled sample (CLI, 2 cores, load average ~7–8, 2–3 runs each): engine CPU
 * 6.3–7.0 s → 3.5–3.9 s, check 6.0–10.3 s → 3.3–3.9 s, engine peak RSS 294–349 → 237–248 MB
 * (TurboFan's compile zones and code); at 400 tables the same CPU (39–40 s) and peak 482–498 →
 * 396–442 MB. Set at run time rather than in execArgv: a Node whose V8 no longer knows the flag
 * ignores it here (with a warning on stderr) instead of refusing to start the process.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * Collects garbage now, where the parent started this process with --expose-gc (otherwise a
 * no-op). Starting PGlite from a data directory leaves the gzip'd tar, its unpacked copy and the
 * extracted files' buffers behind (~60–80 MB measured); a closed PGlite keeps its WASM memory
 * (≥128 MB) until collected. V8 sees neither as pressure on its own heap, so without this the
 * garbage is still resident when the dump's load peaks, or when the next instance starts.
 */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Forwards the loader's activities to the parent (and samples memory, statement by statement). */
const heartbeat = (a: Activity | null) => {
  sample(false);
  send({ type: 'activity', activity: a });
};

/**
 * Ends this process because PostgreSQL is poisoned (guard-db.ts): the parent restarts without the
 * current activity, blamed as a stack overflow. The IPC message first, so the activity has arrived.
 */
function die(): Promise<never> {
  process.send!({ type: 'progress', stage: 'engine poisoned' } satisfies FromEngine, () => process.exit(EXIT_ENGINE_POISONED));
  return new Promise<never>(() => {});
}

/**
 * What the built CLI ships beside its bundle (cli/template.ts), read here in the engine process
 * rather than sent by the parent: the bytes stay out of the CLI process and the IPC channel.
 * Running from source, both are null (initdb; the canonical is loaded).
 */
export interface Bundled {
  /** An initialised data directory (a tar, or a gzip'd one). */
  template(): Promise<Blob | null>;
  /** The bundled canonical prepared at build time, when `canonical` is its very text. */
  canonical(canonical: { name: string; sha256: string }): Promise<CanonicalSnapshot | null>;
}

/**
 * The first database, started from the shipped template as this process starts: while the CLI
 * still reads and validates its inputs and sends the job, and while this process hashes the
 * canonical and parses the overlay, PGlite unpacks the data directory (gunzip runs on libuv's
 * threads, the other core) and boots. The job's first database with no extensions (the usual
 * dump) takes it; a database that needs extensions closes it first, so one PGlite is alive at a
 * time as before. `at`: when it began and was ready (ms since this process started, for the bench).
 */
interface Ahead {
  data: Promise<Blob | null>;
  pg: Promise<PGlite | null>;
}
let ahead: Ahead | null = null;
const aheadAt: { startMs?: number; readyMs?: number } = {};

function startAhead(bundled: Bundled): void {
  const data = bundled.template().catch(() => null);
  const pg = data.then(async (blob) => {
    if (!blob) return null;
    aheadAt.startMs = Math.round(performance.now());
    const started = await startPglite(blob, []);
    aheadAt.readyMs = Math.round(performance.now());
    return started;
  }).catch(() => null);
  ahead = { data, pg };
}

/** The database started ahead when it is the one asked for, else a new one (the early one closed first). */
async function startFrom(data: Blob, names: readonly string[]): Promise<PGlite> {
  const early = ahead;
  ahead = null;
  if (early) {
    const pg = await early.pg;
    if (pg && names.length === 0 && (await early.data) === data) return pg;
    await pg?.close();
    collect();
  }
  return startPglite(data, names);
}

/** Closes the database started ahead if nothing took it. */
async function dropAhead(): Promise<void> {
  const early = ahead;
  ahead = null;
  await (await early?.pg)?.close();
}

async function template(job: EngineJob, bundled: Bundled): Promise<Blob> {
  if (job.template) return new Blob([new Uint8Array(job.template)]);
  const shipped = await (ahead?.data ?? bundled.template());
  if (shipped) return shipped;
  const blob = await initdbDataDir('gzip');
  send({ type: 'template', bytes: new Uint8Array(await blob.arrayBuffer()) });
  return blob;
}

/** Databases started from `data`, each remembered by `made` (to snapshot the canonical one). */
function pgliteFrom(data: Blob, names: readonly string[], made: (pg: PGlite, names: readonly string[]) => void): DbFactory {
  return {
    async create() {
      const pg = await started(startFrom(data, names));
      made(pg, names);
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => pgliteFrom(data, [...names, ...more], made),
    supportsExtension: isSupportedExtension,
  };
}

/** A PGlite start, then its leftovers collected and the resident memory it left noted. */
async function started(start: Promise<PGlite>): Promise<PGlite> {
  const pg = await start;
  collect();
  memory.startsMb.push(sample());
  return pg;
}

/** The canonical database, started from a snapshot the first time it is used. */
function snapshotDb(snap: CanonicalSnapshot): Db {
  const { extensions } = snap.meta;
  return lazyDb(async () => guardDb(wrapPglite(await started(startPglite(new Blob([new Uint8Array(snap.dataDir)]), extensions)), extensions), die));
}

/** The canonical from an earlier attempt's snapshot, when it is of this very text. */
function fromSnapshot(snap: CanonicalSnapshot | null, name: string, sha256: string): PreparedCanonical | undefined {
  if (!snap || snap.meta.name !== name || snap.meta.sha256 !== sha256) return undefined;
  const { meta } = snap;
  return {
    name, sha256, bytes: meta.bytes, model: meta.model, summary: meta.summary,
    db: snapshotDb(snap),
    timings: { load_canonical: 0, introspect_canonical: 0 },
  };
}

async function run(job: EngineJob, bundled: Bundled): Promise<void> {
  const tpl = await template(job, bundled);
  let last: { pg: PGlite; names: readonly string[] } | null = null;
  const env: EngineEnv = {
    factory: guardFactory(pgliteFrom(tpl, [], (pg, names) => { last = { pg, names }; }), die),
    now: () => new Date(),
    toolVersion: job.toolVersion,
    onProgress: (next) => {
      sample();
      stage = next;
      send({ type: 'progress', stage: next });
    },
    withData: job.withData,
    onActivity: heartbeat,
    stops: job.stops,
  };
  let prepared: PreparedCanonical | undefined;
  try {
    for (const [index, dump] of job.dumps.entries()) {
      if (!prepared) {
        const { name } = job.canonical;
        const { sha256 } = await sha256Hex(job.canonical.sql);
        prepared = fromSnapshot(job.canonicalSnapshot ?? (await bundled.canonical({ name, sha256 })), name, sha256);
      }
      if (!prepared) {
        prepared = await prepareCanonical(job.canonical, env);
        const made = last as { pg: PGlite; names: readonly string[] } | null;
        if (made) {
          const blob = await made.pg.dumpDataDir('gzip');
          const { name, sha256, bytes, model, summary } = prepared;
          const snapshot: CanonicalSnapshot = { meta: { name, sha256, bytes, model, summary, extensions: [...made.names] }, dataDir: new Uint8Array(await blob.arrayBuffer()) };
          send({ type: 'canonical', snapshot });
          // Only the model is needed from here on (unless the RLS oracle asks the canonical): its
          // database goes before the dump's starts, so one PGlite instance (~250 MB) is alive at
          // a time, not two. Should anything still ask, it starts again from the snapshot.
          if (!queriesCanonicalDb(job)) {
            await prepared.db.close();
            prepared = { ...prepared, db: snapshotDb(snapshot) };
            last = null;
            collect();
          }
        }
      }
      const result = await runCheck(
        { canonical: job.canonical, spec: job.spec, dump, phase: job.phase, smoke: job.smoke, seeds: job.seeds, behaviour: job.behaviour, migrations: job.migrations },
        env, { canonical: prepared },
      );
      await result.dumpDb.close();
      last = null;
      collect();
      send({ type: 'report', index, report: result.report });
    }
  } finally {
    await prepared?.db.close();
    await dropAhead();
  }
}

/** Serves one job on the IPC channel, then exits. */
export function serveEngine(bundled: Bundled): void {
  baselineWasmOnly();
  memory.baseMb = rssMb();
  const readyMs = Math.round(performance.now());
  startAhead(bundled);
  process.once('message', (job: EngineJob) => {
    const jobMs = Math.round(performance.now());
    memory.process = { readyMs, jobMs, ahead: aheadAt };
    run(job, bundled).then(
      () => send({ type: 'done' }),
      (err: unknown) => {
        if (err instanceof InputError) send({ type: 'input-error', message: err.message, location: { ...err.location } });
        else send({ type: 'failed', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack ?? '' });
      },
    ).finally(() => {
      sample();
      const r = process.resourceUsage();
      send({ type: 'usage', usage: { peakRssMb: Math.round(r.maxRSS / 1024), cpuMs: Math.round((r.userCPUTime + r.systemCPUTime) / 1000), memory } });
      process.send!({ type: 'done-sending' }, () => process.disconnect());
    });
  });
}
