/**
 * Input → parsed statements. A migration file is plain SQL (a hand-written migration, or
 * `alembic upgrade head --sql` output, which is plain SQL with comments), or an Alembic Python
 * revision, whose SQL lives in `op.execute(…)` strings and `op.*` calls (python.ts). Either way the
 * SQL is split where psql splits (load/split.ts) and each statement is parsed by PostgreSQL's
 * grammar; positions map back to the user's file.
 */
import { LineIndex, splitScript } from '../load/split';
import type { AstNode } from './ast';
import { syntaxErrorOf, type SqlParser } from './parser';
import type { LintStatement, LintToken, Waiver } from './types';
import { waiverIn } from './waiver';

/** A run of SQL text inside the user's file. */
export interface SqlPiece {
  sql: string;
  /** 1-based line/column in the file of a UTF-16 offset in `sql`. */
  map(offset: number): { line: number; column: number };
  origin: LintStatement['origin'];
  revisionFunction: LintStatement['revisionFunction'];
  /** The runner's transaction wraps this piece (see LintStatement.runnerTransaction); default false. */
  runnerTransaction?: boolean;
  /** A waiver found outside the SQL (a Python `#` comment on the call or the line above). */
  waiver?: Waiver | null;
}

/** A statement the grammar rejected: reported as a finding, the rest of the file is still linted. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Converts UTF-8 byte offsets of `text` to UTF-16 offsets (identity for ASCII text). */
function byteToUtf16(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.min(Math.max(b, 0), text.length);
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  return (b) => (b >= map.length ? text.length : map[Math.max(b, 0)]);
}

/** Offsets where each ALTER TABLE sub-command starts: after the relation, split at top-level commas. */
function alterCmdOffsets(node: AstNode, tokens: LintToken[]): number[] {
  const alter = node.AlterTableStmt;
  if (!alter) return [];
  const sig = tokens.filter((t) => t.kind !== 'SQL_COMMENT' && t.kind !== 'C_COMMENT');
  // ALTER TABLE [IF EXISTS] [ONLY] name [*] cmd, cmd …: the first command starts after the name.
  let i = 2;
  const word = (k: number) => sig[k]?.text.toLowerCase();
  if (word(i) === 'if' && word(i + 1) === 'exists') i += 2;
  if (word(i) === 'only') i++;
  i++; // name
  while (sig[i] && (sig[i].text === '.' || sig[i - 1]?.text === '.')) i++;
  if (sig[i]?.text === '*') i++;
  const out: number[] = [];
  if (sig[i]) out.push(sig[i].start);
  let depth = 0;
  for (; i < sig.length; i++) {
    const t = sig[i].text;
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (t === ',' && depth === 0 && sig[i + 1]) out.push(sig[i + 1].start);
  }
  return out;
}

const COMMENT = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** Splits and parses each piece; syntax errors become problems, not exceptions. */
export function parsePieces(pieces: SqlPiece[], parser: SqlParser): { statements: LintStatement[]; problems: SyntaxProblem[] } {
  const statements: LintStatement[] = [];
  const problems: SyntaxProblem[] = [];
  for (const piece of pieces) {
    const lines = new LineIndex(piece.sql);
    for (const item of splitScript(piece.sql)) {
      if (item.kind !== 'sql') continue;
      const text = item.text;
      const at = (off: number) => piece.map(item.offset + off);
      const toUtf16 = byteToUtf16(text);
      let stmts;
      try {
        stmts = parser.parse(text).stmts;
      } catch (err) {
        const e = syntaxErrorOf(err);
        const p = at(e.cursorPosition !== undefined ? toUtf16(e.cursorPosition) : 0);
        problems.push({ ...p, message: e.message });
        continue;
      }
      let tokens: LintToken[] = [];
      try {
        tokens = parser.scan(text).map((t) => {
          const start = toUtf16(t.start);
          const end = toUtf16(t.end);
          return { start, end, text: text.slice(start, end), kind: t.tokenName };
        });
      } catch {
        tokens = [];
      }
      const waiver = findWaiver(piece, lines, item.offset, text, tokens, at);
      for (const s of stmts) {
        const type = Object.keys(s.stmt ?? {})[0] ?? 'Unknown';
        const base = s.stmt_location ? toUtf16(s.stmt_location) : 0;
        const node = s.stmt;
        statements.push({
          index: statements.length,
          text,
          node,
          type,
          at,
          offsetOf: (loc) => (loc === undefined || loc < 0 ? base : toUtf16(loc)),
          alterCmdOffsets: alterCmdOffsets(node, tokens),
          tokens,
          origin: piece.origin,
          revisionFunction: piece.revisionFunction,
          runnerTransaction: piece.runnerTransaction ?? false,
          waiver,
        });
      }
    }
  }
  return { statements, problems };
}

/**
 * A waiver in the statement's own comments, in a comment after it on its last line, on the
 * (comment-only) line above it, or outside the SQL (Python comments, given by the piece).
 */
function findWaiver(piece: SqlPiece, lines: LineIndex, offset: number, text: string, tokens: LintToken[],
  at: (off: number) => { line: number; column: number }): Waiver | null {
  for (const t of tokens) {
    if (!COMMENT.has(t.kind)) continue;
    const p = at(t.start);
    const w = waiverIn(t.text, p.line, p.column);
    if (w) return w;
  }
  const end = offset + text.length;
  const eol = piece.sql.indexOf('\n', end);
  const tail = piece.sql.slice(end, eol === -1 ? piece.sql.length : eol);
  const dash = tail.indexOf('--');
  if (dash !== -1 && tail.slice(0, dash).trim() === '') {
    const p = piece.map(end + dash);
    const w = waiverIn(tail.slice(dash), p.line, p.column);
    if (w) return w;
  }
  const { line } = lines.at(offset);
  if (line > 1) {
    const from = lines.lineStart(line - 1);
    const above = piece.sql.slice(from, lines.lineStart(line) - 1);
    const lead = above.length - above.trimStart().length;
    if (above.trimStart().startsWith('--')) {
      const p = piece.map(from + lead);
      const w = waiverIn(above.trim(), p.line, p.column);
      if (w) return w;
    }
  }
  return piece.waiver ?? null;
}

/** A whole SQL file as one piece. */
export function sqlFilePiece(text: string): SqlPiece {
  const lines = new LineIndex(text);
  return { sql: text, map: (o) => lines.at(o), origin: 'sql', revisionFunction: null };
}
