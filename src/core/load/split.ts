/**
 * Splits a psql script (what `pg_dump --format=plain` writes) into statements, COPY blocks and
 * psql meta-commands, the way psql itself does. This is a hand port of the parts of psql's lexer
 * (src/fe_utils/psqlscan.l) that decide where a statement ends:
 *
 * - `;` ends a statement only outside quotes, comments, parentheses and a `BEGIN … END` function
 *   body (`CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END`, PG14+). The BEGIN/CASE/END
 *   counting is psql's own heuristic, kept as is so we split exactly where psql splits.
 * - Quotes: '…' with '' (and backslash escapes while standard_conforming_strings is off),
 *   E'…' / e'…' with backslash escapes, B'' X'' N'' U&'' literals, "…" identifiers with "",
 *   U&"…", dollar quotes `$tag$ … $tag$` (only the same tag closes; tags are [A-Za-z_\x80-][A-Za-z0-9_\x80-]*).
 * - Comments: `-- …` to end of line, `/* … *\/` nested.
 * - A backslash outside quotes/comments starts a meta-command that runs to the end of the line
 *   (`\connect db`, `\restrict KEY`, `\set ON_ERROR_STOP on`, …). `\;` is a literal `;` that does
 *   not end the statement (psql's "combine queries" escape).
 * - psql learns that a statement was `COPY … FROM STDIN` only from the server; we recognise it
 *   from the tokens (first word `copy`, then `from stdin` at top level). Its data are the lines
 *   after the statement's line, up to a line that is exactly `\.` (psql's own end marker).
 *
 * Offsets are JS string indices (UTF-16 code units); lines and columns are 1-based, columns in
 * UTF-16 code units like editors (Monaco) count. CRLF line endings are fine anywhere.
 */

interface ItemBase {
  /** The item's text as it stands in the input (statement includes its terminating `;`). */
  text: string;
  /** Index of the item's first character in the input. */
  offset: number;
  /** 1-based line of the first character. */
  line: number;
  /** 1-based column (UTF-16 code units) of the first character. */
  column: number;
  /** 1-based line of the last character (for COPY: of the `\.` line, or the last data line). */
  endLine: number;
}

/** An SQL statement, sent to the server as one query. */
export interface SqlItem extends ItemBase {
  kind: 'sql';
}

/** `COPY … FROM stdin;` plus the data lines psql would stream after it. */
export interface CopyItem extends ItemBase {
  kind: 'copy';
  /** Data lines, each ending in its newline, without the `\.` terminator line. */
  data: string;
  /** 1-based input line of the first data line. */
  dataLine: number;
  /** Index within `text` of the `stdin` word, so a loader can point COPY elsewhere (PGlite: `'/dev/blob'`). */
  stdinOffset: number;
  /** Length of the `stdin` word as written (`stdin`, `STDIN`, `"stdin"` is not stdin). */
  stdinLength: number;
  /** True when the input ended before a `\.` line. */
  unterminated?: boolean;
}

/** A psql meta-command line such as `\connect mydb` or `\restrict KEY`. */
export interface MetaItem extends ItemBase {
  kind: 'meta';
  /** Command name without the backslash, e.g. `connect`, `restrict`, `set`. */
  command: string;
  /** Everything after the command name on that line, trimmed. */
  args: string;
}

export type ScriptItem = SqlItem | CopyItem | MetaItem;

/** Maps string offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column of the character at `offset`. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  /** Index of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
  }
}

const isIdentStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentCont = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isDolqStart = isIdentStart;
const isDolqCont = (c: string) => /[A-Za-z0-9_\u0080-\uffff]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** psql meta-commands that send the pending query buffer (psql's `\g` family). */
const SENDS_BUFFER = new Set(['g', 'gx', 'gset', 'gexec', 'gdesc', 'crosstabview', 'watch', 'bind', 'bind_named', 'sendpipeline', ';']);

/** Per-statement lexer state: psql's PsqlScanStateData fields that matter for splitting. */
interface StatementState {
  /** Input index of the statement's first character. */
  origin: number;
  /** Start of the current contiguous piece (differs from origin after an interruption). */
  start: number;
  parenDepth: number;
  beginDepth: number;
  /** First letters of the first identifiers when they are create/or/replace/function/procedure. */
  identifiers: string[];
  identifierCount: number;
  /** Lower-cased unquoted words at paren depth 0, with input offsets (for COPY … FROM STDIN). */
  words: { w: string; at: number; len: number }[];
  /** Earlier pieces when a meta-command (or COPY data) interrupted the statement; psql keeps its buffer. */
  pieces: string[];
}

interface PendingCopy {
  item: SqlItem;
  stdin: { at: number; len: number };
}

/**
 * Splits a psql script into its items, in input order. `from` starts lexing at that index (the
 * loader's recovery after a statement that swallowed the rest of the script, load/recover.ts);
 * offsets, lines and columns stay those of the whole `text`.
 */
