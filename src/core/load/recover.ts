/**
 * Recovery after a statement that swallowed the rest of the script.
 *
 * psql's lexer ends a statement only at a `;` outside parentheses, quotes and comments. One
 * `CREATE TABLE` that lost its closing parenthesis (or a literal that lost its closing quote)
 * therefore makes every later statement part of it: the server rejects the whole run with one
 * syntax error, and without recovery every later table would look "missing". pg_dump output
 * has reliable places where a new statement starts, so the loader reports the error where
 * Postgres points and resumes lexing at the next such place inside the failed text:
 *
 * - pg_dump's TOC header comments, `-- Name: t; Type: TABLE; Schema: public; Owner: app`
 *   (`-- Data for Name: …` before COPY data). pg_dump never writes one inside a statement, so
 *   finding one inside a failed statement is proof that the statement ran on too far.
 * - Lines that start, at column 1, with a top-level command (`CREATE`, `ALTER`, `COMMENT ON`,
 *   `GRANT`, …): what hand-written scripts and pg_dump both do. A function body can hold such
 *   a line too, so these count only when the failure looks like a runaway statement: a syntax
 *   error, or a statement that reached the end of the input without its `;`.
 */
import type { SqlItem } from './split';

const TOC_HEADER = /^-- (?:Data for )?Name: [^\n]*; Type: [^\n]*; Schema: [^\n]*; Owner: /;
const TOP_LEVEL = /^(?:create|alter|drop|comment\s+on|grant|revoke|copy|insert\s+into|set|select\s+pg_catalog\.)\b/i;

/** SQLSTATE 42601 syntax_error: how the server rejects a run of statements glued together. */
const SYNTAX_ERROR = '42601';

export interface Recovery {
  /** Index in the input where lexing resumes (start of the anchor line). */
  offset: number;
  /** 1-based line of that anchor. */
  line: number;
  /** What the anchor is, for the load note. */
  anchor: 'pg_dump header' | 'top-level statement';
}

/**
 * Where to resume after `item` failed with `sqlstate`: the first anchor after the statement's
 * first line; null when the statement did not run past another statement (an ordinary error:
 * the next item follows it anyway).
 */
export function recoveryPoint(input: string, item: SqlItem, sqlstate: string | undefined): Recovery | null {
  const text = item.text;
  const firstBreak = text.indexOf('\n');
  if (firstBreak === -1) return null;
  const runaway = sqlstate === SYNTAX_ERROR || !/;\s*$/.test(text);
  let line = item.line;
  for (let i = firstBreak; i !== -1 && i < text.length; i = text.indexOf('\n', i + 1)) {
    line++;
    const start = i + 1;
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    // A meta-command line inside the statement (psql keeps its buffer) is not part of `text`:
    // past it, offsets no longer map onto the input, so stop there.
    if (input.slice(item.offset + start, item.offset + start + content.length) !== content) return null;
    if (TOC_HEADER.test(content)) return { offset: item.offset + start, line, anchor: 'pg_dump header' };
    if (runaway && TOP_LEVEL.test(content)) return { offset: item.offset + start, line, anchor: 'top-level statement' };
  }
  return null;
}
