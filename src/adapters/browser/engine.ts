/// <reference lib="webworker" />
/**
 * The engine in ONE Web Worker: PGlite databases, the check pipeline and the SQL console all
 * live here, so the page never blocks. The page talks to it with the messages in protocol.ts;
 * engine.worker.ts loads this module after starting the downloads it needs and hands every
 * message to `handle`.
 *
 * A run checks every dump against the same canonical schema; the worker keeps the databases of
 * the latest run so the SQL console can query them. A new run cancels the previous one.
 */
import type { Db } from '../../core/db';
import { pgErrorFields } from '../../core/db';
import { InputError } from '../../core/errors';
import { proveFix } from '../../core/fix/run';
import type { SchemaModel } from '../../core/model';
import { quoteIdent } from '../../core/pgtext';
import { prepareCanonical, runCheck, sha256Hex, specOf, type CheckInput, type PreloadedDump, type PreparedCanonical } from '../../core/pipeline';
import { checkUsableInput } from '../../core/load/input';
import { guardDb, guardFactory } from '../guard-db';
import type { Activity } from '../../core/guard/types';
import type { Report } from '../../core/report/types';
import prebuiltCanonical from 'virtual:skeldir-canonical';
import prebuiltSample from 'virtual:skeldir-sample';
import { browserFactory } from './factory';
import { preparedFromPrebuilt } from './prebuilt-canonical';
import type { CheckRequest, FixRequest, FromWorker, SqlQueryRequest, ToWorker } from './protocol';
import { lintFiles, reversibility } from './migrations';
import { smokeForOverlay } from './smoke-choice';
import { bootMarks, mark } from './boot-marks';
import { pgliteWasmMemory } from '../pglite';
import { prefetchFirst, settleFirst } from './prefetch';

declare const self: DedicatedWorkerGlobalScope;
mark('engine_loaded');
/** The start-up profile, sent with results (the bench's breakdown of the first verdict). */
let checksReceived = 0;
const profile = () => ({ marks: { ...bootMarks }, wasm: pgliteWasmMemory(), checks: checksReceived });

