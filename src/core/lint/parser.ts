/**
 * The SQL parser port: PostgreSQL's own grammar (libpg-query, compiled to WASM). The core only
 * sees this interface; src/adapters/pg-parser.ts loads the WASM module in Node and in the
 * browser's worker and implements it, so src/core stays free of module loading.
 */
import type { AstNode } from './ast';

export interface ParsedStatement {
  stmt: AstNode;
  /** UTF-8 byte offset of the statement in the parsed text (absent for the first). */
  stmt_location?: number;
  /** UTF-8 byte length (0 or absent: to the end). */
  stmt_len?: number;
}

export interface ScannedToken {
  /** UTF-8 byte offsets. */
  start: number;
  end: number;
  tokenName: string;
}

/** Thrown by `parse` on a syntax error; `cursorPosition` is a 0-based UTF-8 byte offset. */
export interface ParserError {
  message: string;
  cursorPosition?: number;
}

export interface SqlParser {
  /** Parse tree of one or more statements; throws on a syntax error (see `syntaxErrorOf`). */
  parse(sql: string): { stmts: ParsedStatement[] };
  /** Lexer tokens, comments included. */
  scan(sql: string): ScannedToken[];
}

/** Message and byte position of a parser exception (libpg-query's SqlError shape). */
export function syntaxErrorOf(err: unknown): ParserError {
  const e = err as { message?: string; sqlDetails?: { cursorPosition?: number } };
  return { message: String(e?.message ?? err), cursorPosition: e?.sqlDetails?.cursorPosition };
}
