/**
 * The initialised data directory the CLI build ships beside its bundle (vite.cli.config.ts);
 * null when running unbundled (vitest), so the factory runs initdb instead.
 */
import { readFile } from 'node:fs/promises';

export async function bundledTemplate(): Promise<Blob | null> {
  const url = new URL('./pgdata.bin', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const bytes = await readFile(url).catch(() => null);
  return bytes ? new Blob([bytes]) : null;
}
