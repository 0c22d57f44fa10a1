/**
 * Tokens of the SQL expression text Postgres prints (ruleutils.c): string constants with `''`
 * escapes (and `E'…'` with backslash escapes), numbers, identifiers (bare or `"quoted"`),
 * operators (runs of the characters in OP_CHARS, as Postgres lexes them) and punctuation.
 */
import { readQuoted } from '../ident';

export type Tok =
  | { t: 'str'; v: string }
  | { t: 'num'; v: string }
  /** Identifier or keyword; `quoted` identifiers are never keywords. */
  | { t: 'id'; v: string; quoted: boolean }
  | { t: 'op'; v: string }
  | { t: 'p'; v: '(' | ')' | '[' | ']' | ',' | '.' | '::' };

const OP_CHARS = '+-*/<>=~!@#%^&|`?';

export function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'" || c === '"') {
      const q = readQuoted(src, i, c);
      if (!q) return null;
      out.push(c === "'" ? { t: 'str', v: q.value } : { t: 'id', v: q.value, quoted: true });
      i = q.end;
      continue;
    }
    if ((c === 'E' || c === 'e') && src[i + 1] === "'") {
      // E'…': backslash escapes as well as doubled quotes.
      let v = '';
      i += 2;
      for (;;) {
        if (i >= src.length) return null;
        const ch = src[i];
        if (ch === "'") {
          if (src[i + 1] === "'") { v += "'"; i += 2; continue; }
          i++;
          break;
        }
        if (ch === '\\' && i + 1 < src.length) {
          const n = src[i + 1];
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'b' ? '\b' : n === 'f' ? '\f' : n;
          i += 2;
          continue;
        }
        v += ch;
        i++;
      }
      out.push({ t: 'str', v });
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(src.slice(i));
    if (word) { out.push({ t: 'id', v: word[0], quoted: false }); i += word[0].length; continue; }
    if (c === ':' && src[i + 1] === ':') { out.push({ t: 'p', v: '::' }); i += 2; continue; }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',' || c === '.') { out.push({ t: 'p', v: c }); i++; continue; }
    if (OP_CHARS.includes(c)) {
      if ((c === '-' && src[i + 1] === '-') || (c === '/' && src[i + 1] === '*')) return null; // comments are never printed
      let j = i;
      while (j < src.length && OP_CHARS.includes(src[j])) j++;
      // scan.l: a multi-character operator cannot end in + or - unless it also contains one of
      // ~ ! @ # % ^ & | ` ? — so `<-1` is `<` then `-1`.
      let v = src.slice(i, j);
      while (v.length > 1 && /[+-]$/.test(v) && !/[~!@#%^&|`?]/.test(v)) v = v.slice(0, -1);
      out.push({ t: 'op', v });
      i += v.length;
      continue;
    }
    return null;
  }
  return out;
}
