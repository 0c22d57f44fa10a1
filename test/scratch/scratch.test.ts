/**
 * The behaviour suites' scratch space as a rolled-back transaction (src/core/scratch.ts): what a
 * suite does in it behaves as in a real copy, and the loaded database is left as it was —
 * rows, roles, settings and sequences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { scratchClones } from '../../src/core/scratch';

let db: Db;

beforeAll(async () => {
  db = await pgliteFactory().create();
  await db.exec(`
    CREATE TABLE t (id serial PRIMARY KEY, v int NOT NULL CHECK (v > 0));
    INSERT INTO t (v) VALUES (1);
    -- a constraint trigger checked at commit (like Skeldir's allocation sum)
    CREATE FUNCTION no_big() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.v > 100 THEN RAISE EXCEPTION 'too big: %', NEW.v USING ERRCODE = '23514'; END IF; RETURN NULL; END $$;
    CREATE CONSTRAINT TRIGGER t_no_big AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION no_big();
  `);
}, 300_000);
afterAll(async () => db?.close());

const rows = async (d: Db) => (await d.query<{ id: number; v: number }>('SELECT id, v FROM t ORDER BY id')).rows;

describe('scratchClones', () => {
  it('works as a copy and leaves the database as it was', { timeout: 300_000 }, async () => {
    const source = scratchClones(db);
    const s = await source.clone();
    expect(source.lastClone).toBe('transaction');
    // Autocommit: a failing statement undoes only itself.
    await s.query('INSERT INTO t (v) VALUES (2)');
    await expect(s.query('INSERT INTO t (v) VALUES (-1)')).rejects.toMatchObject({ code: '23514' });
    // The deferred trigger fires at the statement's end, as at autocommit's COMMIT.
    await expect(s.query('INSERT INTO t (v) VALUES (500)')).rejects.toThrow(/too big: 500/);
    expect((await rows(s)).map((r) => r.v)).toEqual([1, 2]);
    await s.query('CREATE ROLE scratch_probe NOLOGIN');
    // A test: BEGIN … ROLLBACK undoes its rows, role and settings; deferred checks never run.
    await s.query('BEGIN');
    await s.query('INSERT INTO t (v) VALUES (3)');
    await s.query('INSERT INTO t (v) VALUES (700)');
    await s.query('SET LOCAL ROLE scratch_probe');
    expect((await s.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe('scratch_probe');
    await expect(s.query('SELECT * FROM t')).rejects.toMatchObject({ code: '42501' });
    await expect(s.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' }); // the test's transaction has failed
    await s.query('ROLLBACK');
    expect((await s.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe('postgres');
    expect((await rows(s)).map((r) => r.v)).toEqual([1, 2]);
    // ROLLBACK / COMMIT outside a test are no-ops, as in PostgreSQL; a test's COMMIT is refused.
    await s.query('ROLLBACK');
    await s.query('COMMIT');
    await s.query('BEGIN');
    await expect(s.query('COMMIT')).rejects.toMatchObject({ code: '0A000' });
    await s.query('ROLLBACK');
    await s.close();

    expect(await rows(db)).toEqual([{ id: 1, v: 1 }]);
    expect((await db.query("SELECT 1 FROM pg_roles WHERE rolname = 'scratch_probe'")).rows).toEqual([]);
    // nextval survives a rollback; the scratch puts the sequence back.
    expect((await db.query<{ n: number }>("SELECT nextval('t_id_seq')::int AS n")).rows[0].n).toBe(2);
    await db.query("SELECT setval('t_id_seq', 1)");
  });

  it('two suites one after the other start from the same state; a second open scratch is a real copy', async () => {
    const source = scratchClones(db);
    const ids: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const s = await source.clone();
      await s.query('INSERT INTO t (v) VALUES (5)');
      ids.push((await rows(s)).map((r) => r.id));
      await s.close();
    }
    expect(ids).toEqual([[1, 2], [1, 2]]);
    const a = await source.clone();
    const b = await source.clone();
    expect(source.lastClone).toBe('copy');
    await b.close();
    await a.close();
    expect(await rows(db)).toEqual([{ id: 1, v: 1 }]);
  }, 300_000);

  it('a deferred constraint whose name also covers an immediate one: a real copy', async () => {
    await db.exec(`CREATE TABLE u (v int, CONSTRAINT t_no_big CHECK (v > 0))`);
    try {
      const source = scratchClones(db);
      const s = await source.clone();
      expect(source.lastClone).toBe('copy');
      await s.close();
    } finally {
      await db.exec('DROP TABLE u');
    }
  }, 300_000);
});
