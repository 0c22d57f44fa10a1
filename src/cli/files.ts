/** File access for the CLI: unreadable files become InputErrors naming the file. */
import { accessSync, closeSync, constants, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors';
import { checkInputHead, tooLarge } from '../core/load/input';

/**
 * The package root: two levels above this module both as source (src/cli/) and built
 * (dist/cli/skeldir-schema.mjs).
 */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new InputError(`cannot read file: ${why}`, { source: path }, { cause: err });
  }
}

const CHUNK = 1 << 20;

/**
 * The bytes of an input read no further than `maxBytes`: `/dev/zero`, a FIFO or a 10 GB file
 * never grows memory past the cap. The first chunk is sniffed (binary formats, NUL bytes) so
 * an endless binary stream is refused after one megabyte.
 */
export function readBytesCapped(path: string, maxBytes: number, source = path): Uint8Array {
  let fd: number;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    fd = openSync(path, 'r');
  } catch (err) {
    return readBytes(path); // the same "cannot read file: …" errors
  }
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buf = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      if (chunks.length === 0) checkInputHead(buf.subarray(0, n), source);
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(total, maxBytes, source, true);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Refuses an `--output` the CLI could not write, before any work is done. */
export function checkWritable(path: string): void {
  const fail = (why: string, cause?: unknown): never => {
    throw new InputError(`cannot write output: ${why}`, { source: path }, { cause });
  };
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Does not exist yet: its directory must be writable.
    try {
      accessSync(dirname(resolve(path)), constants.W_OK);
    } catch (err) {
      fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : 'permission denied', err);
    }
    return;
  }
  if (isDir) fail('is a directory');
  try {
    accessSync(path, constants.W_OK);
  } catch (err) {
    fail('permission denied', err);
  }
}

/** UTF-8 text of a small text input (YAML); a leading BOM is dropped. */
export function readText(path: string): string {
  return new TextDecoder('utf-8').decode(readBytes(path)).replace(/^\uFEFF/, '');
}

/** A path as reports show it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') || rel === '' ? resolve(path) : rel;
}

export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/** `schema/smoke/*.yaml` of the package, sorted; empty when the folder does not exist. */
export function bundledSmoke(): { name: string; yaml: string }[] {
  const dir = packagePath('schema', 'smoke');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort()
    .map((f) => ({ name: displayPath(join(dir, f)), yaml: readText(join(dir, f)) }));
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
