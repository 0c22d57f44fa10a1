/** File access for the CLI: unreadable files become InputErrors naming the file. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors';

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