export function splitScript(text: string, from = 0): ScriptItem[] {
  const items: ScriptItem[] = [];
  const lines = new LineIndex(text);
  const n = text.length;
  /** psql follows the server's standard_conforming_strings; pg_dump sets it explicitly. */
  let stdStrings = true;
  let st: StatementState | null = null;
  let pos = Math.max(0, Math.min(from, n));
  /**
   * Text after a COPY's `;` on the same line (rare): lexed up to the end of that line, then
   * lexing resumes after the COPY data. A statement left open there continues after the data.
   */
  let detour = null as { to: number; resume: number } | null;

  const endOfLine = (from: number) => {
    const i = text.indexOf('\n', from);
    return i === -1 ? n : i;
  };

  /** Ends the pending statement at `end` (exclusive); returns a COPY FROM STDIN needing data. */
  const finishStatement = (end: number): PendingCopy | null => {
    const s = st!;
    st = null;
    const body = (s.pieces.join('') + text.slice(s.start, end)).replace(/\s+$/, '');
    // A statement starts at a significant character, so an empty one is a lone `;`.
    if (body === ';' || body === '') return null;
    const p = lines.at(s.origin);
    const last = s.pieces.length ? Math.max(end - 1, s.start) : s.origin + body.length - 1;
    const item: SqlItem = { kind: 'sql', text: body, offset: s.origin, line: p.line, column: p.column, endLine: lines.at(last).line };
    // standard_conforming_strings changes how later '…' literals lex (psql learns it from the server).
    if (s.words[0]?.w === 'set' && s.words[1]?.w === 'standard_conforming_strings') {
      const v = /(?:=|\bto\b)\s*'?(on|off|true|false)'?/i.exec(body);
      if (v) stdStrings = /^(on|true)$/i.test(v[1]);
    }
    const stdin = s.pieces.length ? null : copyFromStdin(s.words);
    if (stdin) return { item, stdin };
    items.push(item);
    return null;
  };

  while (pos < n) {
    if (detour && pos >= detour.to) {
      if (st) {
        st.pieces.push(text.slice(st.start, detour.to));
        st.start = detour.resume;
      }
      pos = detour.resume;
      detour = null;
      continue;
    }
    const c = text[pos];
    const next = pos + 1 < n ? text[pos + 1] : '';

    // Whitespace and comments: skipped; before any statement text they are not part of one.
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === '-' && next === '-') {
      pos = endOfLine(pos);
      continue;
    }
    if (c === '/' && next === '*') {
      pos = skipBlockComment(text, pos);
      continue;
    }

    if (c === '\\') {
      if (next === ';' || next === ':') {
        // `\;` / `\:` put a literal `;` / `:` into the buffer without ending the statement.
        if (!st) st = newStatement(pos);
        if (next === ';') st.identifierCount = 0;
        pos += 2;
        continue;
      }
      // A meta-command: backslash, command name, arguments to the end of the line.
      const lineEnd = detour ? Math.min(endOfLine(pos), detour.to) : endOfLine(pos);
      const metaText = text.slice(pos, lineEnd).replace(/\r$/, '');
      const m = /^\\([^\s\\]*)\s*([\s\S]*)$/.exec(metaText)!;
      const command = m[1];
      let copy: PendingCopy | null = null;
      if (st && SENDS_BUFFER.has(command)) copy = finishStatement(pos);
      else if (st) {
        // psql keeps the pending query buffer across other meta-commands.
        st.pieces.push(text.slice(st.start, pos));
        st.start = lineEnd;
      }
      const p = lines.at(pos);
      items.push({ kind: 'meta', command, args: m[2].trim(), text: metaText, offset: pos, line: p.line, column: p.column, endLine: p.line });
      pos = copy ? readCopy(copy, lineEnd) : lineEnd;
      continue;
    }

    // Anything else is statement text.
    if (!st) st = newStatement(pos);
    const s = st;

    if (c === ';') {
      pos++;
      if (s.parenDepth === 0 && s.beginDepth === 0) {
        const copy = finishStatement(pos);
        if (copy) pos = readCopy(copy, pos);
      }
      continue;
    }
    if (c === '(') {
      s.parenDepth++;
      pos++;
      continue;
    }
    if (c === ')') {
      if (s.parenDepth > 0) s.parenDepth--;
      pos++;
      continue;
    }
    if (c === "'") {
      pos = skipQuoted(text, pos + 1, "'", !stdStrings);
      continue;
    }
    if (c === '"') {
      pos = skipQuoted(text, pos + 1, '"', false);
      continue;
    }
    if (c === '$') {
      const tagEnd = dollarTagEnd(text, pos);
      if (tagEnd > 0) {
        // Only the very same tag closes; other $tags$ inside are body text.
        const tag = text.slice(pos, tagEnd);
        const close = text.indexOf(tag, tagEnd);
        pos = close === -1 ? n : close + tag.length;
        continue;
      }
      pos++;
      while (pos < n && isDigit(text[pos])) pos++; // $1 parameter
      continue;
    }
    if ((c === 'e' || c === 'E') && next === "'") {
      pos = skipQuoted(text, pos + 2, "'", true);
      continue;
    }
    if ((c === 'b' || c === 'B' || c === 'x' || c === 'X' || c === 'n' || c === 'N') && next === "'") {
      pos = skipQuoted(text, pos + 2, "'", !stdStrings && (c === 'n' || c === 'N'));
      continue;
    }
    if ((c === 'u' || c === 'U') && next === '&' && (text[pos + 2] === "'" || text[pos + 2] === '"')) {
      pos = skipQuoted(text, pos + 3, text[pos + 2], false);
      continue;
    }
    if (isIdentStart(c)) {
      let i = pos + 1;
      while (i < n && isIdentCont(text[i])) i++;
      identifier(s, text.slice(pos, i), pos);
      pos = i;
      continue;
    }
    if (isDigit(c)) {
      // Numbers, including junk like 1abc that the server rejects; `1..2` is not a number.
      let i = pos + 1;
      while (i < n && /[0-9A-Za-z_.]/.test(text[i]) && !(text[i] === '.' && text[i + 1] === '.')) i++;
      pos = i;
      continue;
    }
    pos++;
  }
  if (st) {
    const copy = finishStatement(n);
    if (copy) readCopy(copy, n);
  }
  return items;

  /** Reads the data after a COPY … FROM STDIN whose `;` ends at `after`; returns where lexing resumes. */
  function readCopy(pending: PendingCopy, after: number): number {
    const eol = endOfLine(after);
    const dataStart = Math.min(eol + 1, n);
    let i = dataStart;
    let end = -1;
    let resume = n;
    while (i < n) {
      const e = endOfLine(i);
      const line = text.slice(i, e);
      if (line === '\\.' || line === '\\.\r') {
        end = i;
        resume = Math.min(e + 1, n);
        break;
      }
      i = e + 1;
    }
    const { item, stdin } = pending;
    const copy: CopyItem = {
      ...item,
      kind: 'copy',
      data: text.slice(dataStart, end === -1 ? n : end),
      dataLine: lines.at(dataStart).line,
      endLine: lines.at(Math.max((end === -1 ? n : end) - 1, item.offset)).line,
      stdinOffset: stdin.at - item.offset,
      stdinLength: stdin.len,
    };
    if (end !== -1) copy.endLine = lines.at(end).line;
    if (end === -1) copy.unterminated = true;
    items.push(copy);
    if (text.slice(after, eol).trim() !== '' && !detour) {
      detour = { to: eol, resume };
      return after;
    }
    return resume;
  }
}

