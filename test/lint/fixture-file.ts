/** A lint fixture with its `-- expect[:COL]` / `# expect` markers blanked (positions unchanged) and collected. */
import { readFileSync } from 'node:fs';

const MARK = /(--|#) expect(?::(\d+))?/g;

export function readFixture(path: string): { text: string; expected: { line: number; column?: number }[] } {
  const raw = readFileSync(path, 'utf8');
  const expected: { line: number; column?: number }[] = [];
  const text = raw.split('\n').map((line, i) => line.replace(MARK, (m, _p, col) => {
    expected.push({ line: i + 1, ...(col ? { column: Number(col) } : {}) });
    return ' '.repeat(m.length);
  })).join('\n');
  return { text, expected };
}
