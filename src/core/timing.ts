/**
 * The profile of a check: how long each database start and each scratch copy took, written into
 * the report's `timings` beside the stage totals (a `load_dump` includes its `start_dump`, an
 * `rls` its `clone_rls`). Starting PostgreSQL (PGlite: untar the data directory into its
 * in-memory file system, boot the single-user backend) and copying a database are the fixed
 * costs of a check; counting them is how the benchmark tells fixed cost from per-table cost.
 *
 * Pure wrappers over the Db port: they time what the adapter does without knowing what it is.
 */
import type { Db, DbFactory } from './db';

/** Milliseconds since `t0`, one decimal (the report's precision). */
export const msSince = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

/** Adds `ms` to `timings[key]` (a stage may start or copy more than once). */
export function addTiming(timings: Record<string, number>, key: string, ms: number): void {
  timings[key] = Math.round(((timings[key] ?? 0) + ms) * 10) / 10;
}

/** `factory`, with the time each `create()` takes (a database start) added to `timings[key]`. */
export function timedFactory(factory: DbFactory, timings: Record<string, number>, key: string): DbFactory {
  return {
    async create() {
      const t0 = performance.now();
      const db = await factory.create();
      addTiming(timings, key, msSince(t0));
      return db;
    },
    withExtensions: (names) => timedFactory(factory.withExtensions(names), timings, key),
    supportsExtension: (name) => factory.supportsExtension(name),
  };
}

/** `db`, with the time each `clone()` takes added to `timings[key]` (a function: named once the clone is made). */
export function timedClones(db: Db, timings: Record<string, number>, key: string | (() => string)): Db {
  return {
    query: (sql, params) => db.query(sql, params),
    copyFrom: (statement, stdin, data) => db.copyFrom(statement, stdin, data),
    exec: (sql) => db.exec(sql),
    async clone() {
      const t0 = performance.now();
      const copy = await db.clone();
      addTiming(timings, typeof key === 'string' ? key : key(), msSince(t0));
      return copy;
    },
    close: () => db.close(),
  };
}
