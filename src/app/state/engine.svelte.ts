/**
 * The engine worker, wrapped: post a check, get per-dump results as `$state.raw`.
 * Stale messages (from a run that was replaced) are dropped by run id.
 *
 * The page is the engine's watchdog (core/guard/supervise.ts, the same decisions as the CLI's):
 * the worker says what statement it is running; one that outlives the statement budget, or a
 * PostgreSQL that overflowed its stack, gets the worker terminated and a fresh one started with
 * the stop list, so the rest of the dump still loads. Cancel terminates the worker at once.
 *
 * Only dumps whose inputs changed are checked (adding a dump checks that dump); removed dumps
 * free their database. The dump being checked is written to localStorage as it runs: if the page
 * dies during it, the next page shows "stopped at line N last time — run again?" for that dump
 * and never re-runs it by itself.
 */
import type { CheckRequest, FixResultMessage, FromWorker, WorkerProfile, LintRequest, LintResultMessage, ReversibilityRequest, ReversibilityResultMessage, SqlQueryRequest, SqlResultMessage, ToWorker } from '../../adapters/browser/protocol';
import { supervise, type EngineAttempt } from '../../core/guard/supervise';
import type { Activity, Stop } from '../../core/guard/types';
import { DEFAULT_MAX_INPUT_BYTES } from '../../core/load/input';
import type { SchemaModel } from '../../core/model';
import type { Report } from '../../core/report/types';
import type { Phase, Spec } from '../../core/spec/types';
import { readJson, writeJson } from '../lib/local';
import { getCachedVerdict, putCachedVerdict, verdictKey } from '../lib/verdict-cache';
import { idbGet } from '../lib/idb';
import { isShareFragment } from '../share/codec';
import { SESSION_KEY } from './session.svelte';
import { checkInputs, sameInputs, type CheckInputs } from './freshness';
import type { Sources } from './sources.svelte';

export interface RunError {
  message: string;
  location: { source: string; line?: number; column?: number } | null;
}

export interface DumpOutcome {
  key: string;
  name: string;
  /**
   * `stale`: the last run ended without a new result for this dump (e.g. the YAML broke); `report` is the previous one.
   * `interrupted`: the page went away while this dump was being checked; it waits for "Run again".
   */
  status: 'queued' | 'running' | 'done' | 'error' | 'stale' | 'interrupted';
  report: Report | null;
  dumpModel: SchemaModel | null;
  error: RunError | null;
  ms: number | null;
  /**
   * While `running`: this check's structural result, streamed before its RLS suite and smoke tests
   * finish (divergences final, `rls` / `smoke` not run yet). Cleared when the result arrives.
   */
  structural?: Report | null;
  /** `interrupted`: the line the check was at when the page went away (null: before any statement). */
  stoppedAt?: number | null;
  /**
   * Set while `report` is a result kept from an earlier page for identical inputs (warm revisit,
   * lib/verdict-cache.ts): the ISO time it was computed. This page's own check is running and
   * replaces it; cleared when it does.
   */
  cachedAt?: string | null;
}

export interface Progress {
  dump: string | null;
  stage: string;
  done?: number;
  total?: number;
}

export interface EngineSettings {
  /** Statement budget, seconds (the CLI's --statement-timeout); 0 = none. */
  budgetSeconds: number;
  /** Load COPY data (the CLI's --with-data). */
  withData: boolean;
}

const SETTINGS_KEY = 'skeldir-engine-settings';
/** Set once this browser profile has run a check (so has a saved session): the first database's guess. */
const CHECKED_KEY = 'skeldir-checked-before';
/** The dump being checked and its current line, written as it runs (survives a crashed tab). */
const RUNNING_KEY = 'skeldir-check-running';
/** Dumps whose check the page did not survive: key → line. */
const INTERRUPTED_KEY = 'skeldir-check-interrupted';

interface RunningMarker { key: string; line: number | null }

/** A check request the worker has not finished, with the watchdog attempt waiting on it. */
interface Pending {
  req: CheckRequest;
  resolve: () => void;
  reject: (err: unknown) => void;
  onActivity: (a: Activity | null) => void;
}

