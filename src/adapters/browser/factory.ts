/**
 * The DbFactory the browser worker uses: the shared PGlite factory (../pglite.ts) started from
 * the data directory prepared at build time (build/pgdata-plugin.ts), so no initdb runs in the
 * page; without one (dev server) it runs initdb once and keeps that as the template, like Node.
 * Reports `boot` so the page can say "Booting PostgreSQL…", and keeps one database started
 * ahead of time for the first create().
 */
import prebuiltUrl from 'virtual:skeldir-pgdata';
import type { Db, DbFactory } from '../../core/db';
import { pgliteFactory, startPglite, wrapPglite } from '../pglite';
import { mark } from './boot-marks';
import { fetchTemplate, preloadArtifacts } from './prefetch';

export interface BrowserFactory extends DbFactory {
  /** Starts one database in the background and keeps it for the next create() (cold-start warm-up). */
  warm(): void;
  /** Starts a database from a prebuilt data directory at `url` (e.g. the prepared canonical). */
  open(url: string, extensions: readonly string[]): Promise<Db>;
}

export function browserFactory(onStage: (stage: string) => void): BrowserFactory {
  preloadArtifacts();
  const url = prebuiltUrl;
  const base = pgliteFactory({
    template: url ? () => fetchTemplate(url) : undefined,
    onBoot: () => onStage('boot'),
    onTemplateError: (err) => console.warn('Prebuilt data directory unavailable, running initdb', err),
  });
  // One database started ahead of time (no extensions): the first create() takes it.
  let spare: Promise<Db> | null = null;
  const withSpare = (factory: DbFactory, names: readonly string[]): DbFactory => ({
    async create(): Promise<Db> {
      if (names.length === 0 && spare) {
        const db = spare;
        spare = null;
        try { return await db; } catch { /* fall through to a fresh start */ }
      }
      return factory.create();
    },
    withExtensions: (more) => withSpare(factory.withExtensions(more), [...names, ...more]),
    supportsExtension: (name) => factory.supportsExtension(name),
  });
  const open = async (url: string, names: readonly string[]): Promise<Db> => wrapPglite(await startPglite(await fetchTemplate(url), names), names);
  const warm = () => {
    if (spare) return;
    mark('spare_requested');
    spare = base.create().then((db) => { mark('spare_started'); return db; });
    spare.catch(() => {});
  };
  return { ...withSpare(base, []), warm, open };
}
