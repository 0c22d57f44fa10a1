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
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { wrapPglite } from '../pglite';
import { isSupportedExtension, loadExtensions } from '../pglite-extensions';
import { lazyDb } from '../browser/prebuilt-canonical';
import { InputError } from '../../core/errors';
import type { Db, DbFactory } from '../../core/db';
import { pgErrorFields } from '../../core/db';
import type { Activity } from '../../core/guard/types';
import { prepareCanonical, runCheck, sha256Hex, type EngineEnv, type PreparedCanonical } from '../../core/pipeline';
import { EXIT_ENGINE_POISONED, type CanonicalSnapshot, type EngineJob, type FromEngine } from './engine-protocol';

type Extensions = NonNullable<PGliteOptions['extensions']>;


const send = (m: FromEngine) => process.send!(m);

/**
 * PGlite after a stack overflow in PostgreSQL (runaway recursion, e.g. `SELECT rec()`) returns
 * the recursive statement as if it succeeded, fails the next one with this error, and aborts the
 * process with a V8 fatal error on the one after. Once it is seen, nothing more is sent.
 */
function poisoned(err: unknown): boolean {
  return /ERRORDATA_STACK_SIZE exceeded|stack depth limit exceeded/.test(pgErrorFields(err).message);
}

/** Forwards the loader's activities to the parent; ends this process when PostgreSQL is poisoned. */
class Heartbeat {
  set(a: Activity | null): void {
    send({ type: 'activity', activity: a });
  }

  /**
   * Ends this process (the parent restarts without the current activity, blamed as a stack
   * overflow); never settles. The IPC message before it makes sure the parent has the activity.
   */
  die(): Promise<never> {
    process.send!({ type: 'progress', stage: 'engine poisoned' } satisfies FromEngine, () => process.exit(EXIT_ENGINE_POISONED));
    return new Promise<never>(() => {});
  }
}

/** Transaction bookkeeping around a statement: never the culprit, not worth a probe. */
const BOOKKEEPING = /^\s*(savepoint|release|rollback\s+to)\b/i;

function guardDb(db: Db, hb: Heartbeat): Db {
  const watch = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      const r = await run();
      // A recursion that overflowed comes back looking fine; the damage shows on the next round
      // trip. Probe at once, inside the same activity, so the culprit is the statement just run.
      if (!BOOKKEEPING.test(sql)) await db.query('SELECT 1');
      return r;
    } catch (err) {
      if (poisoned(err)) return hb.die();
      throw err;
    }
  };
  return {
    query: (sql, params, options) => watch(sql, () => db.query(sql, params, options)),
    exec: (sql) => watch(sql, () => db.exec(sql)),
    clone: async () => guardDb(await db.clone(), hb),
    close: () => db.close(),
  };
}

function guardFactory(f: DbFactory, hb: Heartbeat): DbFactory {
  return {
    create: async () => guardDb(await f.create(), hb),
    withExtensions: (names) => guardFactory(f.withExtensions(names), hb),
    supportsExtension: (name) => f.supportsExtension(name),
  };
}

async function template(job: EngineJob, bundled: () => Promise<Blob | null>): Promise<Blob> {
  if (job.template) return new Blob([new Uint8Array(job.template)]);
  const shipped = await bundled();
  if (shipped) return shipped;
  const boot = await PGlite.create();
  const blob = await boot.dumpDataDir('gzip');
  await boot.close();
  send({ type: 'template', bytes: new Uint8Array(await blob.arrayBuffer()) });
  return blob;
}

/** Databases started from `data`, each remembered by `made` (to snapshot the canonical one). */
function pgliteFrom(data: Blob, names: readonly string[], made: (pg: PGlite, names: readonly string[]) => void): DbFactory {
  return {
    async create() {
      const pg = await PGlite.create({ loadDataDir: data, extensions: (await loadExtensions(names)) as Extensions });
      made(pg, names);
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => pgliteFrom(data, [...names, ...more], made),
    supportsExtension: isSupportedExtension,
  };
}

/** The canonical from an earlier attempt's snapshot, when it is of this very text. */
function fromSnapshot(snap: CanonicalSnapshot | null, name: string, sha256: string, hb: Heartbeat): PreparedCanonical | undefined {
  if (!snap || snap.meta.name !== name || snap.meta.sha256 !== sha256) return undefined;
  const { meta } = snap;
  return {
    name, sha256, bytes: meta.bytes, model: meta.model, summary: meta.summary,
    db: lazyDb(async () => guardDb(wrapPglite(await PGlite.create({
      loadDataDir: new Blob([new Uint8Array(snap.dataDir)]), extensions: (await loadExtensions(meta.extensions)) as Extensions,
    }), meta.extensions), hb)),
    timings: { load_canonical: 0, introspect_canonical: 0 },
  };
}

async function run(job: EngineJob, bundled: () => Promise<Blob | null>): Promise<void> {
  const hb = new Heartbeat();
  const tpl = await template(job, bundled);
  let last: { pg: PGlite; names: readonly string[] } | null = null;
  const env: EngineEnv = {
    factory: guardFactory(pgliteFrom(tpl, [], (pg, names) => { last = { pg, names }; }), hb),
    now: () => new Date(),
    toolVersion: job.toolVersion,
    onProgress: (stage) => send({ type: 'progress', stage }),
    withData: job.withData,
    onActivity: (a) => hb.set(a),
    stops: job.stops,
  };
  let prepared: PreparedCanonical | undefined;
  try {
    for (const [index, dump] of job.dumps.entries()) {
      prepared ??= fromSnapshot(job.canonicalSnapshot, job.canonical.name, (await sha256Hex(job.canonical.sql)).sha256, hb);
      if (!prepared) {
        prepared = await prepareCanonical(job.canonical, env);
        const made = last as { pg: PGlite; names: readonly string[] } | null;
        if (made) {
          const blob = await made.pg.dumpDataDir('gzip');
          const { name, sha256, bytes, model, summary } = prepared;
          send({ type: 'canonical', snapshot: { meta: { name, sha256, bytes, model, summary, extensions: [...made.names] }, dataDir: new Uint8Array(await blob.arrayBuffer()) } });
        }
      }
      const result = await runCheck(
        { canonical: job.canonical, spec: job.spec, dump, phase: job.phase, smoke: job.smoke, seeds: job.seeds, behaviour: job.behaviour },
        env, { canonical: prepared },
      );
      await result.dumpDb.close();
      send({ type: 'report', index, report: result.report });
    }
  } finally {
    await prepared?.db.close();
  }
}

/** Serves one job on the IPC channel, then exits. */
export function serveEngine(bundled: () => Promise<Blob | null>): void {
  process.once('message', (job: EngineJob) => {
    run(job, bundled).then(
      () => send({ type: 'done' }),
      (err: unknown) => {
        if (err instanceof InputError) send({ type: 'input-error', message: err.message, location: { ...err.location } });
        else send({ type: 'failed', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack ?? '' });
      },
    ).finally(() => process.send!({ type: 'done-sending' }, () => process.disconnect()));
  });
}