/** The worker's start-up marks on this page's timeline (ms since navigation start), for the bench. */
function pageRelative(p: WorkerProfile | undefined) {
  if (!p) return null;
  return { marks: Object.fromEntries(Object.entries(p.marks).map(([k, v]) => [k, Math.round(v - performance.timeOrigin)])), wasm: p.wasm, checks: p.checks };
}

function newEngineWorker(): Worker {
  return new Worker(new URL('../../adapters/browser/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}

/** The engine worker started ahead of the UI (startEngineWorker), until an Engine adopts it. */
/** `failed`: the worker's error message (null while it is well). */
let early: { worker: Worker; said: FromWorker[]; failed: string | null } | null = null;

/**
 * Starts the engine worker and its first PostgreSQL now, before the UI is mounted (main.ts): the
 * worker's module, PGlite's WASM compile and the first database start then overlap the page's
 * own start-up instead of following it. The first Engine to need a worker takes this one.
 */
export function startEngineWorker(): void {
  if (early || typeof Worker === 'undefined') return;
  const worker = newEngineWorker();
  const started = { worker, said: [] as FromWorker[], failed: null as string | null };
  worker.onmessage = (ev: MessageEvent<FromWorker>) => { started.said.push(ev.data); };
  worker.onerror = (ev) => { started.failed = ev.message || 'the engine worker failed while starting'; };
  // A guess now, from localStorage (synchronous), so the first database's data directory downloads
  // while IndexedDB is read for the answer below: a page that never ran a check has no session.
  worker.postMessage({ type: 'prefetch', sample: !isShareFragment(location.hash) && !readJson<boolean>(CHECKED_KEY, false) } satisfies ToWorker);
  // The worker fetches and compiles PostgreSQL meanwhile; which database to start ahead depends
  // on whether this page will restore a session (or open a share link) or show the bundled sample.
  void firstVisit().then((sample) => worker.postMessage({ type: 'warm', sample } satisfies ToWorker));
  early = started;
}

/** No saved session and no share link: the first check will be the bundled default sample's. */
async function firstVisit(): Promise<boolean> {
  if (isShareFragment(location.hash)) return false;
  try {
    return (await idbGet(SESSION_KEY)) === undefined;
  } catch {
    return true; // no IndexedDB: nothing can be restored
  }
}

export class Engine {
  #worker: Worker | null = null;
  #run = 0;
  #queryId = 0;
  #queries = new Map<number, (r: SqlResultMessage) => void>();
  #pending = new Map<number, Pending>();
  /** The run whose messages arrived last: the one the worker is executing. */
  #executing = 0;
  /** The inputs each dump was last sent to be checked with: a dump is re-checked only when they change. */
  #queuedWith = new Map<string, CheckInputs>();
  #cancel: AbortController | null = null;
  #fixes = new Map<number, (r: FixResultMessage) => void>();
  /** Dump key → the verdict-cache key of the inputs it is being checked with, and the run. */
  #cacheKeys = new Map<string, { run: number; key: Promise<string> }>();
  /** Only the page's first check may show kept results (a warm revisit); later ones always wait for their run. */
  #firstCheck = true;

  outcomes = $state.raw<Record<string, DumpOutcome>>({});
  /** The inputs each dump's `report` was computed from (freshness.ts compares them with the current ones). */
  reportInputs = $state.raw<Record<string, CheckInputs>>({});
  canonicalModel = $state.raw<SchemaModel | null>(null);
  /** Phases of the overlay the last result was checked with. */
  phases = $state.raw<Phase[]>([]);
  /** The overlay the last result was checked with (parsed in the worker); null without one. */
  spec = $state.raw<Spec | null>(null);
  progress = $state.raw<Progress | null>(null);
  running = $state(false);
  /** A failure of the whole run (e.g. the canonical SQL or YAML is unusable). */
  runError = $state.raw<RunError | null>(null);
  /** performance.now() when the first structural result of this page arrived (bench). */
  firstStructuralAt = $state<number | null>(null);
  /** performance.now() when the first verdict of this page arrived (bench). */
  firstVerdictAt = $state<number | null>(null);
  settings = $state.raw<EngineSettings>({ budgetSeconds: 10, withData: false, ...readJson<Partial<EngineSettings>>(SETTINGS_KEY, {}) });
  /** Statements the watchdog stopped in the latest run (shown as they happen). */
  stops = $state.raw<Stop[]>([]);
  /** Dumps whose check the user cancelled in this page: key → where the check was (its last progress). */
  cancelled = $state.raw<Record<string, Progress | null>>({});
  /** Dumps the last page did not survive checking: key → line. */
  interrupted = $state.raw<Record<string, number | null>>(Engine.#takeInterrupted());

  /** A check that was running when the last page went away becomes "interrupted". */
  static #takeInterrupted(): Record<string, number | null> {
    const before = readJson<Record<string, number | null>>(INTERRUPTED_KEY, {});
    const running = readJson<RunningMarker | null>(RUNNING_KEY, null);
    if (running?.key) {
      before[running.key] = running.line;
      writeJson(INTERRUPTED_KEY, before);
      writeJson(RUNNING_KEY, null);
    }
    return before;
  }

  setSettings(next: Partial<EngineSettings>) {
    this.settings = { ...this.settings, ...next };
    writeJson(SETTINGS_KEY, this.settings);
  }

  #ensure(): Worker {
    if (!this.#worker) {
      // The worker main.ts started before the page mounted, if any (once): what it said meanwhile is replayed.
      const adopted = early;
      early = null;
      const worker = adopted?.worker ?? newEngineWorker();
      worker.onmessage = (ev: MessageEvent<FromWorker>) => { if (this.#worker === worker) this.#receive(ev.data); };
      // An uncaught error or a WASM trap in the worker: the running statement is the culprit.
      worker.onerror = (ev) => { if (this.#worker === worker) this.#restart(this.#executing, new Error(ev.message || 'the engine worker failed')); };
      this.#worker = worker;
      for (const m of adopted?.said ?? []) this.#receive(m);
      if (adopted?.failed) {
        // As a worker failing later: the run it was to do fails with the worker's own message.
        const first = this.#pending.keys().next();
        this.#restart(first.done ? null : first.value, new Error(adopted.failed));
        return this.#ensure();
      }
      // Requests of other runs that the old worker had not finished go to the new one.
      for (const p of this.#pending.values()) worker.postMessage(p.req);
    }
    return this.#worker;
  }

  #post(m: ToWorker) {
    this.#ensure().postMessage(m);
  }

  /**
   * Terminates the worker at once. The run `id` (if any) gets `err` (the watchdog decides what to
   * blame); every other unfinished request is posted again to the next worker. The SQL console
   * loses that worker's databases: its queries get an answer saying so.
   */
  #restart(id: number | null, err: unknown) {
    this.#worker?.terminate();
    this.#worker = null;
    for (const [qid, resolve] of this.#queries) {
      resolve({ type: 'sql-result', id: qid, fields: [], rows: [], affectedRows: null, rowCount: 0, ms: 0,
        error: { message: 'The engine was restarted; run the query again.', sqlstate: null, position: null } });
    }
    this.#queries.clear();
    // Fix plans, lint and reversibility ran in that worker too: answer them rather than leave them waiting.
    const gone = 'The engine was restarted; run it again.';
    for (const [fid, resolve] of this.#fixes) {
      resolve({ type: 'fix-result', id: fid, dump: '', plan: null, script: null, verification: null, down: null, toolVersion: '', ms: 0, error: gone });
    }
    this.#fixes.clear();
    for (const [mid, resolve] of this.#migrationReplies) {
      resolve({ type: 'lint-result', id: mid, results: [], error: { message: gone, location: null } });
    }
    this.#migrationReplies.clear();
    const p = id === null ? undefined : this.#pending.get(id);
    if (p) {
      this.#pending.delete(id!);
      p.reject(err);
    }
    if (this.#pending.size) this.#ensure();
  }

  /** The dumps this check must run: new, edited, or not finished; never an interrupted one. */
  #todo(sources: Sources): Sources['dumps'] {
    return sources.dumps.filter((d) => {
      if (d.key in this.interrupted) return false;
      const o = this.outcomes[d.key];
      if (!o || (o.status !== 'done' && o.status !== 'error')) return true;
      return !sameInputs(this.#queuedWith.get(d.key), checkInputs(sources, d.sql, this.settings));
    });
  }

  /** Checks the dumps whose inputs changed; a running check of other inputs is cancelled first. */
  check(sources: Sources) {
    const keys = new Set(sources.dumps.map((d) => d.key));
    // Removed dumps: forget their outcome, free their database in the worker.
    if (Object.keys(this.outcomes).some((k) => !keys.has(k)) || Object.keys(this.interrupted).some((k) => !keys.has(k))) {
      this.outcomes = Object.fromEntries(Object.entries(this.outcomes).filter(([k]) => keys.has(k)));
      this.reportInputs = Object.fromEntries(Object.entries(this.reportInputs).filter(([k]) => keys.has(k)));
      this.interrupted = Object.fromEntries(Object.entries(this.interrupted).filter(([k]) => keys.has(k)));
      writeJson(INTERRUPTED_KEY, this.interrupted);
      if (this.#worker) this.#post({ type: 'forget', keep: [...keys] });
    }
    const todo = this.#todo(sources);
    const id = ++this.#run;
    // A running check is superseded: cancelled in the worker (its unfinished dumps are in `todo`).
    for (const pid of this.#pending.keys()) this.#worker?.postMessage({ type: 'cancel', id: pid } satisfies ToWorker);
    const next: Record<string, DumpOutcome> = { ...this.outcomes };
    for (const d of sources.dumps) {
      const prev = this.outcomes[d.key];
      if (d.key in this.interrupted) {
        next[d.key] = { key: d.key, name: d.name, status: 'interrupted', report: prev?.report ?? null, dumpModel: prev?.dumpModel ?? null, error: null, ms: null, stoppedAt: this.interrupted[d.key] };
      } else if (todo.includes(d)) {
        // Keep the previous report visible (marked queued) until the new one arrives.
        next[d.key] = { key: d.key, name: d.name, status: 'queued', report: prev?.report ?? null, dumpModel: prev?.dumpModel ?? null, error: null, ms: prev?.ms ?? null };
      } else if (prev && prev.name !== d.name) next[d.key] = { ...prev, name: d.name };
    }
    this.outcomes = next;
    this.runError = null;
    this.stops = [];
    this.running = todo.length > 0;
    this.progress = todo.length ? { dump: null, stage: 'start' } : null;
    if (todo.length === 0) return;
    for (const d of todo) this.#queuedWith.set(d.key, checkInputs(sources, d.sql, this.settings));
    if (this.#firstCheck) {
      performance.mark('skeldir:check-posted');
      writeJson(CHECKED_KEY, true);
    }
    this.#keepCacheKeys(id, sources, todo);
    const base: Omit<CheckRequest, 'stops'> = {
      type: 'check', id,
      canonical: { name: sources.canonical.name, text: sources.canonical.text },
      spec: sources.spec ? { name: sources.spec.name, text: sources.spec.text } : null,
      seeds: sources.seeds ? { name: sources.seeds.name, text: sources.seeds.text } : null,
      dumps: todo.map((d) => ({ key: d.key, name: d.name, sql: d.sql })),
      phase: sources.phase, withData: this.settings.withData, maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
    };
    this.#cancel = new AbortController();
    const start = (stops: readonly Stop[], onActivity: (a: Activity | null) => void): EngineAttempt<void> => {
      // A run superseded meanwhile is not restarted: the newer one checks its dumps.
      if (id !== this.#run) return { done: Promise.resolve(), kill: () => {} };
      // A restart checks only the dumps that have no new result yet.
      const left = base.dumps.filter((d) => this.outcomes[d.key]?.status === 'queued' || this.outcomes[d.key]?.status === 'running');
      const req: CheckRequest = { ...base, dumps: left, stops: [...stops] };
      const done = new Promise<void>((resolve, reject) => this.#pending.set(id, { req, resolve, reject, onActivity }));
      // A new worker is sent every pending request as it starts (#ensure).
      if (this.#worker) this.#worker.postMessage(req);
      else this.#ensure();
      return { done, kill: () => this.#restart(id, new Error('stopped by the watchdog')) };
    };
    void supervise(start, {
      budgetMs: this.settings.budgetSeconds * 1000,
      signal: this.#cancel.signal,
      onStop: (s) => { if (id === this.#run) this.stops = [...this.stops, s]; },
    }).catch((err: unknown) => {
      if (id !== this.#run) return;
      if (!this.#cancel?.signal.aborted) this.runError = { message: `The engine stopped: ${(err as Error)?.message ?? String(err)}`, location: null };
      this.#finish(id);
    });
  }

  /**
   * Warm revisit: the page's first check shows, for each dump without a report yet, the result an
   * earlier page computed for identical inputs (labelled with its time) until this run's own
   * result replaces it. Every check remembers its inputs' key so its result is kept.
   */
  #keepCacheKeys(id: number, sources: Sources, todo: Sources['dumps']) {
    const show = this.#firstCheck;
    this.#firstCheck = false;
    // The inputs freshness compares (checkInputs, the statement budget among them), plus what
    // names the result: the overlay's and seeds' file names (in locations) and the dump's name.
    const named = [sources.spec?.name ?? null, sources.seeds?.name ?? null];
    for (const d of todo) {
      const key = verdictKey([checkInputs(sources, d.sql, this.settings), ...named, d.name]);
      this.#cacheKeys.set(d.key, { run: id, key });
      if (!show) continue;
      void key.then(getCachedVerdict).then((kept) => {
        const o = this.outcomes[d.key];
        // Only while this run is still the latest and has nothing of its own to show.
        if (!kept || id !== this.#run || !o || o.report || o.structural || (o.status !== 'queued' && o.status !== 'running')) return;
        this.#patch(d.key, { report: kept.report, dumpModel: kept.dumpModel, cachedAt: kept.at });
        performance.mark('skeldir:kept-read');
        // Computed from exactly these inputs (that is its key): freshness says "kept", not "changed".
        const inputs = this.#queuedWith.get(d.key);
        if (inputs) this.reportInputs = { ...this.reportInputs, [d.key]: inputs };
        if (!this.canonicalModel) {
          this.canonicalModel = kept.canonicalModel;
          this.phases = kept.phases;
          this.spec = kept.spec;
        }
      });
    }
  }

  /** "Run again" for a dump the last page did not survive checking. */
  runAgain(key: string, sources: Sources) {
    const { [key]: _c, ...notCancelled } = this.cancelled;
    this.cancelled = notCancelled;
    const { [key]: _, ...rest } = this.interrupted;
    this.interrupted = rest;
    writeJson(INTERRUPTED_KEY, rest);
    this.check(sources);
  }

  /** Starts the worker and PostgreSQL early, while the session is still being restored. */
  warm() {
    // The worker started before the UI (startEngineWorker) was told what to start ahead already.
    const adopting = early !== null && this.#worker === null;
    this.#ensure();
    if (!adopting) this.#post({ type: 'warm' });
  }

  /**
   * Stops the check now: the worker is terminated (a statement in progress cannot hold it). The
   * dumps it had not finished wait for "Run again" like interrupted ones, at the line they were at.
   */
  cancel() {
    const left = Object.values(this.outcomes).filter((o) => o.status === 'queued' || o.status === 'running');
    if (left.length) {
      // Say what was cancelled: the running dump at its stage and count, the queued ones not started.
      const at = this.progress;
      this.cancelled = { ...this.cancelled, ...Object.fromEntries(left.map((o) => [o.key, o.status === 'running' && at?.dump === o.key ? at : null])) };
      const marker = readJson<RunningMarker | null>(RUNNING_KEY, null);
      this.interrupted = { ...this.interrupted, ...Object.fromEntries(left.map((o) => [o.key, marker?.key === o.key ? marker.line : null])) };
      writeJson(INTERRUPTED_KEY, this.interrupted);
      this.outcomes = { ...this.outcomes, ...Object.fromEntries(left.map((o) => [o.key, { ...o, status: 'interrupted' as const, stoppedAt: this.interrupted[o.key] }])) };
    }
    this.#cancel?.abort(new DOMException('Cancelled', 'AbortError'));
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#restart(null, null);
    for (const p of pending) p.reject(new DOMException('Cancelled', 'AbortError'));
    this.#finish(this.#run);
  }

  query(target: string, sql: string, asTenant: SqlQueryRequest['asTenant']): Promise<SqlResultMessage> {
    // Query ids are negative so they can never collide with run ids.
    const id = -++this.#queryId;
    // A plain copy: a $state proxy cannot be structured-cloned to the worker.
    const tenant = asTenant ? { role: asTenant.role, guc: asTenant.guc, tenant: asTenant.tenant } : null;
    return new Promise((resolve) => {
      this.#queries.set(id, resolve);
      try {
        this.#post({ type: 'sql-query', id, target, sql, asTenant: tenant });
      } catch (err) {
        this.#queries.delete(id);
        resolve({ type: 'sql-result', id, fields: [], rows: [], affectedRows: null, rowCount: 0, ms: 0,
          error: { message: `Could not send the query to the engine: ${(err as Error).message}`, sqlstate: null, position: null } });
      }
    });
  }

  /** Plans and proves the corrective migration of a dump of the latest run (src/core/fix, in the worker). */
  fix(dump: string): Promise<FixResultMessage> {
    const id = -++this.#queryId;
    return new Promise((resolve) => {
      this.#fixes.set(id, resolve);
      try {
        this.#post({ type: 'fix', id, dump });
      } catch (err) {
        this.#fixes.delete(id);
        resolve({ type: 'fix-result', id, dump, plan: null, script: null, verification: null, down: null, toolVersion: '', ms: 0, error: `Could not reach the engine: ${(err as Error).message}` });
      }
    });
  }

  #patch(key: string, patch: Partial<DumpOutcome>) {
    const prev = this.outcomes[key];
    if (!prev) return;
    this.outcomes = { ...this.outcomes, [key]: { ...prev, ...patch } };
  }

  /** The run ended (finished, failed or cancelled): what it did not get to is marked stale. */
  #finish(id: number) {
    if (id !== this.#run) return;
    writeJson(RUNNING_KEY, null);
    const left = Object.values(this.outcomes).filter((o) => o.status === 'queued' || o.status === 'running');
    if (left.length) {
      const next = { ...this.outcomes };
      for (const o of left) next[o.key] = { ...o, status: 'stale' };
      this.outcomes = next;
    }
    this.running = false;
    this.progress = null;
  }

  #migrationReplies = new Map<number, (r: LintResultMessage | ReversibilityResultMessage) => void>();

  /** Lint migration files in the worker (Migrations view). */
  lint(files: LintRequest['files'], spec: LintRequest['spec']): Promise<LintResultMessage> {
    return this.#ask({ type: 'lint', id: -++this.#queryId, files: files.map((f) => ({ ...f })), spec: spec ? { ...spec } : null }) as Promise<LintResultMessage>;
  }

  /** Upgrade → downgrade → upgrade on `base` in the worker (Migrations view). */
  reversibility(req: Omit<ReversibilityRequest, 'type' | 'id'>): Promise<ReversibilityResultMessage> {
    const plain = (t: { name: string; text: string }) => ({ name: t.name, text: t.text });
    return this.#ask({ type: 'reversibility', id: -++this.#queryId, base: plain(req.base), up: plain(req.up), down: plain(req.down), spec: req.spec ? plain(req.spec) : null }) as Promise<ReversibilityResultMessage>;
  }

  #ask(m: LintRequest | ReversibilityRequest): Promise<LintResultMessage | ReversibilityResultMessage> {
    return new Promise((resolve) => {
      this.#migrationReplies.set(m.id, resolve);
      this.#post(m);
    });
  }

  #receive(m: FromWorker) {
    if (m.type === 'fix-result') {
      this.#fixes.get(m.id)?.(m);
      this.#fixes.delete(m.id);
      return;
    }
    if (m.type === 'lint-result' || m.type === 'reversibility-result') {
      this.#migrationReplies.get(m.id)?.(m);
      this.#migrationReplies.delete(m.id);
      return;
    }
    if (m.type === 'sql-result') {
      this.#queries.get(m.id)?.(m);
      this.#queries.delete(m.id);
      return;
    }
    this.#executing = m.id;
    if (m.type === 'activity') {
      this.#pending.get(m.id)?.onActivity(m.activity);
      if (m.id === this.#run && m.activity && this.progress?.dump) writeJson(RUNNING_KEY, { key: this.progress.dump, line: m.activity.line } satisfies RunningMarker);
      return;
    }
    if (m.type === 'poisoned') {
      this.#restart(m.id, Object.assign(new Error('PostgreSQL overflowed its stack'), { stopReason: 'stack' }));
      return;
    }
    if (m.type === 'done') {
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      p?.resolve();
      this.#finish(m.id);
      return;
    }
    if (m.id !== this.#run) return;
    switch (m.type) {
      case 'progress':
        this.progress = { dump: m.dump, stage: m.stage, done: m.done, total: m.total };
        if (m.dump && this.outcomes[m.dump]?.status === 'queued') {
          this.#patch(m.dump, { status: 'running', structural: null });
          writeJson(RUNNING_KEY, { key: m.dump, line: null } satisfies RunningMarker);
        }
        break;
      case 'structural':
        if (this.outcomes[m.dump]?.status !== 'running') break;
        // A kept verdict for identical inputs stays on screen until this run's own verdict: the
        // structural result would replace a whole verdict with a partial one of the same inputs.
        if (!this.outcomes[m.dump].cachedAt) this.#patch(m.dump, { structural: m.report });
        if (this.firstStructuralAt === null) {
          this.firstStructuralAt = performance.now();
          performance.mark('skeldir:first-structural', { detail: { timings: m.report.timings, worker_ms: m.ms, worker: pageRelative(m.profile) } });
        }
        break;
      case 'result':
        this.canonicalModel = m.canonicalModel;
        this.phases = m.phases;
        this.spec = m.spec;
        this.#patch(m.dump, { status: 'done', report: m.report, structural: null, dumpModel: m.dumpModel, error: null, ms: m.ms, cachedAt: null });
        this.reportInputs = { ...this.reportInputs, [m.dump]: this.#queuedWith.get(m.dump)! };
        {
          const kept = this.#cacheKeys.get(m.dump);
          if (kept?.run === m.id) {
            const value = { at: new Date().toISOString(), report: m.report, dumpModel: m.dumpModel, canonicalModel: m.canonicalModel, phases: m.phases, spec: m.spec };
            void kept.key.then((key) => putCachedVerdict(key, value));
          }
        }
        // Every verdict's engine stages, the latest kept (bench/browser.mjs: Open dump → verdict).
        performance.clearMarks('skeldir:verdict');
        performance.mark('skeldir:verdict', { detail: { dump: m.dump, timings: m.report.timings, worker_ms: m.ms } });
        if (this.firstVerdictAt === null) {
          this.firstVerdictAt = performance.now();
          // User Timing mark for the bench (bench/browser.mjs): when, and the engine's stage timings.
          performance.mark('skeldir:first-verdict', { detail: { timings: m.report.timings, worker_ms: m.ms, worker: pageRelative(m.profile) } });
        }
        break;
      case 'error': {
        // An error located in another input (the canonical SQL, the YAML, the seeds) is the run's,
        // not this dump's: the dump keeps its last report (marked stale when the run is done).
        const runWide = !m.dump || (m.location !== null && this.outcomes[m.dump]?.name !== m.location.source);
        if (runWide) this.runError = { message: m.message, location: m.location };
        // The dump itself could not be checked: its previous report is of other text, so it is not shown.
        else this.#patch(m.dump!, { status: 'error', report: null, dumpModel: null, structural: null, error: { message: m.message, location: m.location } });
        break;
      }
    }
  }
}