function newStatement(at: number): StatementState {
  return { origin: at, start: at, parenDepth: 0, beginDepth: 0, identifiers: [], identifierCount: 0, words: [], pieces: [] };
}

function skipBlockComment(text: string, pos: number): number {
  let depth = 1;
  let i = pos + 2;
  while (i < text.length && depth > 0) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}

/** `COPY … FROM STDIN`: first word copy, then `from stdin` at paren depth 0. */
function copyFromStdin(words: { w: string; at: number; len: number }[]): { at: number; len: number } | null {
  if (words[0]?.w !== 'copy') return null;
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i].w === 'from' && words[i + 1].w === 'stdin') return { at: words[i + 1].at, len: words[i + 1].len };
  }
  return null;
}

/** psql's BEGIN ATOMIC heuristic (psqlscan.l, `{identifier}` rule) plus our word list. */
function identifier(s: StatementState, word: string, at: number): void {
  const lower = word.toLowerCase();
  if (s.parenDepth === 0 && s.words.length < 64) s.words.push({ w: lower, at, len: word.length });
  if (s.identifierCount === 0) s.identifiers = [];
  if (['create', 'function', 'procedure', 'or', 'replace'].includes(lower) && s.identifierCount < 4) {
    s.identifiers[s.identifierCount] = lower[0];
  }
  s.identifierCount++;
  const id = s.identifiers;
  const isCreateRoutine =
    id[0] === 'c' && (id[1] === 'f' || id[1] === 'p' || (id[1] === 'o' && id[2] === 'r' && (id[3] === 'f' || id[3] === 'p')));
  if (isCreateRoutine && s.parenDepth === 0) {
    if (lower === 'begin') s.beginDepth++;
    else if (lower === 'case') {
      if (s.beginDepth >= 1) s.beginDepth++;
    } else if (lower === 'end') {
      if (s.beginDepth > 0) s.beginDepth--;
    }
  }
}

/** Index just past a closing quote; `backslash` = backslash escapes the next character. */
function skipQuoted(text: string, from: number, quote: string, backslash: boolean): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (backslash && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}

/** If a dollar-quote delimiter `$tag$` starts at `pos`, the index just past it; else -1. */
function dollarTagEnd(text: string, pos: number): number {
  let i = pos + 1;
  if (text[i] === '$') return i + 1;
  if (!isDolqStart(text[i] ?? '')) return -1;
  i++;
  while (i < text.length && isDolqCont(text[i])) i++;
  return text[i] === '$' ? i + 1 : -1;
}
