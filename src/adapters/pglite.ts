/**
 * PGlite behind the core's Db port — the one place PGlite databases are started, in Node (CLI,
 * vitest, build plugins) and inside the browser's Web Worker. The core never imports PGlite.
 *
 * Boot cost: a fresh PGlite runs initdb (~1.5–5 s of CPU). The factory runs it once, keeps the
 * empty data directory, and starts every later database from it (`loadDataDir`, ~0.5 s),
 * whatever extensions that database registers: initdb's output does not depend on them
 * (extension bundles are loaded at start, their objects made by CREATE EXTENSION). A caller
 * that has a prebuilt data directory (the CLI and the browser build ship one) passes it as
 * `template` and no initdb runs at all.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Db, DbFactory, QueryResult } from '../core/db';
import { isSupportedExtension, loadExtensions } from './pglite-extensions';
import { INITDB_PARAMS, PGLITE_START_PARAMS } from './pglite-settings';
import { preloadedArtifacts } from './pglite-artifacts';

export { preloadPgliteArtifacts, type PgliteArtifacts } from './pglite-artifacts';

type Extensions = NonNullable<PGliteOptions['extensions']>;
type PGliteLike = Pick<PGlite, 'query' | 'exec' | 'close' | 'dumpDataDir'>;

/** A data directory as PGlite dumps and loads it (tar, or gzip'd tar). */
export type DataDir = Blob | File;

/** Every PGlite started here (weakly: this list never keeps one alive); the bench reads their WASM memory. */
const live = new Set<WeakRef<PGlite>>();

/** WASM linear memory of the PGlite instances open now (bytes), for the bench's memory report. */
export function pgliteWasmMemory(): { instances: number; bytes: number } {
  let bytes = 0;
  let instances = 0;
  for (const ref of live) {
    const pg = ref.deref();
    if (!pg || pg.closed) { live.delete(ref); continue; }
    instances++;
    // `mod` is PGlite's Emscripten module (protected): its heap is the instance's WASM memory.
    bytes += (pg as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength ?? 0;
  }
  return { instances, bytes };
}

/** Starts PGlite from `data` (or runs initdb when none) with these extensions registered. */
export async function startPglite(data: DataDir | undefined, extensions: readonly string[] = []): Promise<PGlite> {
  const [wasmModule, fsBundle] = await Promise.all([preloadedArtifacts().wasmModule, preloadedArtifacts().fsBundle]);
  const pg = await PGlite.create({
    ...(data ? { loadDataDir: data } : { initDbStartParams: [...INITDB_PARAMS] }),
    ...(wasmModule ? { pgliteWasmModule: wasmModule } : {}),
    ...(fsBundle ? { fsBundle } : {}),
    extensions: (await loadExtensions(extensions)) as Extensions,
    startParams: [...PGLITE_START_PARAMS],
  });
  live.add(new WeakRef(pg));
  return pg;
}

/** A freshly initialised, empty data directory (runs initdb once). */
export async function initdbDataDir(compression: 'none' | 'gzip' = 'none'): Promise<DataDir> {
  const boot = await PGlite.create({ initDbStartParams: [...INITDB_PARAMS] });
  try {
    return await boot.dumpDataDir(compression);
  } finally {
    await boot.close();
  }
}

/**
 * PGlite has no stdin: `COPY … FROM '/dev/blob'` reads the `blob` query option instead. The
 * statement is sent with `stdin` replaced, and an error position after the replacement is moved
 * back so it points into the statement as the script wrote it.
 */
const DEV_BLOB = "'/dev/blob'";

async function copyFromBlob(pg: PGliteLike, statement: string, stdin: { offset: number; length: number }, data: string): Promise<void> {
  const sql = statement.slice(0, stdin.offset) + DEV_BLOB + statement.slice(stdin.offset + stdin.length);
  try {
    await pg.query(sql, [], { blob: new Blob([data]) });
  } catch (err) {
    const e = err as { position?: unknown } | null;
    const pos = typeof e?.position === 'string' || typeof e?.position === 'number' ? Number(e.position) : NaN;
    if (Number.isInteger(pos) && pos >= 1) {
      // Positions are 1-based code points; everything before `stdin` is the same in both texts.
      const at = [...statement.slice(0, stdin.offset)].length;
      const index = pos - 1;
      if (index > at) (e as { position: string }).position = String(Math.max(at, index - (DEV_BLOB.length - stdin.length)) + 1);
    }
    throw err;
  }
}

export function wrapPglite(pg: PGliteLike, extensions: readonly string[] = []): Db {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const r = await pg.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows, affectedRows: r.affectedRows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
    },
    copyFrom: (statement, stdin, data) => copyFromBlob(pg, statement, stdin, data),
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async clone() {
      return wrapPglite(await startPglite(await pg.dumpDataDir('none'), extensions), extensions);
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
  template?: () => Promise<DataDir | null | undefined>;
  /** Called when the template is first needed (the page says "Booting PostgreSQL…"). */
  onBoot?: () => void;
  /** Called when `template` rejects, before falling back to initdb. */
  onTemplateError?: (err: unknown) => void;
  /** Called with every PGlite the factory starts (build time keeps it to dump its data directory). */
  onStart?: (pg: PGlite, extensions: readonly string[]) => void;
}

/** A DbFactory whose databases start from a cached, freshly initialised data directory. */
export function pgliteFactory(options: PgliteFactoryOptions = {}): DbFactory {
  let template: Promise<DataDir> | null = null;
  const fromOption = async (): Promise<DataDir | null> => {
    if (!options.template) return null;
    try {
      return (await options.template()) ?? null;
    } catch (err) {
      options.onTemplateError?.(err);
      return null;
    }
  };
  const getTemplate = (): Promise<DataDir> => {
    if (!template) {
      options.onBoot?.();
      template = (async () => (await fromOption()) ?? initdbDataDir())();
    }
    return template;
  };
  const make = (names: readonly string[]): DbFactory => ({
    async create() {
      const pg = await startPglite(await getTemplate(), names);
      options.onStart?.(pg, names);
      return wrapPglite(pg, names);
    },
    withExtensions: (more) => make([...names, ...more]),
    supportsExtension: isSupportedExtension,
  });
  return make(options.extensions ?? []);
}
