/**
 * Where in the input a load error is. Postgres reports `position` as a 1-based character (code
 * point) offset into the query it was sent; COPY data errors say `COPY t, line N` instead.
 */
import type { CopyItem, SqlItem } from './split';

/**
 * 1-based line/column in the input for an error on `item`: the error position when Postgres gave
 * one, the data line for a COPY row error, else the statement's start.
 */
export function errorLocation(item: SqlItem | CopyItem, position?: string, copyLine?: number): { line: number; column: number } {
  if (item.kind === 'copy' && copyLine !== undefined && copyLine >= 1) return { line: item.dataLine + copyLine - 1, column: 1 };
  const p = position !== undefined ? Number(position) : NaN;
  if (!Number.isInteger(p) || p < 1) return { line: item.line, column: item.column };
  // Db.copyFrom reports positions in the COPY statement as written, like any other statement.
  return advance(item, Math.min(codePointIndex(item.text, p - 1), item.text.length));
}

/** UTF-16 index of the `n`-th (0-based) code point of `s`. */
function codePointIndex(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

/** Line/column reached by walking `index` UTF-16 units of the item text from its start. */
function advance(item: SqlItem | CopyItem, index: number): { line: number; column: number } {
  let line = item.line;
  let column = item.column;
  for (let i = 0; i < index; i++) {
    if (item.text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}
