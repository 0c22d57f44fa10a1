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
