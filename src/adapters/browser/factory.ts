/**
 * The DbFactory the browser worker uses: PGlite behind the same Db wrapper as Node, started
 * from the data directory prepared at build time (build/pgdata-plugin.ts) so no initdb runs in
 * the page. Without one (dev server) it boots PGlite once and keeps that as the template, like
 * the Node factory. Reports `boot` so the page can say "Booting PostgreSQL…".
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import prebuiltUrl from 'virtual:skeldir-pgdata';
import type { Db, DbFactory } from '../../core/db';
import { wrapPglite } from '../pglite';
import { isSupportedExtension, loadExtensions } from '../pglite-extensions';

type Extensions = NonNullable<PGliteOptions['extensions']>;

async function fetchTemplate(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Prebuilt PostgreSQL data directory: HTTP ${res.status} for ${url}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // gzip magic 1f 8b; a server may have unpacked it already.
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return new Blob([bytes], { type: gz ? 'application/x-gzip' : 'application/x-tar' });
}

async function bootTemplate(): Promise<Blob> {
  const boot = await PGlite.create();
  const blob = await boot.dumpDataDir('none');
  await boot.close();
  return blob;
}

export interface BrowserFactory extends DbFactory {
  /** Starts one database in the background and keeps it for the next create() (cold-start warm-up). */
  warm(): void;
  /** Starts a database from a prebuilt data directory at `url` (e.g. the prepared canonical). */
  open(url: string, extensions: readonly string[]): Promise<Db>;
}

export function browserFactory(onStage: (stage: string) => void): BrowserFactory {
  let template: Promise<Blob> | null = null;
  const getTemplate = () => {
    if (!template) {
      onStage('boot');
      template = (prebuiltUrl ? fetchTemplate(prebuiltUrl).catch((err) => {
        console.warn('Prebuilt data directory unavailable, running initdb', err);
        return bootTemplate();
      }) : bootTemplate());
    }
    return template;
  };
  const start = async (names: readonly string[]): Promise<Db> => {
    const [data, extensions] = await Promise.all([getTemplate(), loadExtensions(names)]);
    const pg = await PGlite.create({ loadDataDir: data, extensions: extensions as Extensions });
    return wrapPglite(pg, names);
  };
  // One database started ahead of time (no extensions): the first create() takes it.
  let spare: Promise<Db> | null = null;
  const make = (names: readonly string[]): DbFactory => ({
    async create(): Promise<Db> {
      if (names.length === 0 && spare) {
        const db = spare;
        spare = null;
        try { return await db; } catch { /* fall through to a fresh start */ }
      }
      return start(names);
    },
    withExtensions: (more) => make([...names, ...more]),
    supportsExtension: isSupportedExtension,
  });
  const open = async (url: string, names: readonly string[]): Promise<Db> => {
    const [data, extensions] = await Promise.all([fetchTemplate(url), loadExtensions(names)]);
    const pg = await PGlite.create({ loadDataDir: data, extensions: extensions as Extensions });
    return wrapPglite(pg, names);
  };
  return { ...make([]), warm: () => { spare ??= start([]); spare.catch(() => {}); }, open };
}
