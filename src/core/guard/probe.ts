/**
 * The statement budget for behaviour probes. An RLS scenario or a smoke test runs the input's own
 * code — policy expressions, triggers, functions, defaults — so a policy calling an endless
 * PL/pgSQL loop, or `pg_sleep()` in a USING clause, hangs a probe exactly as such a statement
 * hangs the load. The same watchdog ends it (core/guard/supervise.ts): the probe announces itself
 * as an Activity, and when it outlives the budget the engine is killed and started again from
 * the loaded input (the load is replayed, deterministic seeding included). Told about the Stop,
 * the next engine does not run that probe again: it is recorded as inconclusive with the stop's
 * message, and the rest of the suite runs.
 *
 * A stop on one table also settles that table's later probes in the same suite (they would most
 * likely run the same policy or trigger again, each costing one budget and one restart): they are
 * inconclusive "not run", named with the probe that was stopped. Other tables are probed as usual.
 */
import type { Activity, ProbeLabel, Stop } from './types';

export interface ProbeGuard {
  /**
   * Why this probe is not run in this attempt: its own stop, or a stop of an earlier probe on the
   * same table (same suite). Null: run it.
   */
  skip(label: ProbeLabel): string | null;
  /** Runs `fn` as one watched activity (the budget starts now, ends when it settles). */
  run<T>(label: ProbeLabel, fn: () => Promise<T>): Promise<T>;
  /** `run`, unless `skip` says why not: then what `stopped(why)` returns (or throws) stands in. */
  attempt<T, S>(label: ProbeLabel, fn: () => Promise<T>, stopped: (why: string) => S): Promise<T | S>;
}

/** What the pipeline passes down: the watchdog's heartbeat and the stops of earlier attempts. */
export interface ProbeWatch {
  onActivity?: (a: Activity | null) => void;
  stops?: readonly Stop[];
}

/**
 * A guard for probes on the input called `source` (the dump, or the canonical for the oracle's
 * side); `input` tells that input apart from others of the same name (Activity.input).
 */
export function probeGuard(source: string, watch: ProbeWatch = {}, input?: string): ProbeGuard {
  const mine = (watch.stops ?? []).filter((s) => s.probe && s.source === source && s.input === input);
  const guard: ProbeGuard = {
    skip(label) {
      const own = mine.find((s) => sameLabel(s.probe!, label));
      if (own) return own.message;
      // Seeding stops are per table and settle only seeding (the table then has no rows, and
      // every scenario that needs them says so); a stopped scenario settles the table's others.
      if (label.table === null || label.scenario === 'seed') return null;
      const earlier = mine.find((s) => s.probe!.suite === label.suite && s.probe!.table === label.table && s.probe!.scenario !== 'seed');
      return earlier ? `not run: the ${earlier.probe!.scenario} probe on this table was stopped (${earlier.message})` : null;
    },
    async run(label, fn) {
      if (!watch.onActivity) return fn();
      watch.onActivity({ source, input, line: 0, endLine: 0, batch: false, probe: label });
      try {
        return await fn();
      } finally {
        watch.onActivity(null);
      }
    },
    async attempt(label, fn, stopped) {
      const why = guard.skip(label);
      return why === null ? guard.run(label, fn) : stopped(why);
    },
  };
  return guard;
}

/** No watchdog (tests, direct calls): every probe runs, nothing is announced. */
export const UNGUARDED: ProbeGuard = probeGuard('', {});

function sameLabel(a: ProbeLabel, b: ProbeLabel): boolean {
  return a.suite === b.suite && a.table === b.table && a.scenario === b.scenario;
}
