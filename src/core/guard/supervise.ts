/**
 * The watchdog's decisions, the same for the CLI (a child process) and the page (the engine Web
 * Worker): start an engine, watch what it says it is running, end it when one activity outlives
 * the budget, and start a fresh one that is told what was stopped. The engine re-runs its input
 * from the start (the replay of every statement that succeeded), records the stopped statement
 * as a located load error and carries on, so one statement costs one budget, never the check.
 * Pure: the adapter supplies the engine and the clock.
 */
import type { Activity, Stop } from './types';
import { activityBudget, stopMessage, stopWhere } from './types';
import { InputError } from '../errors';

/** One running engine, as the adapter started it. */
export interface EngineAttempt<R> {
  /** Settles when the engine finished (its result) or died (rejects: killed, crashed, exited). */
  readonly done: Promise<R>;
  /** Ends the engine at once (worker.terminate(), child.kill()). */
  kill(): void;
}

export interface SuperviseOptions {
  /** Statement budget in ms; 0 or less: no budget (crashes are still contained). */
  budgetMs: number;
  /** Most restarts before giving up (each stop is a different statement, so this bounds the run). */
  maxRestarts?: number;
  /** Timers (injectable for tests). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Told about each stop as it happens (progress line, UI). */
  onStop?: (stop: Stop) => void;
  /** A run that should end now (Cancel): the engine is killed and supervise rejects with the reason. */
  signal?: AbortSignal;
}

/** How an adapter says why its engine died (`done` rejects with this on it): `stack` → 54001. */
export type StopReasonHint = { stopReason?: 'stack' };

/** The engine died outside any statement: nothing to blame, so the whole check failed. */
export class EngineFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineFailure';
  }
}

/**
 * Runs `start(stops, onActivity)` until an attempt finishes. `onActivity` is what the engine's
 * loader calls (through the adapter's messages) before and after each round trip.
 */
export async function supervise<R>(
  start: (stops: readonly Stop[], onActivity: (a: Activity | null) => void) => EngineAttempt<R>,
  opts: SuperviseOptions,
): Promise<R> {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as Parameters<typeof clearTimeout>[0]));
  const maxRestarts = opts.maxRestarts ?? 50;
  const stops: Stop[] = [];
  for (;;) {
    opts.signal?.throwIfAborted();
    const seen: { current: Activity | null; timedOut: Activity | null } = { current: null, timedOut: null };
    let timer: unknown = null;
    let attempt: EngineAttempt<R> | null = null;
    const onActivity = (a: Activity | null) => {
      if (timer !== null) clearTimer(timer);
      timer = null;
      seen.current = a;
      if (a && opts.budgetMs > 0) {
        timer = setTimer(() => {
          seen.timedOut = a;
          attempt?.kill();
        }, activityBudget(a, opts.budgetMs));
      }
    };
    attempt = start(stops, onActivity);
    const onAbort = () => attempt?.kill();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      return await attempt.done;
    } catch (err) {
      opts.signal?.throwIfAborted();
      // Unusable input is the engine's answer (exit 3 with its location), not a stop or a crash.
      if (err instanceof InputError) throw err;
      const culprit = seen.timedOut ?? seen.current;
      if (!culprit) throw err instanceof EngineFailure ? err : new EngineFailure(`the engine stopped: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      const said = (err as { stopReason?: unknown } | null)?.stopReason;
      const reason: Stop['reason'] = seen.timedOut ? 'timeout' : said === 'stack' ? 'stack' : 'crash';
      const stop: Stop = { ...culprit, reason, message: stopMessage(reason, opts.budgetMs, reason === 'crash' ? crashDetail(err) : undefined, culprit.probe) };
      if (stops.some((s) => sameActivity(s, stop))) {
        // The same statement stopped twice: the engine did not honour the stop list. Never loop.
        throw new EngineFailure(`the engine stopped twice at ${stopWhere(stop)}`, { cause: err });
      }
      stops.push(stop);
      opts.onStop?.(stop);
      if (stops.length > maxRestarts) throw new EngineFailure(`more than ${maxRestarts} statements stopped; giving up`, { cause: err });
    } finally {
      if (timer !== null) clearTimer(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function sameActivity(a: Activity, b: Activity): boolean {
  return a.source === b.source && a.input === b.input && a.line === b.line && a.endLine === b.endLine && a.batch === b.batch && sameProbe(a.probe, b.probe);
}

function sameProbe(a: Activity['probe'], b: Activity['probe']): boolean {
  return a === b || (!!a && !!b && a.suite === b.suite && a.table === b.table && a.scenario === b.scenario);
}

/** A short reason from how the engine died (exit signal, out of memory, WASM trap). */
function crashDetail(err: unknown): string | undefined {
  const m = (err as Error)?.message;
  return m ? m.split('\n')[0].slice(0, 200) : undefined;
}
