/**
 * The canonical side prepared at build time (build/prepare-canonical.ts): a data directory with
 * the bundled canonical SQL already loaded, plus its SchemaModel and load summary. Used only
 * when the page checks exactly that text (same name and sha256); any edit prepares it afresh.
 *
 * The first verdict needs only the model: the canonical database itself (for the SQL console)
 * is started on first use, so it never competes with the check for the worker's one thread.
 */
import type { Db } from '../../core/db';
import type { SchemaModel } from '../../core/model';
import type { PreparedCanonical } from '../../core/pipeline';
import type { LoadSummary } from '../../core/report/types';

export interface PrebuiltCanonicalMeta {
  /** Source label the page uses for the bundled canonical, e.g. `schema/canonical_schema.sql`. */
  name: string;
  /** Lower-case hex SHA-256 of the UTF-8 text: the key that makes the prebuilt side valid. */
  sha256: string;
  bytes: number;
  model: SchemaModel;
  summary: LoadSummary;
  /** Extensions the database was started with (must be registered again to open it). */
  extensions: string[];
}

export interface PrebuiltCanonical {
  /** URL of the gzip'd data directory. */
  url: string;
  meta: PrebuiltCanonicalMeta;
}

/** A Db that starts the real one the first time anything is asked of it. */
export function lazyDb(start: () => Promise<Db>): Db & { started: boolean } {
  let db: Promise<Db> | null = null;
  const get = () => (db ??= start());
  return {
    get started() { return db !== null; },
    query: async (sql, params) => (await get()).query(sql, params),
    copyFrom: async (statement, stdin, data) => (await get()).copyFrom(statement, stdin, data),
    exec: async (sql) => (await get()).exec(sql),
    clone: async () => (await get()).clone(),
    // Closing one never started costs nothing.
    close: async () => { if (db) await (await db).close(); },
  };
}

/**
 * The PreparedCanonical for `text`, or null when the prebuilt one is for another text.
 * `open(url, extensions)` starts a database from the prebuilt data directory.
 */
export function preparedFromPrebuilt(
  prebuilt: PrebuiltCanonical | null, name: string, sha256: string,
  open: (url: string, extensions: readonly string[]) => Promise<Db>,
): PreparedCanonical | null {
  if (!prebuilt || prebuilt.meta.name !== name || prebuilt.meta.sha256 !== sha256) return null;
  const { meta } = prebuilt;
  return {
    name: meta.name, sha256: meta.sha256, bytes: meta.bytes, model: meta.model, summary: meta.summary,
    db: lazyDb(() => open(prebuilt.url, meta.extensions)),
    // Nothing of the canonical load or introspection ran in this page: it happened at build time.
    timings: { load_canonical: 0, introspect_canonical: 0 },
  };
}
