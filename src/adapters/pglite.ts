/**
 * PGlite behind the core's Db port. Used as-is in Node (CLI, vitest) and inside the
 * browser's Web Worker. The core never imports PGlite.
 *
 * Boot cost: a fresh PGlite runs initdb (~1.5–5 s of CPU). The factory runs it once, keeps the
 * empty data directory, and starts every later database from it (`loadDataDir`, ~0.5 s),
 * whatever extensions that database registers: initdb's output does not depend on them
 * (extension bundles are loaded at start, their objects made by CREATE EXTENSION). A caller
 * that has a prebuilt data directory (the browser build ships one) passes it as `template` and
 * no initdb runs at all.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Db, DbFactory, QueryOptions, QueryResult } from '../core/db';
import { isSupportedExtension, loadExtensions } from './pglite-extensions';
import { PGLITE_START_PARAMS } from './pglite-settings';

type Extensions = NonNullable<PGliteOptions['extensions']>;
type PGliteLike = Pick<PGlite, 'query' | 'exec' | 'close' | 'dumpDataDir'>;

export function wrapPglite(pg: PGliteLike, extensions: readonly string[] = []): Db {
  return {
    async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const r = await pg.query<T>(sql, params as unknown[] | undefined, options?.blob ? { blob: options.blob } : undefined);
      return { rows: r.rows, affectedRows: r.affectedRows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async clone() {
      const data = await pg.dumpDataDir('none');
      const copy = await PGlite.create({ loadDataDir: data, extensions: (await loadExtensions(extensions)) as Extensions, startParams: [...PGLITE_START_PARAMS] });
      return wrapPglite(copy, extensions);
    },
    async close() {
      await pg.close();
    },
  };
}

export interface PgliteFactoryOptions {
  /** Extension names to register (as `CREATE EXTENSION` spells them). */
  extensions?: readonly string[];
  /**
   * A freshly initialised data directory (`dumpDataDir()` of a new PGlite, same PGlite version)
   * to start databases from instead of running initdb; null/undefined or a rejection → initdb.
   */
  template?: () => Promise<Blob | File | null | undefined>;
}

/** A DbFactory whose databases start from a cached, freshly initialised data directory. */
export function pgliteFactory(options: PgliteFactoryOptions = {}): DbFactory {
  let template: Promise<Blob | File> | null = null;
  const initdb = async (): Promise<Blob | File> => {
    const boot = await PGlite.create();
    const blob = await boot.dumpDataDir('none');
    await boot.close();
    return blob;
  };
  const getTemplate = (): Promise<Blob | File> => {
    template ??= (async () => (options.template ? await options.template().catch(() => null) : null) ?? initdb())();
    return template;
  };
  const make = (names: readonly string[]): DbFactory => ({
    async create() {
      const [data, extensions] = await Promise.all([getTemplate(), loadExtensions(names)]);
      const pg = await PGlite.create({ loadDataDir: data, extensions: extensions as Extensions, startParams: [...PGLITE_START_PARAMS] });
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => make([...names, ...more]),
    supportsExtension: isSupportedExtension,
  });
  return make(options.extensions ?? []);
}
