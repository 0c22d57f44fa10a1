/**
 * Batched execution (src/core/load/batch.ts): runs of plain statements go to the server together,
 * and a batch that fails is undone and split in halves down to the failing statements, run alone,
 * so the outcome is exactly that of a one-at-a-time load.
 */
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db, DbFactory } from '../../src/core/db';
import { BATCH_MAX_STATEMENTS, BatchSize, batchable } from '../../src/core/load/batch';
import { loadScript } from '../../src/core/load/load';

/** A factory whose databases count the round trips (query + exec calls) the loader makes. */
function counting(inner: DbFactory): { factory: DbFactory; trips: () => number } {
  let trips = 0;
  const wrap = (db: Db): Db => ({
    query: (...a) => (trips++, db.query(...a)),
    copyFrom: (...a) => (trips++, db.copyFrom(...a)),
    exec: (sql) => (trips++, db.exec(sql)),
    clone: () => db.clone(),
    close: () => db.close(),
  });
  const make = (f: DbFactory): DbFactory => ({
    create: async () => wrap(await f.create()),
    withExtensions: (names) => make(f.withExtensions(names)),
    supportsExtension: (name) => f.supportsExtension(name),
  });
  return { factory: make(inner), trips: () => trips };
}

const count = async (db: Db, sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;

describe('batchable', () => {
  it.each([
    ['CREATE TABLE t (a int);', true],
    // Statements that exist to run code go alone: a statement budget stop then names them at once (core/guard).
    ["SELECT pg_catalog.set_config('search_path', '', false);", false],
    ['-- lead\nALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (a);', true],
    ['DO $$ BEGIN PERFORM 1; END $$;', false],
    ['SELECT 1', false], // no terminating `;`: could run into the next statement
    ['CREATE DATABASE x;', false],
    ['CREATE INDEX CONCURRENTLY i ON t (a);', false],
    ['/* c */ VACUUM t;', false],
    ['LOCK TABLE t;', false],
    ['SET LOCAL work_mem = 64;', false],
    ["ALTER TYPE mood ADD VALUE 'meh';", false],
    ['CALL p();', false],
    ['DECLARE c CURSOR FOR SELECT 1;', false],
  ])('%s → %s', (sql, ok) => {
    expect(batchable(sql)).toBe(ok);
  });

  it('halves the batch after a failure and grows it back after successes', () => {
    const s = new BatchSize();
    expect(s.limit).toBe(BATCH_MAX_STATEMENTS);
    s.failed();
    s.failed();
    expect(s.limit).toBe(BATCH_MAX_STATEMENTS / 4);
    for (let i = 0; i < 10; i++) s.failed();
    expect(s.limit).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 10; i++) s.succeeded();
    expect(s.limit).toBe(BATCH_MAX_STATEMENTS);
  });
});

