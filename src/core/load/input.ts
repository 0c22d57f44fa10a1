/**
 * Refuses input that cannot be a psql script before anything is loaded: empty, binary, a
 * pg_dump archive (custom/tar/directory format), compressed, or text with no SQL in it.
 * Returns the text to load (UTF-8 BOM removed; CRLF is left as is, the splitter handles it).
 */
import { InputError } from '../errors';
import { LineIndex, splitScript } from './split';

/** Words a top-level SQL command can start with (PostgreSQL's grammar, `stmt:` alternatives). */
const SQL_COMMANDS = new Set(
  (
    'abort alter analyse analyze begin call checkpoint close cluster comment commit copy create deallocate declare ' +
    'delete discard do drop end execute explain fetch grant import insert listen load lock merge move notify prepare ' +
    'reassign refresh reindex release reset revoke rollback savepoint security select set show start table truncate ' +
    'unlisten update vacuum values with'
  ).split(' '),
);

const te = new TextDecoder('utf-8', { fatal: true });

export interface UsableInputOptions {
  /**
   * An empty or comments-only script is a valid, empty schema (a canonical given explicitly:
   * everything in the dump is then extra). A dump stays refused: it created nothing to check.
   */
  allowEmpty?: boolean;
}

export function checkUsableInput(input: string | Uint8Array, source: string, options: UsableInputOptions = {}): string {
  let text: string;
  if (typeof input === 'string') {
    const refusal = binaryFormat(input.slice(0, 512));
    if (refusal) throw new InputError(refusal, { source, line: 1, column: 1 });
    text = input;
  } else {
    const head = String.fromCharCode(...input.subarray(0, 512));
    const refusal = binaryFormat(head);
    if (refusal) throw new InputError(refusal, { source, line: 1, column: 1 });
    if (input[0] === 0xff && input[1] === 0xfe) throw new InputError('file is UTF-16 text; save it as UTF-8 (pg_dump writes UTF-8)', { source, line: 1, column: 1 });
    if (input[0] === 0xfe && input[1] === 0xff) throw new InputError('file is UTF-16 text; save it as UTF-8 (pg_dump writes UTF-8)', { source, line: 1, column: 1 });
    try {
      text = te.decode(input);
    } catch (cause) {
      const at = firstInvalidUtf8(input);
      const before = new TextDecoder().decode(input.subarray(0, at));
      const where = new LineIndex(before).at(before.length);
      throw new InputError(`not UTF-8 text (invalid byte 0x${input[at].toString(16).padStart(2, '0')}); is this a binary file?`, { source, line: where.line, column: where.column }, { cause });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const at = new LineIndex(text).at(nul);
    throw new InputError('binary data (NUL byte) in the input; expected a plain-text SQL script', { source, ...at });
  }
  if (text.trim() === '') {
    if (options.allowEmpty) return text;
    throw new InputError('input is empty', { source, line: 1, column: 1 });
  }

  const items = splitScript(text);
  const first = items.find((i) => i.kind !== 'meta');
  if (!first) {
    if (options.allowEmpty) return text;
    const what = items.length ? 'only psql meta-commands' : 'only comments';
    throw new InputError(`input has ${what}; no SQL statements found`, { source, line: items[0]?.line ?? 1, column: 1 });
  }
  if (first.kind === 'copy') return text;
  const word = /^[A-Za-z_]+/.exec(first.text)?.[0]?.toLowerCase();
  if (!word || !SQL_COMMANDS.has(word)) {
    const kind = /^\s*[[{]/.test(first.text) ? 'JSON' : /^[\w.-]+\s*:(\s|$)/.test(first.text) ? 'YAML' : null;
    const found = first.text.split('\n')[0].slice(0, 40);
    throw new InputError(
      `not an SQL script${kind ? ` (looks like ${kind})` : ''}: expected a statement such as CREATE or SET, found "${found}"`,
      { source, line: first.line, column: first.column },
    );
  }
  return text;
}

/** A reason to refuse when the start of the file is a known binary format, else null. */
function binaryFormat(head: string): string | null {
  if (head.startsWith('PGDMP')) {
    return 'this is a pg_dump archive (custom, tar or directory format), not a plain SQL script; convert it with `pg_restore -f - FILE > dump.sql` or dump with `pg_dump --format=plain`';
  }
  if (head.length >= 262 && head.slice(257, 262) === 'ustar') {
    return 'this is a tar archive (pg_dump --format=tar?), not a plain SQL script; convert it with `pg_restore -f - FILE > dump.sql` or dump with `pg_dump --format=plain`';
  }
  if (head.charCodeAt(0) === 0x1f && (head.charCodeAt(1) === 0x8b || head.charCodeAt(1) === 0xfffd)) return 'file is gzip-compressed; decompress it first (gunzip)';
  if (head.startsWith('\x28\xb5\x2f\xfd')) return 'file is zstd-compressed; decompress it first (zstd -d)';
  if (head.startsWith('\x04\x22\x4d\x18')) return 'file is lz4-compressed; decompress it first (lz4 -d)';
  if (head.startsWith('PK\x03\x04')) return 'file is a zip archive; extract the SQL script first';
  return null;
}

/** Index of the first byte that does not start a valid UTF-8 sequence (only called on decode failure). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}
