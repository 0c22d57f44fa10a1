/**
 * PostgreSQL's parser (libpg-query: the server's own grammar compiled to WASM) behind the core's
 * SqlParser port. Works in Node (CLI, vitest: the module reads its .wasm beside itself) and in the
 * browser's worker (the .wasm is bundled as a same-origin asset, see vite.config.ts; compiling it
 * needs CSP 'wasm-unsafe-eval', which index.html already grants PGlite). One module instance per
 * realm, loaded on first use.
 */
import type { SqlParser } from '../core/lint/parser';

let loading: Promise<SqlParser> | null = null;

export function loadSqlParser(): Promise<SqlParser> {
  loading ??= (async () => {
    const pg = await import('libpg-query');
    await pg.loadModule();
    return {
      parse: (sql: string) => pg.parseSync(sql) as unknown as ReturnType<SqlParser['parse']>,
      scan: (sql: string) => pg.scanSync(sql).tokens,
    };
  })();
  return loading;
}
