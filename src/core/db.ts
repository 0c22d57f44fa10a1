/**
 * The port every engine stage talks to. Adapters implement it: src/adapters/pglite.ts (PGlite,
 * the same code in Node and in the browser's Web Worker). The core never imports PGlite itself.
 */
export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  /** Rows inserted/updated/deleted by the last DML statement; undefined for others. */
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export interface Db {
  /** One statement, optionally with $1… parameters. Rejects with a DbError-like error. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * `COPY … FROM stdin` as the script wrote it, fed `data` (the lines psql would stream after it,
   * each ending in a newline, without the `\.` line). `stdin` locates the word `stdin` in
   * `statement` (UTF-16 offset and length). An error's `position` refers to `statement` as given,
   * whatever the adapter really sent.
   */
  copyFrom(statement: string, stdin: { offset: number; length: number }, data: string): Promise<void>;
  /** Several statements at once, run as one implicit transaction (engine setup and the loader's batches). */
  exec(sql: string): Promise<void>;
  /** A full, independent copy (data directory) of this database: scratch space for behaviour tests. */
  clone(): Promise<Db>;
  close(): Promise<void>;
}

/** Creates fresh, empty databases (canonical, each dump). */
export interface DbFactory {
  create(): Promise<Db>;
  /** A factory whose databases also have these extensions available for `CREATE EXTENSION`. */
  withExtensions(names: readonly string[]): DbFactory;
  /** Whether `CREATE EXTENSION name` can work here (PGlite ships it, or it is built in). */
  supportsExtension(name: string): boolean;
}

/** The fields a Postgres error carries (PGlite's DatabaseError has these). */
export interface PgErrorFields {
  message: string;
  /** SQLSTATE, e.g. `42P01`. */
  code?: string;
  /** 1-based character offset into the statement, as a string (Postgres wire format). */
  position?: string;
  detail?: string;
  hint?: string;
}

export function pgErrorFields(err: unknown): PgErrorFields {
  const e = (err ?? {}) as Record<string, unknown>;
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' ? e.code : undefined,
    position: typeof e.position === 'string' || typeof e.position === 'number' ? String(e.position) : undefined,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    hint: typeof e.hint === 'string' ? e.hint : undefined,
  };
}
