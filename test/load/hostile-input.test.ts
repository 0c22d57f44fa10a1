/**
 * What the loader and the input check do with untrusted input before any watchdog is needed:
 * server reconfiguration skipped, server-side programs/files refused, COPY data skipped unless
 * asked for, stopped statements recorded, size caps, declared encodings.
 */
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { InputError } from '../../src/core/errors';
import { checkInputHead, checkUsableInput, parseByteSize } from '../../src/core/load/input';
import { loadScript } from '../../src/core/load/load';
import { classifyStatement } from '../../src/core/load/statements';

describe('classifyStatement: hostile statements', () => {
  it.each([
    ["ALTER SYSTEM SET shared_buffers = '64GB';", { type: 'server_config', what: 'ALTER SYSTEM' }],
    ['alter  system reset all;', { type: 'server_config', what: 'ALTER SYSTEM' }],
    ["LOAD 'auto_explain';", { type: 'server_config', what: 'LOAD' }],
    ['SELECT pg_catalog.pg_reload_conf();', { type: 'server_config', what: 'pg_reload_conf()' }],
    ["COPY t FROM PROGRAM 'curl x';", { type: 'server_file', what: 'COPY FROM PROGRAM' }],
    ["COPY (SELECT 1) TO PROGRAM 'sh';", { type: 'server_file', what: 'COPY TO PROGRAM' }],
    ["COPY public.t (a, b) FROM '/etc/passwd';", { type: 'server_file', what: 'COPY FROM a server file' }],
    ["copy t to E'/tmp/x';", { type: 'server_file', what: 'COPY TO a server file' }],
    ["SET client_encoding = 'LATIN1';", { type: 'client_encoding', name: 'LATIN1' }],
  ])('%s', (sql, kind) => {
    expect(classifyStatement(sql)).toEqual(kind);
  });
  it.each(['COPY public.t (a, "from") FROM stdin;', 'SELECT pg_reload_conf() FROM t;', "SET client_encoding = 'UTF8';", 'COPY t TO stdout;'])('leaves %s alone', (sql) => {
    expect(classifyStatement(sql)).toEqual({ type: 'other' });
  });
});

describe('loadScript: hostile statements', () => {
  const factory = pgliteFactory();

  it('skips server reconfiguration and refuses server programs and files, with notes; the rest loads', async () => {
    const script = [
      'CREATE TABLE t (a int);',
      "ALTER SYSTEM SET shared_buffers = '64GB';",
      'SELECT pg_catalog.pg_reload_conf();',
      "COPY t FROM PROGRAM 'echo 1';",
      "COPY t FROM '/etc/hostname';",
      'CREATE TABLE u (b int);',
    ].join('\n');
    const { db, summary } = await loadScript(factory, script, { source: 'h.sql' });
    try {
      expect(summary.errors).toEqual([]);
      expect(summary.notes.map((n) => [n.line, n.code])).toEqual([[2, 'server_config_skipped'], [3, 'server_config_skipped'], [4, 'server_file_refused'], [5, 'server_file_refused']]);
      expect((await db.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 0 });
      expect((await db.query("SELECT to_regclass('u') IS NOT NULL AS ok")).rows[0]).toEqual({ ok: true });
    } finally {
      await db.close();
    }
  });

  it('copyData skip: the COPY runs with no rows (its columns still checked) and a note counts what was skipped', async () => {
    const script = 'CREATE TABLE c (a int, b text);\nCOPY c (a, b) FROM stdin;\n1\tx\n2\ty\n\\.\nCOPY c (a, nope) FROM stdin;\n3\tz\n\\.\n';
    const { db, summary } = await loadScript(factory, script, { source: 'c.sql', copyData: 'skip' });
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM c')).rows[0]).toEqual({ n: 0 });
      expect(summary.errors.map((e) => [e.line, e.sqlstate])).toEqual([[6, '42703']]);
      expect(summary.notes.find((n) => n.code === 'copy_data_skipped')).toMatchObject({ line: 2, message: expect.stringContaining('2 blocks, 3 rows') });
    } finally {
      await db.close();
    }
    const loaded = await loadScript(factory, script, { source: 'c.sql', copyData: 'load' });
    expect((await loaded.db.query('SELECT count(*)::int AS n FROM c')).rows[0]).toEqual({ n: 2 });
    await loaded.db.close();
  });

  it('records a stopped statement without running it, and runs a stopped batch one statement at a time', async () => {
    const script = 'CREATE TABLE a (x int);\nCREATE TABLE b (x int);\nCREATE TABLE c (x int);\nCREATE TABLE d (x int);\n';
    const activities: unknown[] = [];
    const { db, summary } = await loadScript(factory, script, {
      source: 's.sql',
      onActivity: (a) => activities.push(a),
      stops: [
        { source: 's.sql', line: 1, endLine: 4, batch: true, reason: 'timeout', message: 'batch' },
        { source: 's.sql', line: 3, endLine: 3, batch: false, reason: 'timeout', message: 'stopped after 2 s: …' },
        { source: 'other.sql', line: 2, endLine: 2, batch: false, reason: 'crash', message: 'not this input' },
      ],
    });
    try {
      expect(summary.errors).toEqual([{ line: 3, column: 1, sqlstate: '57014', message: 'stopped after 2 s: …', statement: 'CREATE TABLE c (x int);', stopped: 'timeout' }]);
      expect((await db.query("SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('a','b','c','d')")).rows[0]).toEqual({ n: 3 });
      // One activity per statement run (no batch), each closed with null.
      expect(activities.filter((a) => a !== null)).toEqual([1, 2, 4].map((line) => ({ source: 's.sql', line, endLine: line, batch: false })));
      expect(activities.filter((a) => a === null)).toHaveLength(3);
    } finally {
      await db.close();
    }
  });
});

