/** checkUsableInput: what is refused before loading, and where the error points. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { checkUsableInput } from '../../src/core/load/load';

const bytes = (s: string) => new TextEncoder().encode(s);

function refusal(input: string | Uint8Array): InputError {
  try {
    checkUsableInput(input, 'dump.sql');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('checkUsableInput', () => {
  const refused: { name: string; input: string | Uint8Array; message: RegExp; line: number; column?: number }[] = [
    { name: 'empty', input: '', message: /empty/, line: 1 },
    { name: 'whitespace only', input: ' \n\t\r\n', message: /empty/, line: 1 },
    { name: 'comments only', input: '-- nothing\n/* here */\n', message: /no SQL statements/, line: 1 },
    { name: 'NUL byte (binary)', input: 'select 1;\nab\0cd', message: /binary data/, line: 2, column: 3 },
    { name: 'pg_dump custom format', input: bytes('PGDMP\x01\x0e\x00\x04\x08\x01\x01'), message: /pg_restore -f - FILE.*--format=plain/, line: 1 },
    { name: 'pg_dump custom format read as text', input: 'PGDMP\u0001\u000e', message: /pg_restore/, line: 1 },
    { name: 'gzip', input: new Uint8Array(gzipSync('select 1;')), message: /gzip-compressed; decompress/, line: 1 },
    { name: 'not UTF-8', input: new Uint8Array([0x73, 0x65, 0x6c, 0x0a, 0xc3, 0x28]), message: /not UTF-8/, line: 2, column: 1 },
    { name: 'UTF-16', input: new Uint8Array([0xff, 0xfe, 0x73, 0x00]), message: /UTF-16/, line: 1 },
    { name: 'JSON', input: '{"tables": ["a; b"]}\n', message: /not an SQL script \(looks like JSON\)/, line: 1, column: 1 },
    { name: 'YAML', input: 'phases:\n  - id: b0.3\n', message: /looks like YAML/, line: 1, column: 1 },
    { name: 'prose after a comment header', input: '-- notes\n\nThis is my schema. It has tables.\n', message: /not an SQL script.*"This is my schema/, line: 3, column: 1 },
    { name: 'only meta-commands', input: '\\restrict abc\n\\unrestrict abc\n', message: /only psql meta-commands/, line: 1 },
  ];
  it.each(refused)('refuses $name', ({ input, message, line, column }) => {
    const e = refusal(input);
    expect(e.message).toMatch(message);
    expect(e.location.source).toBe('dump.sql');
    expect(e.location.line).toBe(line);
    if (column !== undefined) expect(e.location.column).toBe(column);
  });

  it('refuses a tar archive (pg_dump --format=tar)', () => {
    const tar = new Uint8Array(1024);
    tar.set(bytes('toc.dat'), 0);
    tar.set(bytes('ustar'), 257);
    expect(refusal(tar).message).toMatch(/tar archive.*pg_restore/);
  });

  it('strips a UTF-8 BOM and keeps CRLF', () => {
    expect(checkUsableInput(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('select 1;\r\n')]), 'x')).toBe('select 1;\r\n');
    expect(checkUsableInput('\ufeffSET a = 1;', 'x')).toBe('SET a = 1;');
  });

  it('accepts a dump that starts with comments and \\restrict', () => {
    const dump = '--\n-- PostgreSQL database dump\n--\n\n\\restrict k\n\nSET statement_timeout = 0;\n';
    expect(checkUsableInput(dump, 'x')).toBe(dump);
  });

  it('prints file:line:column', () => {
    expect(String(refusal('hello world;'))).toBe('dump.sql:1:1: not an SQL script: expected a statement such as CREATE or SET, found "hello world;"');
  });
});
