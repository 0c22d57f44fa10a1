/**
 * The splitter as tables: each script → the items psql would see, with their positions.
 * `valid` scripts split into the listed statements; the `edge` table covers input psql itself
 * would treat specially (unterminated quotes, missing `\.`, meta-commands mid-statement).
 */
import { describe, expect, it } from 'vitest';
import { LineIndex, splitScript, type ScriptItem } from '../../src/core/load/split';

type Brief = { kind: ScriptItem['kind']; text: string; line: number; column: number };
const brief = (items: ScriptItem[]): Brief[] => items.map((i) => ({ kind: i.kind, text: i.text, line: i.line, column: i.column }));
const sql = (text: string, line = 1, column = 1): Brief => ({ kind: 'sql', text, line, column });

const valid: { name: string; script: string; items: Brief[] }[] = [
  { name: 'two simple statements', script: 'select 1;\n  select 2;', items: [sql('select 1;'), sql('select 2;', 2, 3)] },
  { name: "'' escape and ; in a string", script: "select 'it''s; fine';select 2;", items: [sql("select 'it''s; fine';"), sql('select 2;', 1, 22)] },
  { name: "E'' with \\' and \\\\", script: "select E'a\\'; b\\\\';select 2;", items: [sql("select E'a\\'; b\\\\';"), sql('select 2;', 1, 20)] },
  { name: "plain '' keeps backslash literal (standard_conforming_strings on)", script: "select 'a\\';select 2;", items: [sql("select 'a\\';"), sql('select 2;', 1, 13)] },
  {
    name: 'standard_conforming_strings = off makes \\ escape in plain strings',
    script: "SET standard_conforming_strings = off;\nselect 'a\\'; b';\nselect 2;",
    items: [sql('SET standard_conforming_strings = off;'), sql("select 'a\\'; b';", 2), sql('select 2;', 3)],
  },
  { name: '$$ body', script: 'do $$ begin perform 1; end $$;\nselect 2;', items: [sql('do $$ begin perform 1; end $$;'), sql('select 2;', 2)] },
  {
    name: 'nested different tags',
    script: "create function f() returns text language plpgsql as $fn$ begin return $q$ x; $$ y $q$; end $fn$;\nselect 1;",
    items: [sql("create function f() returns text language plpgsql as $fn$ begin return $q$ x; $$ y $q$; end $fn$;"), sql('select 1;', 2)],
  },
  { name: '$1 parameter and a$b identifier are not dollar quotes', script: 'select a$b$, $1;select 2;', items: [sql('select a$b$, $1;'), sql('select 2;', 1, 17)] },
  { name: 'quoted identifier with "" and ;', script: 'create table "a ""b""; c" (x int);\nselect 1;', items: [sql('create table "a ""b""; c" (x int);'), sql('select 1;', 2)] },
  { name: "U&'' and U&\"\" ", script: 'select U&\'d\\0061t;\' as U&"x;";select 2;', items: [sql('select U&\'d\\0061t;\' as U&"x;";'), sql('select 2;', 1, 31)] },
  { name: '-- comment with ; and leading comments dropped', script: '-- intro; here\nselect 1 -- tail; x\n;', items: [sql('select 1 -- tail; x\n;', 2)] },
  { name: 'nested block comments', script: '/* a; /* b; */ c; */ select /* ; */ 1;', items: [sql('select /* ; */ 1;', 1, 22)] },
  {
    name: 'parentheses hold ; (CREATE RULE … DO ( a; b ))',
    script: 'create rule r as on insert to t do also (insert into u values (1); insert into u values (2));\nselect 1;',
    items: [sql('create rule r as on insert to t do also (insert into u values (1); insert into u values (2));'), sql('select 1;', 2)],
  },
  {
    name: 'BEGIN ATOMIC with CASE … END',
    script: "CREATE OR REPLACE FUNCTION f(a int) RETURNS text LANGUAGE sql\nBEGIN ATOMIC\n SELECT CASE WHEN a > 0 THEN 'p;' ELSE 'n' END;\n SELECT 'x';\nEND;\nselect 2;",
    items: [sql("CREATE OR REPLACE FUNCTION f(a int) RETURNS text LANGUAGE sql\nBEGIN ATOMIC\n SELECT CASE WHEN a > 0 THEN 'p;' ELSE 'n' END;\n SELECT 'x';\nEND;"), sql('select 2;', 6)],
  },
  {
    name: 'CREATE PROCEDURE … BEGIN ATOMIC',
    script: 'create procedure p() language sql begin atomic insert into t values (1); insert into t values (2); end;\nselect 1;',
    items: [sql('create procedure p() language sql begin atomic insert into t values (1); insert into t values (2); end;'), sql('select 1;', 2)],
  },
  { name: 'transaction BEGIN is a statement of its own', script: 'BEGIN;\ncreate table t (a int);\nCOMMIT;', items: [sql('BEGIN;'), sql('create table t (a int);', 2), sql('COMMIT;', 3)] },
  {
    name: 'meta-commands between statements',
    script: '\\restrict abc123\nSET a = 1;\n\\connect "my db"\n\\unrestrict abc123\n',
    items: [
      { kind: 'meta', text: '\\restrict abc123', line: 1, column: 1 },
      sql('SET a = 1;', 2),
      { kind: 'meta', text: '\\connect "my db"', line: 3, column: 1 },
      { kind: 'meta', text: '\\unrestrict abc123', line: 4, column: 1 },
    ],
  },
  { name: 'no trailing semicolon at EOF', script: 'select 1;\nselect 2\n', items: [sql('select 1;'), sql('select 2', 2)] },
  { name: 'empty statements are dropped', script: ';;\nselect 1;;', items: [sql('select 1;', 2)] },
  { name: 'CRLF line endings', script: 'select 1;\r\n\r\n  select\r\n 2;\r\n', items: [sql('select 1;'), sql('select\r\n 2;', 3, 3)] },
  { name: 'unicode before a statement counts one column per UTF-16 unit', script: "select 'żółć';select 2;", items: [sql("select 'żółć';"), sql('select 2;', 1, 15)] },
];

