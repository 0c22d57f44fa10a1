/**
 * Scratch space for the behaviour suites (RLS, smoke) without copying the database.
 *
 * A suite asks the loaded dump for `clone()`, works in the copy as the superuser (roles, seed
 * rows), runs each test inside BEGIN … ROLLBACK, and closes the copy. A full copy of a PGlite
 * database costs a data-directory dump and a PostgreSQL start (about a second and ~250 MB each).
 * `scratchClones(db).clone()` gives the suite the same database inside ONE transaction instead,
 * rolled back when the suite closes it, so the loaded dump is left exactly as it was:
 *
 * - a statement outside the suite's own BEGIN runs under a savepoint, released on success and
 *   rolled back on error — autocommit as the suite sees it: a failed statement undoes only
 *   itself and the next one runs normally;
 * - the suite's BEGIN / COMMIT / ROLLBACK become SAVEPOINT / RELEASE / ROLLBACK TO, so each test
 *   is rolled back to the savepoint taken before it; SET LOCAL, roles and GUCs set inside are
 *   undone with it, as with a real ROLLBACK;
 * - INITIALLY DEFERRED constraints (and constraint triggers) are checked where autocommit checks
 *   them, at the end of each such statement (`SET CONSTRAINTS … IMMEDIATE`, then back to
 *   DEFERRED), so a seed row that breaks one fails as it would; inside a test they stay deferred
 *   and are never checked, as in a transaction that is rolled back;
 * - sequences are the one thing a rollback does not undo (nextval is not transactional): their
 *   state is read before and put back after, so the next suite — and the SQL console — see the
 *   sequences of the loaded dump.
 *
 * Not equivalent, so a real copy is made instead: when a deferred constraint's name is shared
 * (in its schema) with one that is not deferred (SET CONSTRAINTS works by name), or when a
 * scratch is already open on this database.
 * A test that ends its own transaction other than by ROLLBACK (COMMIT, COMMIT AND CHAIN,
 * PREPARE TRANSACTION, …) gets an error (SQLSTATE 0A000) rather than ending the outer
 * transaction and keeping the scratch's changes; the suites never do.
 */
import type { Db, QueryResult } from './db';

const TX = 'skeldir_scratch_tx';
const STMT = 'skeldir_scratch_stmt';

const WORDS = String.raw`(?:\s+(?:WORK|TRANSACTION))?\s*;?\s*$`;
const BEGIN = new RegExp(String.raw`^\s*(?:BEGIN|START\s+TRANSACTION)${WORDS}`, 'i');
const COMMIT = new RegExp(String.raw`^\s*(?:COMMIT|END)${WORDS}`, 'i');
const ROLLBACK = new RegExp(String.raw`^\s*(?:ROLLBACK|ABORT)${WORDS}`, 'i');
/** Any statement (besides ROLLBACK) that would end or prepare a transaction: a test's COMMIT included. */
const OTHER_TX_END = /^\s*(?:COMMIT|END|ABORT|PREPARE\s+TRANSACTION|ROLLBACK(?!\s+TO\b))\b/i;

const EMPTY: QueryResult<never> = { rows: [], fields: [] };

/** Where a scratch can be had by transaction instead of by copy. */
export interface ScratchSource extends Db {
  /** How the last `clone()` was made: `transaction` or `copy` (the profile; tests). */
  readonly lastClone: 'transaction' | 'copy' | null;
}

/** `db` whose `clone()` is a rolled-back transaction on `db` itself when that is equivalent, a real copy otherwise. */
export function scratchClones(db: Db): ScratchSource {
  let open = false;
  let lastClone: 'transaction' | 'copy' | null = null;
  return {
    get lastClone() { return lastClone; },
    query: (sql, params) => db.query(sql, params),
    copyFrom: (statement, stdin, data) => db.copyFrom(statement, stdin, data),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    async clone() {
      const deferred = open ? null : await deferredConstraints(db);
      if (deferred === null) {
        lastClone = 'copy';
        return db.clone();
      }
      open = true;
      lastClone = 'transaction';
      try {
        return await openScratch(db, deferred, () => { open = false; });
      } catch (err) {
        open = false;
        throw err;
      }
    },
  };
}

/**
 * The INITIALLY DEFERRED constraints as SET CONSTRAINTS names them (`schema.name`, quoted), or
 * null when one of those names also covers a constraint that is not initially deferred.
 */
async function deferredConstraints(db: Db): Promise<string[] | null> {
  const r = await db.query<{ name: string; mixed: boolean }>(
    `SELECT pg_catalog.format('%I.%I', n.nspname, c.conname) AS name, NOT bool_and(c.condeferred) AS mixed
       FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
      WHERE (c.connamespace, c.conname) IN (SELECT connamespace, conname FROM pg_catalog.pg_constraint WHERE condeferred)
      GROUP BY 1 ORDER BY 1`);
  if (r.rows.some((x) => x.mixed)) return null;
  return r.rows.map((x) => x.name);
}

