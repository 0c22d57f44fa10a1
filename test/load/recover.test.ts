/**
 * Recovery after a runaway statement (load/recover.ts): the error is reported where Postgres
 * points, and loading resumes at the next statement pg_dump (or a hand-written script) starts.
 */
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { loadScript } from '../../src/core/load/load';
import { recoveryPoint } from '../../src/core/load/recover';
import { splitScript, type SqlItem } from '../../src/core/load/split';

const factory = pgliteFactory();
const tables = async (sql: string) => {
  const { db, summary } = await loadScript(factory, sql, { source: 't' });
  try {
    const r = await db.query<{ n: string }>("select relname as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by 1");
    return { names: r.rows.map((x) => x.n), summary };
  } finally {
    await db.close();
  }
};

describe('load recovery', () => {
  it('a CREATE TABLE without its closing parenthesis loses only itself', async () => {
    const sql = [
      'CREATE TABLE a (id int);',
      'CREATE TABLE b (',
      '    id int,',
      '    name text',
      ';',
      '',
      'CREATE TABLE c (id int);',
      "COMMENT ON TABLE c IS 'see (';",
      'CREATE TABLE d (id int);',
    ].join('\n');
    const { names, summary } = await tables(sql);
    expect(names).toEqual(['a', 'c', 'd']);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ line: 5, column: 1, sqlstate: '42601' });
    expect(summary.notes.find((n) => n.code === 'load_recovered')?.message).toContain('resumed at line 7');
    expect(summary.statements).toBe(5);
    expect(summary.executed).toBe(4);
  });

  it('a missing semicolon costs the two statements it glued, not the rest', async () => {
    const { names, summary } = await tables('CREATE TABLE a (id int)\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);\n');
    // Postgres rejects the glued text at `CREATE` on line 2; recovery resumes there.
    expect(names).toEqual(['b', 'c']);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ line: 2, column: 1, sqlstate: '42601' });
  });

  it('an unterminated quote resumes at the next pg_dump header', async () => {
    const sql = [
      '--', '-- Name: a; Type: TABLE; Schema: public; Owner: -', '--', '',
      "CREATE TABLE a (id int DEFAULT 'x);", '',
      '--', '-- Name: b; Type: TABLE; Schema: public; Owner: -', '--', '',
      'CREATE TABLE b (id int);', '',
    ].join('\n');
    const { names, summary } = await tables(sql);
    expect(names).toEqual(['b']);
    expect(summary.errors[0]).toMatchObject({ line: 5, sqlstate: '42601' });
  });

  it('an ordinary failure inside a function body does not re-lex the body', () => {
    const sql = 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\nCREATE TABLE x (id int);\nEND $$;\n';
    const item = splitScript(sql)[0] as SqlItem;
    expect(recoveryPoint(sql, item, '42704')).toBeNull();
    // …but a pg_dump header inside a failed statement is proof it ran on.
    const dumped = "COMMENT ON TABLE t IS 'x;\n--\n-- Name: u; Type: TABLE; Schema: public; Owner: -\n--\nCREATE TABLE u (id int);\n";
    const runaway = splitScript(dumped)[0] as SqlItem;
    expect(recoveryPoint(dumped, runaway, '42P01')).toMatchObject({ line: 3, anchor: 'pg_dump header' });
  });
});
