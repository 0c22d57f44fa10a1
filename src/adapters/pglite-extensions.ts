/**
 * Contrib extensions PGlite ships. PGlite loads an extension's bundle when the database
 * starts, so only the ones a script actually asks for (`CREATE EXTENSION …`) are registered.
 * Keys are the names `CREATE EXTENSION` uses.
 */
type Loader = () => Promise<unknown>;

const pick = (name: string) => (m: Record<string, unknown>) => m[name];

export const PGLITE_EXTENSIONS: Record<string, Loader> = {
  amcheck: () => import('@electric-sql/pglite/contrib/amcheck').then(pick('amcheck')),
  auto_explain: () => import('@electric-sql/pglite/contrib/auto_explain').then(pick('auto_explain')),
  bloom: () => import('@electric-sql/pglite/contrib/bloom').then(pick('bloom')),
  btree_gin: () => import('@electric-sql/pglite/contrib/btree_gin').then(pick('btree_gin')),
  btree_gist: () => import('@electric-sql/pglite/contrib/btree_gist').then(pick('btree_gist')),
  citext: () => import('@electric-sql/pglite/contrib/citext').then(pick('citext')),
  cube: () => import('@electric-sql/pglite/contrib/cube').then(pick('cube')),
  dict_int: () => import('@electric-sql/pglite/contrib/dict_int').then(pick('dict_int')),
  dict_xsyn: () => import('@electric-sql/pglite/contrib/dict_xsyn').then(pick('dict_xsyn')),
  earthdistance: () => import('@electric-sql/pglite/contrib/earthdistance').then(pick('earthdistance')),
  file_fdw: () => import('@electric-sql/pglite/contrib/file_fdw').then(pick('file_fdw')),
  fuzzystrmatch: () => import('@electric-sql/pglite/contrib/fuzzystrmatch').then(pick('fuzzystrmatch')),
  hstore: () => import('@electric-sql/pglite/contrib/hstore').then(pick('hstore')),
  intarray: () => import('@electric-sql/pglite/contrib/intarray').then(pick('intarray')),
  isn: () => import('@electric-sql/pglite/contrib/isn').then(pick('isn')),
  lo: () => import('@electric-sql/pglite/contrib/lo').then(pick('lo')),
  ltree: () => import('@electric-sql/pglite/contrib/ltree').then(pick('ltree')),
  moddatetime: () => import('@electric-sql/pglite/contrib/moddatetime').then(pick('moddatetime')),
  pageinspect: () => import('@electric-sql/pglite/contrib/pageinspect').then(pick('pageinspect')),
  pg_buffercache: () => import('@electric-sql/pglite/contrib/pg_buffercache').then(pick('pg_buffercache')),
  pg_freespacemap: () => import('@electric-sql/pglite/contrib/pg_freespacemap').then(pick('pg_freespacemap')),
  pg_stat_statements: () => import('@electric-sql/pglite/contrib/pg_stat_statements').then(pick('pg_stat_statements')),
  pg_surgery: () => import('@electric-sql/pglite/contrib/pg_surgery').then(pick('pg_surgery')),
  pg_trgm: () => import('@electric-sql/pglite/contrib/pg_trgm').then(pick('pg_trgm')),
  pg_visibility: () => import('@electric-sql/pglite/contrib/pg_visibility').then(pick('pg_visibility')),
  pg_walinspect: () => import('@electric-sql/pglite/contrib/pg_walinspect').then(pick('pg_walinspect')),
  pgcrypto: () => import('@electric-sql/pglite/contrib/pgcrypto').then(pick('pgcrypto')),
  seg: () => import('@electric-sql/pglite/contrib/seg').then(pick('seg')),
  tablefunc: () => import('@electric-sql/pglite/contrib/tablefunc').then(pick('tablefunc')),
  tcn: () => import('@electric-sql/pglite/contrib/tcn').then(pick('tcn')),
  tsm_system_rows: () => import('@electric-sql/pglite/contrib/tsm_system_rows').then(pick('tsm_system_rows')),
  tsm_system_time: () => import('@electric-sql/pglite/contrib/tsm_system_time').then(pick('tsm_system_time')),
  unaccent: () => import('@electric-sql/pglite/contrib/unaccent').then(pick('unaccent')),
  'uuid-ossp': () => import('@electric-sql/pglite/contrib/uuid_ossp').then(pick('uuid_ossp')),
};

/**
 * Extensions that are part of core Postgres in PGlite already (`plpgsql`), so `CREATE EXTENSION`
 * for them needs no bundle.
 */
export const BUILTIN_EXTENSIONS = new Set(['plpgsql']);

export function isSupportedExtension(name: string): boolean {
  return BUILTIN_EXTENSIONS.has(name) || name in PGLITE_EXTENSIONS;
}

export async function loadExtensions(names: readonly string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of new Set(names)) {
    const loader = PGLITE_EXTENSIONS[name];
    if (!loader) continue;
    // Keys must be valid identifiers for PGlite's namespace object.
    out[name.replace(/[^a-z0-9_]/gi, '_')] = await loader();
  }
  return out;
}
