/**
 * The Db port, watched for a PGlite that can no longer be trusted (Node engine child and the
 * browser's engine worker alike). After a stack overflow in PostgreSQL (runaway recursion, e.g.
 * `SELECT rec()` where rec() calls itself) PGlite returns the statement as if it succeeded, fails
 * the next round trip with `ERRORDATA_STACK_SIZE exceeded`, and on the one after aborts its
 * JavaScript host with a V8 fatal error ("invalid size"). So after each statement a probe
 * (`SELECT 1`) runs at once, inside the same watchdog activity: the damage shows on the statement
 * that did it, and `onPoisoned` ends the engine before anything else is sent.
 */
import type { Db, DbFactory } from '../core/db';
import { pgErrorFields } from '../core/db';

/** An error that means this PostgreSQL is broken beyond the statement (not an ordinary SQL error). */
export function poisoned(err: unknown): boolean {
  return /ERRORDATA_STACK_SIZE exceeded|stack depth limit exceeded/.test(pgErrorFields(err).message);
}

/** Transaction bookkeeping around a statement: never the culprit, not worth a probe. */
const BOOKKEEPING = /^\s*(savepoint|release|rollback\s+to)\b/i;

/** `onPoisoned` ends the engine (exit, or tell the page to terminate the worker); it never settles. */
export function guardDb(db: Db, onPoisoned: () => Promise<never>): Db {
  const watch = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      const r = await run();
      if (!BOOKKEEPING.test(sql)) await db.query('SELECT 1');
      return r;
    } catch (err) {
      if (poisoned(err)) return onPoisoned();
      throw err;
    }
  };
  return {
    query: (sql, params) => watch(sql, () => db.query(sql, params)),
    copyFrom: (statement, stdin, data) => watch(statement, () => db.copyFrom(statement, stdin, data)),
    exec: (sql) => watch(sql, () => db.exec(sql)),
    clone: async () => guardDb(await db.clone(), onPoisoned),
    close: () => db.close(),
  };
}

export function guardFactory(f: DbFactory, onPoisoned: () => Promise<never>): DbFactory {
  return {
    create: async () => guardDb(await f.create(), onPoisoned),
    withExtensions: (names) => guardFactory(f.withExtensions(names), onPoisoned),
    supportsExtension: (name) => f.supportsExtension(name),
  };
}
