/**
 * What kind of statement a script item is, as far as the loader cares: transaction control (to
 * keep one failure from aborting the rest of a BEGIN … COMMIT block) and extensions (PGlite
 * registers them when a database starts). Read from the first words only; the server parses.
 */
import { unquoteIdent } from '../pgtext';
export type StatementKind =
  | { type: 'begin' }
  /** COMMIT / END / ROLLBACK / ABORT / PREPARE TRANSACTION: ends the script's transaction. */
  | { type: 'end_transaction' }
  /** SAVEPOINT / RELEASE / ROLLBACK TO: the script manages its own recovery points. */
  | { type: 'savepoint' }
  | { type: 'create_extension'; name: string }
  | { type: 'comment_on_extension'; name: string }
  /**
   * Changes only the server's configuration (ALTER SYSTEM, pg_reload_conf(), LOAD): nothing a
   * schema check looks at, and in PGlite it can make the next start fail. Skipped with a note.
   */
  | { type: 'server_config'; what: string }
  /** COPY … FROM/TO PROGRAM or a server-side file: reads or runs things on the host. Refused with a note. */
  | { type: 'server_file'; what: string }
  /**
   * `SET client_encoding = 'LATIN1'` (pg_dump of a non-UTF8 database): the reader already decoded
   * the input with it (input.ts), and the engine always sends UTF-8, so the session must stay UTF8.
   */
  | { type: 'client_encoding'; name: string }
  | { type: 'other' };

/** `name` or `"Quoted ""name"""`, as Postgres folds it. */
const IDENT = String.raw`("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)`;
const CREATE_EXTENSION = new RegExp(String.raw`^create\s+extension\s+(?:if\s+not\s+exists\s+)?` + IDENT, 'i');
const COMMENT_ON_EXTENSION = new RegExp(String.raw`^comment\s+on\s+extension\s+` + IDENT, 'i');

export function classifyStatement(text: string): StatementKind {
  const s = leadingCommentsStripped(text);
  let m = CREATE_EXTENSION.exec(s);
  if (m) return { type: 'create_extension', name: identValue(m[1]) };
  m = COMMENT_ON_EXTENSION.exec(s);
  if (m) return { type: 'comment_on_extension', name: identValue(m[1]) };
  const head = s.slice(0, 80).toLowerCase().replace(/\s+/g, ' ');
  const reconfig = serverConfig(head, s);
  if (reconfig) return { type: 'server_config', what: reconfig };
  const enc = /^set\s+(?:session\s+)?client_encoding\s*(?:=|to)\s*'?([A-Za-z0-9_-]+)'?\s*;?\s*$/i.exec(s);
  if (enc && !/^(utf-?8|unicode)$/i.test(enc[1])) return { type: 'client_encoding', name: enc[1] };
  const file = serverFile(s);
  if (file) return { type: 'server_file', what: file };
  if (/^(savepoint|release)\b/.test(head) || /^rollback( work| transaction)? to\b/.test(head)) return { type: 'savepoint' };
  if (/^(commit|end|rollback|abort)\b/.test(head)) {
    if (/^commit prepared\b|^rollback prepared\b/.test(head)) return { type: 'other' };
    // … AND CHAIN starts the next transaction at once.
    if (/\band chain\b/.test(head) && !/\band no chain\b/.test(head)) return { type: 'begin' };
    return { type: 'end_transaction' };
  }
  if (/^prepare transaction\b/.test(head)) return { type: 'end_transaction' };
  if (/^begin\b(?! atomic)/.test(head) || /^start transaction\b/.test(head)) return { type: 'begin' };
  return { type: 'other' };
}

/** ALTER SYSTEM …, LOAD '…', SELECT pg_reload_conf(): what the note calls it, else null. */
function serverConfig(head: string, s: string): string | null {
  if (/^alter system\b/.test(head)) return 'ALTER SYSTEM';
  if (/^load\b/.test(head)) return 'LOAD';
  if (/^select\s+(?:pg_catalog\s*\.\s*)?pg_reload_conf\s*\(\s*\)\s*;?\s*$/i.test(s)) return 'pg_reload_conf()';
  return null;
}

/**
 * `COPY … FROM|TO PROGRAM '…'` or `COPY … FROM|TO '/a/file'`: the server would run a command or
 * touch its own files (psql's \copy, which reads the client's files, is a meta-command and never
 * reaches here; `FROM stdin` / `TO stdout` are the client's streams and fine).
 */
function serverFile(s: string): string | null {
  if (!/^copy\b/i.test(s)) return null;
  // The target follows the first top-level FROM/TO after the table (or the query's closing paren).
  const m = /\b(from|to)\s+(program\b|'|e'|stdin\b|stdout\b)/i.exec(s.replace(/\((?:[^()']|'(?:[^']|'')*')*\)/g, ' '));
  if (!m) return null;
  const kind = m[2].toLowerCase();
  if (kind === 'stdin' || kind === 'stdout') return null;
  return `COPY ${m[1].toUpperCase()} ${kind === 'program' ? 'PROGRAM' : 'a server file'}`;
}

/** The extension a `CREATE EXTENSION` statement asks for, or null. */
export function extensionName(text: string): string | null {
  const k = classifyStatement(text);
  return k.type === 'create_extension' ? k.name : null;
}

function identValue(raw: string): string {
  return unquoteIdent(raw) ?? raw;
}

/** `text` without the whitespace and comments before its first token. */
export function leadingCommentsStripped(text: string): string {
  let s = text;
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) s = t.slice(t.indexOf('\n') === -1 ? t.length : t.indexOf('\n'));
    else if (t.startsWith('/*')) {
      const end = t.indexOf('*/');
      s = end === -1 ? '' : t.slice(end + 2);
    } else return t;
  }
}
