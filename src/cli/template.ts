/**
 * What the CLI build ships beside its bundle (vite.cli.config.ts): an initialised data directory,
 * and the bundled canonical prepared ahead. Both null when running unbundled (vitest), so the
 * engine runs initdb and loads the canonical instead.
 */
import { readFile } from 'node:fs/promises';
import type { CanonicalSnapshot } from '../adapters/node/engine-protocol';
import type { PrebuiltCanonicalMeta } from '../adapters/browser/prebuilt-canonical';

async function shipped(file: string): Promise<Buffer | null> {
  const url = new URL(`./${file}`, import.meta.url);
  if (url.protocol !== 'file:') return null;
  return readFile(url).catch(() => null);
}

export async function bundledTemplate(): Promise<Blob | null> {
  const bytes = await shipped('pgdata.bin');
  return bytes ? new Blob([new Uint8Array(bytes)]) : null;
}

/**
 * The canonical prepared at build time, as the engine child's snapshot of it, when `canonical` is
 * that very text (same sha256); named as this run names it (the name is only a label: the model
 * and load summary do not carry it). null otherwise, or when the files are missing or unreadable.
 */
export async function bundledCanonical(canonical: { name: string; sha256: string }): Promise<CanonicalSnapshot | null> {
  const json = await shipped('canonical.json');
  if (!json) return null;
  let meta: PrebuiltCanonicalMeta;
  try {
    meta = JSON.parse(json.toString('utf8')) as PrebuiltCanonicalMeta;
  } catch {
    return null;
  }
  if (meta.sha256 !== canonical.sha256) return null;
  const dataDir = await shipped('canonical-pgdata.bin');
  return dataDir ? { meta: { ...meta, name: canonical.name }, dataDir: new Uint8Array(dataDir) } : null;
}