describe('splitScript: valid scripts', () => {
  it.each(valid)('$name', ({ script, items }) => {
    expect(brief(splitScript(script))).toEqual(items);
  });
});

describe('splitScript: COPY … FROM stdin', () => {
  it('takes data up to a line that is exactly \\., keeping tabs, backslashes, quotes and ;', () => {
    const data = "1\ta;b\t\\N\n2\t'q' \"d\" $$\t\\\\.\n3\t\\.x\t\\t\n";
    const script = `SET x = 1;\nCOPY public.t (a, "b;c") FROM stdin;\n${data}\\.\n\nselect 1;\n`;
    const items = splitScript(script);
    expect(items.map((i) => i.kind)).toEqual(['sql', 'copy', 'sql']);
    const copy = items[1];
    if (copy.kind !== 'copy') throw new Error('expected copy');
    expect(copy).toMatchObject({ text: 'COPY public.t (a, "b;c") FROM stdin;', data, dataLine: 3, line: 2, column: 1, endLine: 6 });
    expect(copy.text.slice(copy.stdinOffset, copy.stdinOffset + copy.stdinLength)).toBe('stdin');
    expect(items[2]).toMatchObject({ text: 'select 1;', line: 8 });
  });

  it('handles CRLF data and a CRLF \\. line', () => {
    const items = splitScript('COPY t FROM STDIN;\r\n1\tx\r\n\\.\r\nselect 1;');
    expect(items[0]).toMatchObject({ kind: 'copy', data: '1\tx\r\n' });
    expect(items[1]).toMatchObject({ kind: 'sql', text: 'select 1;', line: 4 });
  });

  it('COPY … TO stdout and COPY … FROM a file have no data', () => {
    const items = splitScript("COPY t TO stdout;\nCOPY t FROM '/tmp/x';\nselect 1;");
    expect(items.map((i) => i.kind)).toEqual(['sql', 'sql', 'sql']);
  });

  it('"stdin" quoted is a file name, not stdin', () => {
    expect(splitScript('COPY t FROM "stdin";\nselect 1;').map((i) => i.kind)).toEqual(['sql', 'sql']);
  });
});

describe('splitScript: edge cases psql also meets', () => {
  it('an unterminated quote runs to the end (psql would wait for more input)', () => {
    expect(brief(splitScript("select 1;\nselect 'abc;\nselect 2;"))).toEqual([sql('select 1;'), sql("select 'abc;\nselect 2;", 2)]);
  });

  it('an unterminated dollar quote runs to the end', () => {
    expect(splitScript('do $x$ begin; end $y$;\nselect 1;')).toHaveLength(1);
  });

  it('COPY data without \\. runs to the end and is flagged', () => {
    const [copy] = splitScript('COPY t FROM stdin;\n1\n2\n');
    expect(copy).toMatchObject({ kind: 'copy', data: '1\n2\n', unterminated: true });
  });

  it('a meta-command inside a pending statement keeps the statement going (psql keeps its buffer)', () => {
    const items = splitScript('select 1,\n\\set x 1\n2;\nselect 3;');
    expect(items.map((i) => [i.kind, i.text])).toEqual([
      ['meta', '\\set x 1'],
      ['sql', 'select 1,\n\n2;'],
      ['sql', 'select 3;'],
    ]);
  });

  it('\\g sends the pending statement', () => {
    expect(splitScript('select 1 \\g\nselect 2;').map((i) => [i.kind, i.text])).toEqual([
      ['sql', 'select 1'],
      ['meta', '\\g'],
      ['sql', 'select 2;'],
    ]);
  });

  it('\\; is a literal semicolon that does not end the statement', () => {
    expect(splitScript('select 1\\; select 2;').map((i) => i.kind)).toEqual(['sql']);
  });

  it('a lone BEGIN outside CREATE FUNCTION does not swallow the script', () => {
    expect(splitScript('begin;\nselect 1;\nend;').map((i) => i.text)).toEqual(['begin;', 'select 1;', 'end;']);
  });

  it('meta-command fields', () => {
    expect(splitScript('\\connect -reuse-previous=on "dbname=\'x\'"\n')[0]).toMatchObject({
      kind: 'meta',
      command: 'connect',
      args: '-reuse-previous=on "dbname=\'x\'"',
    });
  });

  it('endLine is the last line of the statement', () => {
    expect(splitScript('\n\nselect\n1\n;\n')[0]).toMatchObject({ line: 3, endLine: 5 });
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    expect(idx.at(0)).toEqual({ line: 1, column: 1 });
    expect(idx.at(4)).toEqual({ line: 2, column: 2 });
    expect(idx.at(6)).toEqual({ line: 3, column: 1 });
    expect(idx.at(8)).toEqual({ line: 4, column: 2 });
  });
});
