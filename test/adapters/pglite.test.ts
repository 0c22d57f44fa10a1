import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';

describe('pglite adapter', () => {
  const factory = pgliteFactory();

  it('creates independent databases from one cached template, and clones', async () => {
    const a = await factory.create();
    await a.exec('create table t (id int); insert into t values (1), (2);');
    const b = await factory.create();
    await expect(b.query('select * from t')).rejects.toMatchObject({ code: '42P01' });
    const c = await a.clone();
    await c.exec('insert into t values (3)');
    // Started (and copied) with the engine's settings: shared_buffers 16 MB, not the 128 MB default.
    for (const db of [a, c]) expect((await db.query('show shared_buffers')).rows[0]).toEqual({ shared_buffers: '16MB' });
    // Temporary files live in the host's memory (PGlite's file system): capped, so a spill fails its statement.
    for (const db of [a, c]) expect((await db.query('show temp_file_limit')).rows[0]).toEqual({ temp_file_limit: '512MB' });
    expect((await a.query('select count(*)::int as n from t')).rows[0]).toEqual({ n: 2 });
    expect((await c.query('select count(*)::int as n from t')).rows[0]).toEqual({ n: 3 });
    const del = await a.query('delete from t where id = 1');
    expect(del.affectedRows).toBe(1);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('registers a contrib extension only when asked', async () => {
    const db = await factory.withExtensions(['pgcrypto']).create();
    await db.exec('create extension pgcrypto');
    const r = await db.query<{ h: string }>("select encode(digest('a', 'sha256'), 'hex') as h");
    expect(r.rows[0].h).toMatch(/^ca978112/);
    await db.close();
  });

  it('runs COPY FROM stdin with the data block (PGlite reads it from /dev/blob)', async () => {
    const db = await factory.create();
    await db.exec('create table c (a int, b text)');
    const copy = 'COPY public.c (a, b) FROM stdin;';
    await db.copyFrom(copy, { offset: copy.indexOf('stdin'), length: 5 }, '1\tx\n2\t\\N\n');
    expect((await db.query('select count(*)::int as n from c where b is null')).rows[0]).toEqual({ n: 1 });
    await db.close();
  });

  it('reports a COPY error position in the statement as written, not as sent', async () => {
    const db = await factory.create();
    await db.exec('create table c (a int)');
    // "ç" is one code point; the error is at `nope`, after `stdin`.
    const copy = "COPY c (a) FROM stdin WITH (FORMAT text, nope 'ç');";
    const err = await db.copyFrom(copy, { offset: copy.indexOf('stdin'), length: 5 }, '1\n').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '42601' });
    expect(Number((err as { position: string }).position)).toBe([...copy.slice(0, copy.indexOf('nope'))].length + 1);
    await db.close();
  });
});