interface SequenceState { name: string; lastValue: string; isCalled: boolean }

/** Every sequence's `last_value` and `is_called`, read from the sequences themselves. */
async function sequenceStates(db: Db): Promise<Map<string, SequenceState>> {
  const seqs = await db.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' ORDER BY c.oid`);
  const out = new Map<string, SequenceState>();
  const CHUNK = 500;
  for (let i = 0; i < seqs.rows.length; i += CHUNK) {
    const part = seqs.rows.slice(i, i + CHUNK);
    const sql = part.map((s) => `SELECT ${s.oid}::int AS oid, last_value::text AS v, is_called AS c FROM ${s.name}`).join(' UNION ALL ');
    const r = await db.query<{ oid: number; v: string; c: boolean }>(sql);
    const names = new Map(part.map((s) => [s.oid, s.name]));
    for (const row of r.rows) out.set(String(row.oid), { name: names.get(row.oid)!, lastValue: row.v, isCalled: row.c });
  }
  return out;
}

async function openScratch(db: Db, deferred: string[], onClose: () => void): Promise<Db> {
  const before = await sequenceStates(db);
  await db.query('BEGIN');
  let inTest = false;
  let closed = false;

  const check = () => { if (closed) throw new Error('scratch transaction is closed'); };

  // What autocommit's COMMIT would check: the deferred constraints, now; then deferred again.
  const list = deferred.join(', ');
  const commit = (deferred.length ? `SET CONSTRAINTS ${list} IMMEDIATE; SET CONSTRAINTS ${list} DEFERRED; ` : '') + `RELEASE SAVEPOINT ${STMT}`;

  /** One statement outside the suite's BEGIN: its own savepoint, like autocommit. */
  async function alone<T>(run: () => Promise<T>): Promise<T> {
    await db.query(`SAVEPOINT ${STMT}`);
    try {
      const r = await run();
      await db.exec(commit);
      return r;
    } catch (err) {
      await db.exec(`ROLLBACK TO SAVEPOINT ${STMT}; RELEASE SAVEPOINT ${STMT}`);
      throw err;
    }
  }

  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      check();
      if (!params?.length) {
        if (BEGIN.test(sql)) {
          // BEGIN inside a transaction is a warning and a no-op in PostgreSQL too.
          if (!inTest) { await db.query(`SAVEPOINT ${TX}`); inTest = true; }
          return EMPTY;
        }
        if (ROLLBACK.test(sql)) {
          // Outside a transaction ROLLBACK is a warning and a no-op in PostgreSQL too.
          if (inTest) {
            inTest = false;
            await db.exec(`ROLLBACK TO SAVEPOINT ${TX}; RELEASE SAVEPOINT ${TX}`);
          }
          return EMPTY;
        }
        if (COMMIT.test(sql) && !inTest) return EMPTY; // a warning and a no-op outside a transaction
        if (OTHER_TX_END.test(sql)) {
          // Keeping a test's work (COMMIT) would change what every later test starts from.
          throw Object.assign(new Error(`not supported in the behaviour suites' scratch transaction: ${sql.trim().split(/\s+/).slice(0, 3).join(' ')}`), { code: '0A000' });
        }
      }
      return inTest ? db.query<T>(sql, params) : alone(() => db.query<T>(sql, params));
    },
    async copyFrom(statement, stdin, data) {
      check();
      if (inTest) await db.copyFrom(statement, stdin, data);
      else await alone(() => db.copyFrom(statement, stdin, data));
    },
    async exec(sql: string) {
      check();
      if (inTest) await db.exec(sql);
      else await alone(() => db.exec(sql));
    },
    async clone(): Promise<Db> {
      throw new Error('a scratch transaction cannot be copied');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.query('ROLLBACK');
        await restoreSequences(db, before);
      } finally {
        onClose();
      }
    },
  };
}

/** Puts back every sequence whose state differs from `before` (nextval survives a rollback). */
async function restoreSequences(db: Db, before: Map<string, SequenceState>): Promise<void> {
  if (before.size === 0) return;
  const after = await sequenceStates(db);
  const changed = [...before].filter(([oid, s]) => {
    const now = after.get(oid);
    return now && (now.lastValue !== s.lastValue || now.isCalled !== s.isCalled);
  });
  for (const [oid, s] of changed) {
    await db.query('SELECT pg_catalog.setval($1::oid, $2::bigint, $3)', [Number(oid), s.lastValue, s.isCalled]);
  }
}