describe('stops belong to one input, not to a name', () => {
  const factory = pgliteFactory();
  it('a stop recorded on another input of the same name (canonical and dump both x.sql) is not applied', async () => {
    const script = 'CREATE TABLE a (x int);\nCREATE TABLE b (x int);\n';
    const stop = { source: 'x.sql', input: 'canonical', line: 2, endLine: 2, batch: false, reason: 'timeout' as const, message: 'stopped after 2 s: …' };
    const batch = { ...stop, line: 1, endLine: 2, batch: true, message: 'batch' };
    const other = await loadScript(factory, script, { source: 'x.sql', input: 'dump:abc', stops: [batch, stop] });
    try {
      expect(other.summary.errors).toEqual([]);
    } finally {
      await other.db.close();
    }
    const own = await loadScript(factory, script, { source: 'x.sql', input: 'canonical', stops: [batch, stop] });
    try {
      expect(own.summary.errors.map((e) => e.line)).toEqual([2]);
    } finally {
      await own.db.close();
    }
  });
});

describe('input limits and encodings', () => {
  const refusal = (f: () => unknown): InputError => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('refuses input past the size cap with the limit and how to raise it', () => {
    const e = refusal(() => checkUsableInput(new TextEncoder().encode('SELECT 1;'.repeat(200)), 'big.sql', { maxBytes: 1000 }));
    expect(e.message).toBe("input is 1.8 kB, larger than the 1 kB limit (--max-input-size, or the app's setting, raises it)");
    expect(refusal(() => checkUsableInput('SELECT 1;'.repeat(200), 'big.sql', { maxBytes: 1000 })).message).toMatch(/larger than the 1 kB limit/);
  });

  it('refuses an endless stream of zeros from its first bytes', () => {
    expect(refusal(() => checkInputHead(new Uint8Array(65536), '/dev/zero')).message).toMatch(/NUL byte/);
  });

  it('decodes the encoding a pg_dump declares (LATIN1), and refuses undeclared non-UTF-8 as before', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("SET client_encoding = 'LATIN1';\nCOMMENT ON TABLE t IS 'caf"), 0xe9, ...new TextEncoder().encode("';\n")]);
    expect(checkUsableInput(latin1, 'l.sql')).toContain("IS 'café'");
    const bare = new Uint8Array([...new TextEncoder().encode("COMMENT ON TABLE t IS 'caf"), 0xe9, 0x27, 0x3b]);
    expect(refusal(() => checkUsableInput(bare, 'l.sql')).message).toMatch(/not UTF-8 text \(invalid byte 0xe9\)/);
  });

  it('parses sizes', () => {
    expect(parseByteSize('512MB')).toBe(512e6);
    expect(parseByteSize('2g')).toBe(2e9);
    expect(parseByteSize('300k')).toBe(300e3);
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize('lots')).toBeNull();
  });
});
