/**
 * Refuses input that cannot be a psql script before anything is loaded: too large, empty,
 * binary, a pg_dump archive (custom/tar/directory format), compressed, or text with no SQL in it.
 * Returns the text to load (UTF-8 BOM removed; CRLF is left as is, the splitter handles it).
 * The CLI and the browser both call this one function, so they refuse (exit 3) the same inputs.
 *
 * Encoding: UTF-8, unless the script declares another one the way pg_dump does
 * (`SET client_encoding = 'LATIN1';`, written when the database's encoding is not UTF8): then
 * its bytes are decoded with that encoding (the loader keeps the session in UTF-8).
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

/** Default most bytes one input may have (`--max-input-size`, the app's setting). */
export const DEFAULT_MAX_INPUT_BYTES = 512e6;

export interface InputLimits {
  /** Most bytes (UTF-8) the input may have; default DEFAULT_MAX_INPUT_BYTES. */
  maxBytes?: number;
}

/** `512 MB`, `1.5 GB`, `300 kB`: sizes as messages say them (decimal units, like `--max-input-size 512MB`). */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [size, unit] of units) if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  return `${n} bytes`;
}

/** `512MB`, `2G`, `300k`, `1000` (bytes) → bytes; null when unreadable. Decimal units. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(text);
  if (!m) return null;
  const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * scale);
}

/** The refusal for an input larger than the cap (the CLI's capped reader throws it before reading it all). */
export function tooLarge(bytes: number, maxBytes: number, source: string, atLeast = false): InputError {
  return new InputError(
    `input is ${atLeast ? 'more than ' : ''}${formatBytes(bytes)}, larger than the ${formatBytes(maxBytes)} limit (--max-input-size, or the app's setting, raises it)`,
    { source, line: 1, column: 1 },
  );
}

/**
 * Refuses the start of an input that is plainly not a text script: a known binary format or a
 * NUL byte in the first bytes. Lets a reader stop early (`/dev/zero` is refused after one chunk).
 */
export function checkInputHead(head: Uint8Array, source: string): void {
  const text = String.fromCharCode(...head.subarray(0, 512));
  const refusal = binaryFormat(text);
  if (refusal) throw new InputError(refusal, { source, line: 1, column: 1 });
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return; // UTF-16: said below
  const nul = head.indexOf(0);
  if (nul !== -1) {
    const where = new LineIndex(new TextDecoder().decode(head.subarray(0, nul))).at(nul);
    throw new InputError('binary data (NUL byte) in the input; expected a plain-text SQL script', { source, line: where.line, column: where.column });
  }
}

export interface UsableInputOptions {
  /**
   * An empty or comments-only script is a valid, empty schema (a canonical given explicitly:
   * everything in the dump is then extra). A dump stays refused: it created nothing to check.
   */
  allowEmpty?: boolean;
}

export function checkUsableInput(input: string | Uint8Array, source: string, options: UsableInputOptions & InputLimits = {}): string {
  let text: string;
  if (typeof input === 'string') {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
    const size = utf8Length(input, maxBytes);
    if (size > maxBytes) throw tooLarge(size, maxBytes, source, true);
    const refusal = binaryFormat(input.slice(0, 512));
    if (refusal) throw new InputError(refusal, { source, line: 1, column: 1 });
    text = input;
  } else {
    text = decodeInput(input, source, options);
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

/**
 * Bytes → the script's text, the way the CLI reads a file and the page reads an opened one:
 * refused when too large, a known binary format, UTF-16, or not text in its encoding (UTF-8, or
 * the one it declares). Cheap (no parsing): the page runs it on the main thread as a file opens.
 */
export function decodeInput(input: Uint8Array, source: string, limits: InputLimits = {}): string {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (input.byteLength > maxBytes) throw tooLarge(input.byteLength, maxBytes, source);
  const head = String.fromCharCode(...input.subarray(0, 512));
  const refusal = binaryFormat(head);
  if (refusal) throw new InputError(refusal, { source, line: 1, column: 1 });
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
    throw new InputError('file is UTF-16 text; save it as UTF-8 (pg_dump writes UTF-8)', { source, line: 1, column: 1 });
  }
  let text: string;
  try {
    text = decode(input);
  } catch (cause) {
    const at = firstInvalidUtf8(input);
    const before = new TextDecoder().decode(input.subarray(0, at));
    const where = new LineIndex(before).at(before.length);
    throw new InputError(`not UTF-8 text (invalid byte 0x${input[at].toString(16).padStart(2, '0')}); is this a binary file?`, { source, line: where.line, column: where.column }, { cause });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * pg_dump's encodings as WHATWG TextDecoder labels (what browsers and Node can decode). Keys are
 * PostgreSQL's names, normalised to lower case without `_`/`-`. SQL_ASCII has no encoding for
 * bytes above 127; Latin-1 keeps each byte as one character.
 */
const DECLARED: Record<string, string> = {
  latin1: 'iso-8859-1', latin2: 'iso-8859-2', latin3: 'iso-8859-3', latin4: 'iso-8859-4', latin5: 'iso-8859-9',
  latin6: 'iso-8859-10', latin7: 'iso-8859-13', latin8: 'iso-8859-14', latin9: 'iso-8859-15', latin10: 'iso-8859-16',
  iso88595: 'iso-8859-5', iso88596: 'iso-8859-6', iso88597: 'iso-8859-7', iso88598: 'iso-8859-8',
  win1250: 'windows-1250', win1251: 'windows-1251', win1252: 'windows-1252', win1253: 'windows-1253', win1254: 'windows-1254',
  win1255: 'windows-1255', win1256: 'windows-1256', win1257: 'windows-1257', win1258: 'windows-1258', win866: 'ibm866', win874: 'windows-874',
  koi8r: 'koi8-r', koi8u: 'koi8-u', eucjp: 'euc-jp', euckr: 'euc-kr', sjis: 'shift_jis', gbk: 'gbk', gb18030: 'gb18030', big5: 'big5',
  sqlascii: 'iso-8859-1',
};

/** The encoding a script declares in its first lines (`SET client_encoding = 'LATIN1';`), or null. */
export function declaredEncoding(head: string): string | null {
  const m = /^\s*set\s+client_encoding\s*(?:=|to)\s*'?([A-Za-z0-9_-]+)'?\s*;/im.exec(head);
  return m ? m[1] : null;
}

/** UTF-8 (strict), or the declared encoding when the script names one other than UTF8. */
function decode(bytes: Uint8Array): string {
  const declared = declaredEncoding(String.fromCharCode(...bytes.subarray(0, 4096)));
  const key = declared?.toLowerCase().replace(/[_-]/g, '');
  const label = key && key !== 'utf8' && key !== 'unicode' ? DECLARED[key] : undefined;
  return label ? new TextDecoder(label).decode(bytes) : te.decode(bytes);
}

/** UTF-8 length of `s`, counting no further than just past `cap`. */
function utf8Length(s: string, cap: number): number {
  if (s.length * 3 <= cap) return s.length; // cannot exceed the cap: skip counting
  let n = 0;
  for (let i = 0; i < s.length && n <= cap; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
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
