/**
 * Identifiers and literals as PostgreSQL writes and reads them. One implementation for every
 * statement the engine authors (RLS probes, smoke roles, synthesised rows, round-trip plans).
 *
 * `quoteIdent` follows `quote_ident()` / ruleutils.c `quote_identifier`: a name stays bare only
 * when it is lower-case ASCII letters, digits and `_` (not starting with a digit) and is not a
 * keyword other than an unreserved one — `tenant_id` stays bare, `Order`, `select`, `time`,
 * `my-col` are double-quoted with `"` doubled. Quoting more than needed is harmless to Postgres
 * but shows up in the SQL a report prints, so the rule is Postgres's, not ours.
 */
import { QUOTED_KEYWORDS } from './keywords';

const SAFE = /^[a-z_][a-z0-9_]*$/;

/** `tenant_id` → `tenant_id`; `Order` → `"Order"`; `user` → `"user"`; `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
  return SAFE.test(name) && !QUOTED_KEYWORDS.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A string literal, `'it''s'`; null becomes `NULL`. (Standard-conforming strings: backslashes are plain.) */
export function quoteLiteral(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/**
 * Read the identifiers of a dotted name as Postgres would: `"My.Table"` keeps its case and dot,
 * bare words fold to lower case, `""` inside quotes is one `"`. Whitespace around dots is allowed.
 * `public."Order"` → ['public', 'Order']; `Public.T` → ['public', 't']. Null if it is not a
 * (possibly qualified) identifier.
 */
export function parseIdentList(text: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  ws();
  for (;;) {
    if (text[i] === '"') {
      const q = readQuoted(text, i, '"');
      if (!q || q.value === '') return null;
      parts.push(q.value);
      i = q.end;
    } else {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(i));
      if (!m) return null;
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    ws();
    if (i >= text.length) return parts;
    if (text[i] !== '.') return null;
    i++;
    ws();
  }
}

/**
 * The body of a quoted token that starts at `start` with `quote` (`"ident"` or `'literal'`), a
 * doubled quote standing for one; `end` is the index after the closing quote. Null if unterminated.
 */
export function readQuoted(text: string, start: number, quote: '"' | "'"): { value: string; end: number } | null {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return null;
    if (text[i] === quote) {
      if (text[i + 1] !== quote) return { value, end: i + 1 };
      value += quote;
      i += 2;
      continue;
    }
    value += text[i++];
  }
}

/** One identifier as Postgres reads it (`"Foo"` → `Foo`, `Foo` → `foo`), or null. */
export function unquoteIdent(text: string): string | null {
  const parts = parseIdentList(text);
  return parts && parts.length === 1 ? parts[0] : null;
}