const TOOL_VERSION = (import.meta.env.VITE_TOOL_VERSION as string | undefined) ?? '0.1.0';
const ROW_CAP = 1000;
/** The smoke tests are Skeldir data shipped with the app (schema/smoke/*.yaml). */
const BUNDLED_SMOKE = Object.entries(
  import.meta.glob('/schema/smoke/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
).sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, yaml]) => ({ name: path.replace(/^\//, ''), yaml }));

/** The bundled overlay's text: the smoke tests above go with it, and only with it. */
const BUNDLED_OVERLAY = Object.values(
  import.meta.glob('/schema/canonical_schema.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
)[0] ?? '';

const post = (m: FromWorker) => self.postMessage(m);
const factory = browserFactory((stage) => post({ type: 'progress', id: current?.id ?? 0, dump: null, stage }));

/**
 * PostgreSQL here can no longer be trusted (guard-db.ts): tell the page, whose watchdog
 * terminates this worker and blames the running statement; send nothing more meanwhile.
 */
function poisoned(): Promise<never> {
  post({ type: 'poisoned', id: current?.id ?? 0 });
  return new Promise<never>(() => {});
}
const guarded = guardFactory(factory, poisoned);

interface Run {
  id: number;
  controller: AbortController;
  finished: Promise<void>;
}
let current: Run | null = null;

/** Databases of the latest results: `canonical` and one per dump key. */
const dbs = new Map<string, Db>();
/** What each dump of the latest run was checked with and found (the fix starts from it). */
const checked = new Map<string, { input: CheckInput; report: Report; dumpModel: SchemaModel }>();

function keep(key: string, db: Db | undefined) {
  if (!db) return;
  const old = dbs.get(key);
  dbs.set(key, db);
  // The canonical database may be shared between results of one run: close only a replaced one
  // that no other key still uses.
  if (old && old !== db && ![...dbs.values()].includes(old)) void old.close().catch(() => {});
}

/**
 * The canonical schema loaded and introspected once, shared by every dump of a run and kept
 * across runs while its text is unchanged (editing a dump or adding one does not reload it).
 */
let prepared: PreparedCanonical | null = null;

async function canonicalFor(req: CheckRequest, env: Parameters<typeof prepareCanonical>[1]): Promise<PreparedCanonical> {
  const { sha256 } = await sha256Hex(req.canonical.text);
  if (prepared && prepared.name === req.canonical.name && prepared.sha256 === sha256) return prepared;
  // The bundled canonical, unedited: prepared at build time (its database starts on first use).
  const open = async (url: string, ext: readonly string[]) => guardDb(await factory.open(url, ext), poisoned);
  const next = preparedFromPrebuilt(prebuiltCanonical, req.canonical.name, sha256, open)
    ?? await prepareCanonical({ name: req.canonical.name, sql: req.canonical.text }, env);
  prepared = next;
  keep('canonical', next.db);
  return next;
}

/**
 * The bundled default sample's database, loaded at build time (build/prepare-sample.ts), started
 * when the page says a first visit will check it; taken by the first check of exactly that text
 * (runCheck verifies name and sha256 and closes it otherwise).
 */
let sampleDb: Promise<Db> | null = null;

function startSample(): void {
  if (!prebuiltSample || sampleDb) return;
  const { url, meta } = prebuiltSample;
  mark('sample_requested');
  sampleDb = factory.open(url, meta.extensions).then((db) => { mark('sample_started'); return guardDb(db, poisoned); });
  sampleDb.catch(() => {});
}

/** The prepared sample for `dump`, if it is the one: taken (used once). */
async function preloadedFor(dump: CheckRequest['dumps'][number]): Promise<PreloadedDump | undefined> {
  if (!prebuiltSample || !sampleDb || dump.name !== prebuiltSample.meta.name) return undefined;
  const pending = sampleDb;
  sampleDb = null;
  try {
    return { name: prebuiltSample.meta.name, sha256: prebuiltSample.meta.sha256, summary: prebuiltSample.meta.summary, db: await pending };
  } catch (err) {
    console.warn('Prepared sample database unavailable: loading the dump', err);
    return undefined;
  }
}

async function check(req: CheckRequest, controller: AbortController): Promise<void> {
  mark('check_received');
  const { signal } = controller;
  let cancelled = false;
  try {
    let canonical: PreparedCanonical | undefined;
    for (const dump of req.dumps) {
      if (signal.aborted) break;
      const t0 = performance.now();
      try {
        const env = {
          factory: guarded,
          now: () => new Date(),
          toolVersion: TOOL_VERSION,
          signal,
          withData: req.withData,
          stops: req.stops,
          onActivity: (activity: Activity | null) => post({ type: 'activity', id: req.id, activity }),
          onProgress: (stage: string, done?: number, total?: number) =>
            post({ type: 'progress', id: req.id, dump: dump.key, stage, done, total }),
          // The structural verdict first; RLS and smoke cells follow in the result.
          onStructural: ({ report }: { report: Report }) =>
            post({ type: 'structural', id: req.id, dump: dump.key, report, ms: performance.now() - t0, profile: profile() }),
        };
        const input: CheckInput = {
          canonical: { name: req.canonical.name, sql: req.canonical.text },
          spec: req.spec ? { name: req.spec.name, yaml: req.spec.text } : null,
          // The CLI's input checks, the same function: empty, JSON, prose, binary → exit 3 here too.
          dump: { name: dump.name, sql: checkUsableInput(dump.sql, dump.name, { maxBytes: req.maxInputBytes }) },
          phase: req.phase,
          // Skeldir's smoke tests belong to Skeldir's overlay (by content): another or an edited one brings none.
          smoke: smokeForOverlay(req.spec, BUNDLED_OVERLAY, BUNDLED_SMOKE),
          seeds: req.seeds ? { name: req.seeds.name, yaml: req.seeds.text } : null,
        };
        // The overlay is parsed first: a YAML error is reported before PostgreSQL does any work.
        const spec = input.spec ? specOf(input) : null;
        const phases = spec?.phases ?? [];
        canonical ??= await canonicalFor(req, env);
        const result = await runCheck(input, env, { canonical, dump: await preloadedFor(dump) });
        if (signal.aborted) {
          void result.dumpDb?.close().catch(() => {});
          break;
        }
        keep('canonical', result.canonicalDb);
        keep(dump.key, result.dumpDb);
        checked.set(dump.key, { input, report: result.report, dumpModel: result.dumpModel });
        post({
          type: 'result', id: req.id, dump: dump.key, report: result.report,
          canonicalModel: result.canonicalModel, dumpModel: result.dumpModel, phases, spec, ms: performance.now() - t0, profile: profile(),
        });
      } catch (err) {
        if (signal.aborted) break;
        post(errorMessage(req.id, dump.key, err));
        // An unusable canonical/spec fails every dump the same way: stop, report once.
        if (err instanceof InputError && err.location.source !== dump.name) break;
      }
    }
  } finally {
    cancelled = signal.aborted;
    post({ type: 'done', id: req.id, cancelled });
    // A prepared sample this run did not use is not kept (its WASM memory is freed).
    if (sampleDb) {
      void sampleDb.then((db) => db.close()).catch(() => {});
      sampleDb = null;
    }
    // The next dump the user opens gets a database already started (the check took the spare):
    // started now, while the page is idle, instead of on "Open dump".
    if (!cancelled) factory.warm();
  }
}

function errorMessage(id: number, dump: string | null, err: unknown): FromWorker {
  const e = err as { message?: string; location?: { source: string; line?: number; column?: number } };
  return {
    type: 'error', id, dump,
    message: err instanceof Error ? err.message : String(err),
    location: err instanceof InputError ? { ...err.location } : e?.location ? { ...e.location } : null,
  };
}

async function sqlQuery(req: SqlQueryRequest): Promise<void> {
  const t0 = performance.now();
  const db = dbs.get(req.target);
  const base = { type: 'sql-result' as const, id: req.id, fields: [] as string[], rows: [] as unknown[][], affectedRows: null, rowCount: 0 };
  if (!db) {
    post({ ...base, ms: 0, error: { message: `No database "${req.target}" yet: wait for the check to finish.`, sqlstate: null, position: null } });
    return;
  }
  let inTx = false;
  try {
    if (req.asTenant) {
      await db.query('BEGIN');
      inTx = true;
      // SET ROLE to a non-superuser makes RLS policies apply; set_config(…, true) is local to this transaction.
      await db.query(`SET LOCAL ROLE ${quoteIdent(req.asTenant.role)}`);
      await db.query('SELECT set_config($1, $2, true)', [req.asTenant.guc, req.asTenant.tenant]);
    }
    const r = await db.query(req.sql);
    if (inTx) await db.query('COMMIT');
    const fields = r.fields.map((f) => f.name);
    const rows = r.rows.slice(0, ROW_CAP).map((row) => fields.map((f) => (row as Record<string, unknown>)[f]));
    post({ ...base, fields, rows, rowCount: r.rows.length, affectedRows: r.affectedRows ?? null, ms: performance.now() - t0, error: null });
  } catch (err) {
    if (inTx) await db.query('ROLLBACK').catch(() => {});
    const f = pgErrorFields(err);
    post({ ...base, ms: performance.now() - t0, error: { message: f.message, sqlstate: f.code ?? null, position: f.position ? Number(f.position) : null } });
  }
}

/**
 * Plans and proves the fix of a dump of the latest run, from its loaded database (never
 * changed: the proof runs on copies). Waits for a running check to finish first.
 */
async function fix(req: FixRequest): Promise<void> {
  const t0 = performance.now();
  const base = { type: 'fix-result' as const, id: req.id, dump: req.dump, toolVersion: TOOL_VERSION };
  const none = { plan: null, script: null, verification: null, down: null };
  try {
    await current?.finished;
    const last = checked.get(req.dump);
    const db = dbs.get(req.dump);
    if (!last || !db || !prepared) {
      post({ ...base, ...none, ms: 0, error: 'no checked database for this dump yet: wait for the check to finish' });
      return;
    }
    const env = { factory, now: () => new Date(), toolVersion: TOOL_VERSION };
    const proof = await proveFix({ input: last.input, env, prepared, dumpDb: db, dumpModel: last.dumpModel, divergences: last.report.divergences, down: true });
    post({ ...base, plan: proof.plan, script: proof.script, verification: proof.verification, down: proof.down, ms: performance.now() - t0, error: null });
  } catch (err) {
    post({ ...base, ...none, ms: performance.now() - t0, error: err instanceof Error ? err.message : String(err) });
  }
}

/** One message from the page (engine.worker.ts passes them in order, those that came early too). */
export function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'check': {
      checksReceived++;
      const previous = current;
      previous?.controller.abort();
      const controller = new AbortController();
      const run: Run = {
        id: msg.id,
        controller,
        // Runs are serialised: the next starts once the cancelled one has let go of PGlite.
        finished: (previous?.finished ?? Promise.resolve()).then(() => (controller.signal.aborted ? post({ type: 'done', id: msg.id, cancelled: true }) : check(msg, controller))),
      };
      current = run;
      break;
    }
    case 'cancel':
      if (current?.id === msg.id) current.controller.abort();
      break;
    case 'sql-query':
      void sqlQuery(msg);
      break;
    case 'prefetch':
      prefetchFirst(msg.sample);
      break;
    case 'warm':
      // Drops a download the page's guess started for the other one (engine.worker.ts).
      settleFirst(!!msg.sample);
      // One database ahead, not two: the prepared sample, or (without it) an empty spare.
      if (msg.sample && prebuiltSample) startSample();
      else if (!sampleDb) factory.warm();
      break;
    case 'forget':
      // Removed dumps free their database (and its WASM memory) at once.
      for (const key of [...dbs.keys()]) {
        if (key === 'canonical' || msg.keep.includes(key)) continue;
        const db = dbs.get(key)!;
        dbs.delete(key);
        if (![...dbs.values()].includes(db)) void db.close().catch(() => {});
      }
      break;
    case 'fix':
      void fix(msg);
      break;
    case 'lint':
      void lintFiles(msg).then(post);
      break;
    case 'reversibility':
      void reversibility(msg, factory, TOOL_VERSION).then(post);
      break;
  }
}
