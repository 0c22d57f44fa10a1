/**
 * The statement budget and crash containment, as data the core understands. PGlite runs
 * PostgreSQL single-threaded with no timers, so `statement_timeout` never fires (checked on
 * PGlite 0.5: `SET statement_timeout = '1s'; SELECT pg_sleep(3)` runs 3 s) and an endless
 * PL/pgSQL loop or a runaway recursion cannot be interrupted from inside. The engine therefore
 * runs under a watchdog outside it (a Node child process in the CLI, the Web Worker in the page):
 * the loader announces what it is about to run (an Activity), the watchdog ends the engine when
 * an activity outlives the budget or the engine dies during one, and starts a fresh engine told
 * about the Stop, which the loader then records as a located load error instead of running it.
 */

/** What the engine is running now: a statement, or a batch of statements sent together. */
export interface Activity {
  /** Input label as the loader knows it (LoadOptions.source). */
  source: string;
  /**
   * Which input, whatever its display name: `canonical`, or `dump:<sha256>` (LoadOptions.input).
   * Stops are matched by it, since two inputs may share a name (two dump.sql, or a dump named
   * like the canonical) and a stop on one must not settle the other.
   */
  input?: string;
  /** 1-based first line of the statement (or of the batch's first statement). */
  line: number;
  /** 1-based last line (of the batch's last statement). */
  endLine: number;
  /** Several statements in one round trip: on a stop the next engine runs them one at a time. */
  batch: boolean;
  /**
   * A behaviour probe (RLS scenario, world seeding, smoke test) on the loaded `source`, not a
   * statement of it: `line` and `endLine` are then 0. Policies, triggers and functions of the
   * input run inside probes too, so they get the same budget (guard/probe.ts).
   */
  probe?: ProbeLabel;
}

/** Which probe: the suite, the table it acts on (null for a smoke test), the scenario or test id. */
export interface ProbeLabel {
  suite: 'rls' | 'smoke';
  table: string | null;
  /** Scenario id (`cross_tenant_invisible`), `seed` (writing a principal's world), or a smoke test id. */
  scenario: string;
}

/**
 * The time an activity may take: one budget per statement, five for a batch (up to 200 quick
 * statements must not look like one slow one on a loaded machine; a stuck one still stops in
 * bounded time, and the next engine runs that batch one statement at a time).
 */
export function activityBudget(a: Activity, budgetMs: number): number {
  return a.batch ? budgetMs * 5 : budgetMs;
}

/** An activity the watchdog ended: the next engine records it (single statement) or splits it (batch). */
export interface Stop extends Activity {
  /**
   * `timeout`: past the budget. `crash`: the engine died. `stack`: PostgreSQL overflowed its
   * stack (runaway recursion); a server would fail just that statement with 54001, and so do we.
   */
  reason: 'timeout' | 'crash' | 'stack';
  /** Sentence for the load error, e.g. `stopped after 10 s (statement budget, --statement-timeout)`. */
  message: string;
}

/** The load error message for a stop. */
export function stopMessage(reason: Stop['reason'], budgetMs: number, detail?: string, probe?: ProbeLabel): string {
  if (probe) return probeStopMessage(reason, budgetMs, detail);
  if (reason === 'timeout') {
    return `stopped after ${formatSeconds(budgetMs)}: the statement did not finish within the statement budget (--statement-timeout, or the app's Engine settings); the engine was restarted and the rest of the input loaded without it`;
  }
  if (reason === 'stack') return 'stack depth limit exceeded (runaway recursion; PostgreSQL in PGlite cannot recover from it in place, so the engine was restarted without this statement)';
  return `the engine crashed running this statement${detail ? ` (${detail})` : ''}; it was restarted and the rest of the input loaded without it`;
}

function probeStopMessage(reason: Stop['reason'], budgetMs: number, detail?: string): string {
  const after = 'the engine was restarted from the loaded input and the check went on without this probe';
  if (reason === 'timeout') return `stopped after ${formatSeconds(budgetMs)}: the probe did not finish within the statement budget (--statement-timeout, or the app's Engine settings) — a policy, trigger or function it ran did not return; ${after}`;
  if (reason === 'stack') return `stack depth limit exceeded in this probe (runaway recursion in a policy, trigger or function it ran); ${after}`;
  return `the engine crashed in this probe${detail ? ` (${detail})` : ''}; ${after}`;
}

/** Where a stop happened, for a progress line: `dump.sql:42` or `dump.sql: RLS probe public.t / cross_tenant_invisible`. */
export function stopWhere(s: Activity): string {
  if (!s.probe) return `${s.source}:${s.line}`;
  const what = s.probe.suite === 'rls' ? 'RLS probe' : 'smoke test';
  return `${s.source}: ${what} ${s.probe.table ? `${s.probe.table} / ` : ''}${s.probe.scenario}`;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
