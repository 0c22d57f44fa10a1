/**
 * A small, safe syntax highlighter for the docs' code blocks (SQL and Python): text → spans of
 * {class, text}. Rendered as Svelte text nodes, never as HTML. It colours what a reader scans for
 * (keywords, strings, comments, numbers), not a full grammar: Monaco is the editor, this is prose.
 */
export type TokenClass = 'kw' | 'str' | 'com' | 'num' | 'id' | 'plain';
export interface CodeSpan { cls: TokenClass; text: string }

const SQL_KEYWORDS = new Set(`add all alter and as asc begin by cascade check column comment commit concurrently constraint create
cross current_setting default deferrable delete desc distinct do drop else enable end exists false for force foreign from function grant
group having if in index inner insert into is join key language left level like limit lock not null of on only or order owner policy
primary privileges procedure public references rename replace restrict returns revoke role row rows security select sequence set
table tablespace then timeout to transaction trigger true truncate type union unique update using valid values view when where with
without`.split(/\s+/));

const PY_KEYWORDS = new Set(`and as assert async await break class continue def del elif else except False finally for from global if
import in is lambda None nonlocal not or pass raise return True try while with yield`.split(/\s+/));

interface Lang { line: RegExp; block?: [string, string]; strings: string[]; keywords: Set<string>; caseless: boolean }
const LANGS: Record<string, Lang> = {
  sql: { line: /^--[^\n]*/, block: ['/*', '*/'], strings: ["'", '"'], keywords: SQL_KEYWORDS, caseless: true },
  python: { line: /^#[^\n]*/, strings: ['"""', "'''", '"', "'"], keywords: PY_KEYWORDS, caseless: false },
};
LANGS.py = LANGS.python;
LANGS.postgresql = LANGS.sql;
LANGS.psql = LANGS.sql;

/** Splits `code` into classed spans; an unknown language is one plain span (still monospace). */
export function highlight(code: string, lang: string | undefined): CodeSpan[] {
  const L = LANGS[(lang ?? '').toLowerCase()];
  if (!L) return [{ cls: 'plain', text: code }];
  const out: CodeSpan[] = [];
  const push = (cls: TokenClass, text: string) => {
    const last = out[out.length - 1];
    if (last && last.cls === cls) last.text += text; else out.push({ cls, text });
  };
  let i = 0;
  while (i < code.length) {
    const rest = code.slice(i);
    const line = L.line.exec(rest);
    if (line) { push('com', line[0]); i += line[0].length; continue; }
    if (L.block && rest.startsWith(L.block[0])) {
      const end = rest.indexOf(L.block[1], L.block[0].length);
      const len = end < 0 ? rest.length : end + L.block[1].length;
      push('com', rest.slice(0, len)); i += len; continue;
    }
    const q = L.strings.find((s) => rest.startsWith(s));
    if (q) {
      // SQL doubles the quote to escape it; Python uses a backslash.
      let j = q.length;
      while (j < rest.length) {
        if (rest.startsWith(q, j)) { if (L.caseless && rest.startsWith(q + q, j)) { j += 2 * q.length; continue; } j += q.length; break; }
        j += !L.caseless && rest[j] === '\\' ? 2 : 1;
      }
      push(q === '"' && L.caseless ? 'id' : 'str', rest.slice(0, j)); i += j; continue;
    }
    const num = /^\d+(\.\d+)?/.exec(rest);
    if (num && !/[\w$]/.test(code[i - 1] ?? '')) { push('num', num[0]); i += num[0].length; continue; }
    const word = /^[A-Za-z_][\w$]*/.exec(rest);
    if (word) {
      const w = word[0];
      push(L.keywords.has(L.caseless ? w.toLowerCase() : w) ? 'kw' : 'plain', w);
      i += w.length; continue;
    }
    push('plain', code[i]); i++;
  }
  return out;
}
