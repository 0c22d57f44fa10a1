/**
 * PGlite behind the core's Db port. Used as-is in Node (CLI, vitest) and inside the
 * browser's Web Worker. The core never imports PGlite.
 *
 * Boot cost: a fresh PGlite runs initdb (~1.5–4 s). The factory boots once per extension
 * set, keeps the empty data directory, and starts later databases from it (`loadDataDir`,
 * ~0.5 s).
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Db, DbFactory, QueryOptions, QueryResult } from '../core/db';
import { isSupportedExtension, loadExtensions } from './pglite-extensions';

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
      const copy = await PGlite.create({ loadDataDir: data, extensions: (await loadExtensions(extensions)) as Extensions });
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
}

/** A DbFactory whose databases start from a cached, freshly initialised data directory. */
export function pgliteFactory(options: PgliteFactoryOptions = {}): DbFactory {
  const templates = new Map<string, Promise<Blob | File>>();
  const make = (names: readonly string[]): DbFactory => ({
    async create() {
      const key = [...new Set(names)].sort().join(',');
      const extensions = (await loadExtensions(names)) as Extensions;
      let template = templates.get(key);
      if (!template) {
        template = (async () => {
          const boot = await PGlite.create({ extensions });
          const blob = await boot.dumpDataDir('none');
          await boot.close();
          return blob;
        })();
        templates.set(key, template);
      }
      const pg = await PGlite.create({ loadDataDir: await template, extensions });
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => make([...names, ...more]),
    supportsExtension: isSupportedExtension,
  });
  return make(options.extensions ?? []);
}