describe('loadScript batching', () => {
  const base = pgliteFactory();

  it('loads hundreds of plain statements in a few round trips', async () => {
    const { factory, trips } = counting(base);
    const script = Array.from({ length: 600 }, (_, i) => `CREATE TABLE b${i} (a int);`).join('\n');
    const { db, summary } = await loadScript(factory, script, { source: 'b.sql' });
    try {
      expect(summary.executed).toBe(600);
      expect(await count(db, "select count(*)::int as n from pg_class where relname ~ '^b[0-9]+$' and relkind = 'r'")).toBe(600);
      expect(trips()).toBeLessThan(15);
    } finally {
      await db.close();
    }
  });

  it('undoes a failed batch and re-runs it one by one: each effect once, the error where it is', async () => {
    const lines = ['CREATE TABLE r (a int);'];
    for (let i = 1; i <= 150; i++) lines.push(i === 75 ? 'INSERT INTO r VALUES (nope);' : `INSERT INTO r VALUES (${i});`);
    lines.push('CREATE TABLE after_failure (a int);');
    const { db, summary } = await loadScript(base, lines.join('\n'), { source: 'r.sql' });
    try {
      expect(summary.errors).toEqual([
        { line: 76, column: 23, sqlstate: '42703', message: 'column "nope" does not exist', statement: 'INSERT INTO r VALUES (nope);' },
      ]);
      expect(summary.executed).toBe(151);
      expect(await count(db, 'select count(*)::int as n from r')).toBe(149);
      expect(await count(db, 'select count(distinct a)::int as n from r')).toBe(149);
      expect(await count(db, "select count(*)::int as n from pg_class where relname = 'after_failure'")).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('splits a failed batch in halves: a few round trips per failure, not one per statement', async () => {
    const { factory, trips } = counting(base);
    const lines = ['CREATE TABLE h (a int);'];
    for (let i = 1; i <= 150; i++) lines.push(i === 120 ? 'GRANT SELECT ON h TO h_reader;' : `INSERT INTO h VALUES (${i});`);
    const { db, summary } = await loadScript(factory, lines.join('\n'), { source: 'h.sql' });
    try {
      expect(summary.errors).toEqual([]);
      expect(summary.notes.map((n) => [n.line, n.code])).toEqual([[121, 'role_created']]);
      expect(summary.executed).toBe(151);
      expect(await count(db, 'select count(*)::int as n from h')).toBe(149);
      expect(trips()).toBeLessThan(30);
    } finally {
      await db.close();
    }
  });

  it('failures spread through a batch: every error at its line, every other statement once', async () => {
    const lines = ['CREATE TABLE s (a int UNIQUE);'];
    const bad = new Set([2, 3, 40, 41, 97, 150, 151, 199]);
    for (let i = 1; i <= 200; i++) lines.push(bad.has(i) ? `INSERT INTO s VALUES (${i - 1});` : `INSERT INTO s VALUES (${i});`);
    const { db, summary } = await loadScript(base, lines.join('\n'), { source: 's.sql' });
    try {
      // A duplicate of the row before it fails with 23505 unless that row failed too (then it is new).
      const expected = [...bad].filter((i) => !bad.has(i - 1)).map((i) => i + 1);
      expect(summary.errors.map((e) => [e.line, e.sqlstate])).toEqual(expected.map((line) => [line, '23505']));
      expect(summary.executed).toBe(201 - expected.length);
      expect(await count(db, 'select count(*)::int as n from s')).toBe(200 - expected.length);
    } finally {
      await db.close();
    }
  });

  it('inside the script’s BEGIN … COMMIT, a failed batch rolls back to its savepoint only', async () => {
    const script = [
      'CREATE TABLE before_tx (a int);',
      'BEGIN;',
      'CREATE TABLE in_tx (a int);',
      'INSERT INTO in_tx VALUES (1);',
      'INSERT INTO in_tx VALUES (2);',
      'INSERT INTO missing_table VALUES (3);',
      'INSERT INTO in_tx VALUES (4);',
      'COMMIT;',
    ].join('\n');
    const { db, summary } = await loadScript(base, script, { source: 'tx.sql' });
    try {
      expect(summary.errors.map((e) => [e.line, e.sqlstate])).toEqual([[6, '42P01']]);
      expect(summary.executed).toBe(7);
      expect(summary.notes.map((n) => n.code)).toEqual(['transaction_statement_rolled_back']);
      expect((await db.query<{ a: number }>('select a from in_tx order by a')).rows.map((r) => r.a)).toEqual([1, 2, 4]);
      expect(await count(db, "select count(*)::int as n from pg_class where relname = 'before_tx'")).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('runs statements that need their own transaction alone, as psql would', async () => {
    const script = [
      "CREATE TYPE mood AS ENUM ('ok');",
      "ALTER TYPE mood ADD VALUE 'meh';",
      "CREATE TABLE m (v mood DEFAULT 'meh');",
      "INSERT INTO m DEFAULT VALUES;",
      'CREATE INDEX CONCURRENTLY m_v ON m (v);',
      'LOCK TABLE m;', // outside a transaction block: an error under psql too
      'SET LOCAL work_mem = 64;', // a warning and no effect outside a block
      'SELECT 1;',
    ].join('\n');
    const { db, summary } = await loadScript(base, script, { source: 'alone.sql' });
    try {
      expect(summary.errors.map((e) => [e.line, e.sqlstate])).toEqual([[6, '25P01']]);
      expect(summary.executed).toBe(7);
      expect((await db.query<{ v: string }>('select v::text as v from m')).rows).toEqual([{ v: 'meh' }]);
      expect(await count(db, "select count(*)::int as n from pg_class where relname = 'm_v'")).toBe(1);
    } finally {
      await db.close();
    }
  });
});
