/** loadScript behaviours beyond the fixtures: roles, positions, COPY errors, transactions, progress, abort. */
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { loadScript } from '../../src/core/load/load';

describe('loadScript', () => {
  const factory = pgliteFactory();

  it('creates missing roles NOLOGIN for every statement kind that names one, then resets the session', async () => {
    const script = [
      'CREATE TABLE t (a int);',
      'ALTER TABLE t OWNER TO owner_role;',
      'GRANT SELECT ON t TO reader_a, "Reader B";',
      'REVOKE ALL ON t FROM revoked_role;',
      'CREATE POLICY p ON t TO policy_role USING (true);',
      'ALTER DEFAULT PRIVILEGES FOR ROLE adp_role GRANT SELECT ON TABLES TO reader_a;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'SET ROLE role_role;',
      'SET SESSION AUTHORIZATION session_role;',
    ].join('\n');
    const { db, summary } = await loadScript(factory, script, { source: 'roles.sql' });
    try {
      expect(summary.errors).toEqual([]);
      expect(summary.executed).toBe(9);
      const created = summary.notes.filter((n) => n.code === 'role_created');
      expect(created.map((n) => n.line)).toEqual([2, 3, 3, 4, 5, 6, 8, 9]);
      const roles = await db.query<{ rolname: string; rolcanlogin: boolean }>(
        "select rolname, rolcanlogin from pg_roles where rolname in ('owner_role','reader_a','Reader B','revoked_role','policy_role','adp_role','session_role','role_role') order by 1",
      );
      expect(roles.rows).toHaveLength(8);
      expect(roles.rows.every((r) => !r.rolcanlogin)).toBe(true);
      expect((await db.query<{ u: string; s: string }>('select current_user as u, session_user as s')).rows[0]).toEqual({ u: 'postgres', s: 'postgres' });
      expect((await db.query<{ p: string }>('show search_path')).rows[0].p).not.toBe('""');
    } finally {
      await db.close();
    }
  });

  it('points an error at the position Postgres reports, in UTF-16 columns, on later lines of a statement', async () => {
    const script = "CREATE TABLE t (a int);\n  SELECT '🐘żółć', a,\n         nmae FROM t;\nSELECT 1;";
    const { db, summary } = await loadScript(factory, script, { source: 'pos.sql' });
    await db.close();
    expect(summary.errors).toEqual([
      { line: 3, column: 10, sqlstate: '42703', message: 'column "nmae" does not exist', statement: "SELECT '🐘żółć', a,\n         nmae FROM t;" },
    ]);
    expect(summary.executed).toBe(2);

    const { db: db2, summary: s2 } = await loadScript(factory, "SELECT '🐘', nope;", { source: 'pos.sql' });
    await db2.close();
    // 🐘 is one code point for Postgres, two UTF-16 units for an editor.
    expect(s2.errors[0]).toMatchObject({ line: 1, column: 14 });
  });

  it('reports a bad COPY row at its data line, and the statement text as written', async () => {
    const script = 'CREATE TABLE c (a int, b text);\nCOPY c (a, b) FROM stdin;\n1\tok\nx\tbad\n\\.\nSELECT 1;\n';
    const { db, summary } = await loadScript(factory, script, { source: 'copy.sql' });
    await db.close();
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ line: 4, column: 1, sqlstate: '22P02', statement: 'COPY c (a, b) FROM stdin;' });
    expect(summary.executed).toBe(2);
  });

  it('commits a transaction the script left open, and says so', async () => {
    const { db, summary } = await loadScript(factory, 'BEGIN;\nCREATE TABLE open_tx (a int);\n', { source: 'tx.sql' });
    try {
      expect(summary.notes.map((n) => n.code)).toContain('transaction_left_open');
      expect((await db.query<{ n: number }>("select count(*)::int as n from pg_class where relname = 'open_tx'")).rows[0].n).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('reports progress (throttled, ending at total) and stops on abort', async () => {
    const script = Array.from({ length: 400 }, (_, i) => `CREATE TABLE p${i} (a int);`).join('\n');
    const seen: [number, number][] = [];
    const { db, summary } = await loadScript(factory, script, { source: 'p.sql', onProgress: (d, t) => seen.push([d, t]) });
    await db.close();
    expect(summary.executed).toBe(400);
    expect(seen.at(-1)).toEqual([400, 400]);
    expect(seen.length).toBeLessThan(400);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);

    const ctrl = new AbortController();
    let calls = 0;
    const run = loadScript(factory, script, {
      source: 'p.sql',
      signal: ctrl.signal,
      onProgress: (done) => {
        calls++;
        if (done >= 10) ctrl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBeGreaterThan(0);
  });
});
