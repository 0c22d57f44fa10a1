/**
 * The engine worker, wrapped: post a check, get per-dump results as `$state.raw`.
 * Stale messages (from a run that was replaced) are dropped by run id.
 */
import type { FromWorker, LintRequest, LintResultMessage, ReversibilityRequest, ReversibilityResultMessage, SqlQueryRequest, SqlResultMessage, ToWorker } from '../../adapters/browser/protocol';
import type { SchemaModel } from '../../core/model';
import type { Report } from '../../core/report/types';
import type { Phase, Spec } from '../../core/spec/types';
import type { Sources } from './sources.svelte';

export interface RunError {
  message: string;
  location: { source: string; line?: number; column?: number } | null;
}

export interface DumpOutcome {
  key: string;
  name: string;
  /** `stale`: the last run ended without a new result for this dump (e.g. the YAML broke); `report` is the previous one. */
  status: 'queued' | 'running' | 'done' | 'error' | 'stale';
  report: Report | null;
  dumpModel: SchemaModel | null;
  error: RunError | null;
  ms: number | null;
}

export interface Progress {
  dump: string | null;
  stage: string;
  done?: number;
  total?: number;
}

export class Engine {
  #worker: Worker | null = null;
  #run = 0;
  #queryId = 0;
  #queries = new Map<number, (r: SqlResultMessage) => void>();

  outcomes = $state.raw<Record<string, DumpOutcome>>({});
  canonicalModel = $state.raw<SchemaModel | null>(null);
  /** Phases of the overlay the last result was checked with. */
  phases = $state.raw<Phase[]>([]);
  /** The overlay the last result was checked with (parsed in the worker); null without one. */
  spec = $state.raw<Spec | null>(null);
  progress = $state.raw<Progress | null>(null);
  running = $state(false);
  /** A failure of the whole run (e.g. the canonical SQL or YAML is unusable). */
  runError = $state.raw<RunError | null>(null);
  /** performance.now() when the first verdict of this page arrived (bench). */
  firstVerdictAt = $state<number | null>(null);

  #ensure(): Worker {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('../../adapters/browser/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
      this.#worker.onmessage = (ev: MessageEvent<FromWorker>) => this.#receive(ev.data);
      this.#worker.onerror = (ev) => {
        this.runError = { message: `The engine worker failed: ${ev.message || 'unknown error'}`, location: null };
        this.running = false;
      };
    }
    return this.#worker;
  }

  #post(m: ToWorker) {
    this.#ensure().postMessage(m);
  }

  /** Runs the check of every dump; a running check is cancelled first. */
  check(sources: Sources) {
    const id = ++this.#run;
    const dumps = sources.dumps.map((d) => ({ key: d.key, name: d.name, sql: d.sql }));
    const next: Record<string, DumpOutcome> = {};
    for (const d of sources.dumps) {
      const prev = this.outcomes[d.key];
      // Keep the previous report visible (marked queued) until the new one arrives.
      next[d.key] = { key: d.key, name: d.name, status: 'queued', report: prev?.report ?? null, dumpModel: prev?.dumpModel ?? null, error: null, ms: prev?.ms ?? null };
    }
    this.outcomes = next;
    this.runError = null;
    this.running = dumps.length > 0;
    this.progress = { dump: null, stage: 'start' };
    if (dumps.length === 0) return;
    this.#post({
      type: 'check', id,
      canonical: { name: sources.canonical.name, text: sources.canonical.text },
      spec: sources.spec ? { name: sources.spec.name, text: sources.spec.text } : null,
      seeds: sources.seeds ? { name: sources.seeds.name, text: sources.seeds.text } : null,
      dumps, phase: sources.phase,
    });
  }

  /** Starts the worker and PostgreSQL early, while the session is still being restored. */
  warm() {
    this.#post({ type: 'warm' });
  }

  cancel() {
    this.#post({ type: 'cancel', id: this.#run });
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

  #patch(key: string, patch: Partial<DumpOutcome>) {
    const prev = this.outcomes[key];
    if (!prev) return;
    this.outcomes = { ...this.outcomes, [key]: { ...prev, ...patch } };
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
    if (m.id !== this.#run) return;
    switch (m.type) {
      case 'progress':
        this.progress = { dump: m.dump, stage: m.stage, done: m.done, total: m.total };
        if (m.dump && this.outcomes[m.dump]?.status === 'queued') this.#patch(m.dump, { status: 'running' });
        break;
      case 'result':
        this.canonicalModel = m.canonicalModel;
        this.phases = m.phases;
        this.spec = m.spec;
        this.#patch(m.dump, { status: 'done', report: m.report, dumpModel: m.dumpModel, error: null, ms: m.ms });
        if (this.firstVerdictAt === null) {
          this.firstVerdictAt = performance.now();
          // User Timing mark for the bench (bench/browser.mjs): when, and the engine's stage timings.
          performance.mark('skeldir:first-verdict', { detail: { timings: m.report.timings, worker_ms: m.ms } });
        }
        break;
      case 'error': {
        // An error located in another input (the canonical SQL, the YAML, the seeds) is the run's,
        // not this dump's: the dump keeps its last report (marked stale when the run is done).
        const runWide = !m.dump || (m.location !== null && this.outcomes[m.dump]?.name !== m.location.source);
        if (runWide) this.runError = { message: m.message, location: m.location };
        else this.#patch(m.dump!, { status: 'error', error: { message: m.message, location: m.location } });
        break;
      }
      case 'done': {
        // Anything the run did not get to keeps its previous report, marked as such.
        const left = Object.values(this.outcomes).filter((o) => o.status === 'queued' || o.status === 'running');
        if (left.length) {
          const next = { ...this.outcomes };
          for (const o of left) next[o.key] = { ...o, status: 'stale' };
          this.outcomes = next;
        }
        this.running = false;
        this.progress = null;
        break;
      }
    }
  }
}
