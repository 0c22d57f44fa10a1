/**
 * What the CLI build ships beside its bundle (vite.cli.config.ts): an initialised data directory,
 * and the bundled canonical prepared ahead. Both null when running unbundled (vitest), so the
 * engine runs initdb and loads the canonical instead.
 */
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CanonicalSnapshot } from '../adapters/node/engine-protocol';
import type { PrebuiltCanonicalMeta } from '../adapters/browser/prebuilt-canonical';

async function shipped(file: string): Promise<Buffer | null> {
  const url = new URL(`./${file}`, import.meta.url);
  if (url.protocol !== 'file:') return null;
  return readFile(url).catch(() => null);
}

/**
 * A Blob backed by the file, not a copy of it in memory: PGlite reads it once (one buffer fewer
 * alive during the start: PGlite's own start peak 241–249 → 225–234 MB, measured 3 runs each).
 * Left gzip'd: an uncompressed tar (31 MB) skips the gunzip, ~0.5 s of the sample check's wall at
 * load ~9, but its buffer raised the engine's peak 225–251 → 274–275 MB, past what the 350 MB
 * target leaves beside the CLI process (~72 MB).
 */
export async function bundledTemplate(): Promise<Blob | null> {
  const url = new URL('./pgdata.bin', import.meta.url);
  if (url.protocol !== 'file:') return null;
  return openAsBlob(fileURLToPath(url)).catch(() => null);
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
