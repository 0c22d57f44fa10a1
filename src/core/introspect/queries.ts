/**
 * The catalog SQL, kept in `.sql` files under `-- name: x` headers (pg-schema-diff habit)
 * and imported as text, so it reads as SQL and works in vite, vitest and the CLI build.
 */
import relationsSql from './queries/relations.sql?raw';
import securitySql from './queries/security.sql?raw';
import routinesSql from './queries/routines.sql?raw';
import objectsSql from './queries/objects.sql?raw';
import databaseSql from './queries/database.sql?raw';

/**
 * Splits a file into its named queries. A block starts at a `-- name: <id>` line and runs to
 * the next one; comment lines and a trailing semicolon are dropped (each block is sent
 * alone, as one statement). Text before the first header is the file's preamble.
 */
export function parseNamedQueries(text: string, source = 'queries'): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (name === null) return;
    const sql = body.filter((l) => !/^\s*--/.test(l)).join('\n').trim().replace(/;\s*$/, '').trim();
    if (!sql) throw new Error(`${source}: query "${name}" is empty`);
    if (out.has(name)) throw new Error(`${source}: query "${name}" is defined twice`);
    out.set(name, sql);
  };
  for (const line of text.split(/\r?\n/)) {
    const m = /^--\s*name:\s*([A-Za-z_][\w-]*)\s*$/.exec(line);
    if (m) {
      flush();
      name = m[1];
      body = [];
    } else if (name !== null) {
      body.push(line);
    }
  }
  flush();
  return out;
}

export type QueryName =
  | 'schemas' | 'tables' | 'columns' | 'constraints' | 'indexes'
  | 'policies' | 'privileges' | 'roles'
  | 'functions' | 'triggers'
  | 'views' | 'sequences' | 'types' | 'extensions'
  | 'rules' | 'namespaces' | 'collations' | 'event_triggers' | 'publications' | 'foreign_servers' | 'foreign_data_wrappers' | 'default_privileges';

let cache: Map<string, string> | null = null;

/** The catalog query with this name (parsed once). */
export function catalogQuery(name: QueryName): string {
  if (!cache) {
    cache = new Map();
    for (const [file, text] of [['relations.sql', relationsSql], ['security.sql', securitySql], ['routines.sql', routinesSql], ['objects.sql', objectsSql], ['database.sql', databaseSql]] as const) {
      for (const [k, v] of parseNamedQueries(text, file)) {
        if (cache.has(k)) throw new Error(`${file}: query "${k}" is defined in two files`);
        cache.set(k, v);
      }
    }
  }
  const sql = cache.get(name);
  if (!sql) throw new Error(`catalog query "${name}" not found in src/core/introspect/queries/*.sql`);
  return sql;
}
