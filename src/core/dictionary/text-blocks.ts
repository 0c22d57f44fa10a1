/**
 * "Markdown-lite" for tour bodies and help text: paragraphs, bullet / numbered lists,
 * fenced code blocks, inline `code`, **strong** and *emphasis*. The result is plain data; the app
 * renders each span as a text node, so no input can ever become HTML.
 */

export type Span = { kind: 'text' | 'code' | 'strong' | 'em'; text: string };

export type Block =
  | { kind: 'p'; spans: Span[] }
  | { kind: 'ul' | 'ol'; items: Span[][] }
  | { kind: 'code'; lang: string; text: string };

/**
 * Split one line/paragraph into text, `code`, **strong** and *em* spans. Unclosed markers stay
 * literal, and so does a `*` with a space on its inner side (`a * b`, `2 * 3 * 4`).
 */
export function parseInline(s: string): Span[] {
  const spans: Span[] = [];
  let text = '';
  let i = 0;
  const flush = () => { if (text) { spans.push({ kind: 'text', text }); text = ''; } };
  while (i < s.length) {
    if (s[i] === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) { flush(); spans.push({ kind: 'code', text: s.slice(i + 1, end) }); i = end + 1; continue; }
    }
    if (s.startsWith('**', i)) {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2) { flush(); spans.push({ kind: 'strong', text: s.slice(i + 2, end) }); i = end + 2; continue; }
    }
    if (s[i] === '*' && s[i + 1] !== '*' && s[i + 1] !== undefined && !/\s/.test(s[i + 1]!)) {
      const end = emEnd(s, i + 1);
      if (end > 0) { flush(); spans.push({ kind: 'em', text: s.slice(i + 1, end) }); i = end + 1; continue; }
    }
    text += s[i++];
  }
  flush();
  return spans;
}

/** The closing `*` of an emphasis opened before `from`: not part of `**`, no space before it; -1 if none. */
function emEnd(s: string, from: number): number {
  for (let j = s.indexOf('*', from); j > 0; j = s.indexOf('*', j + 1)) {
    if (s[j + 1] === '*' || s[j - 1] === '*') return -1;
    if (!/\s/.test(s[j - 1]!)) return j;
  }
  return -1;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseBlocks(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;
  const flushPara = () => { if (para.length) { blocks.push({ kind: 'p', spans: parseInline(para.join(' ')) }); para = []; } };
  const flushList = () => { if (list) { blocks.push({ kind: list.kind, items: list.items.map(parseInline) }); list = null; } };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*```\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      flushPara(); flushList();
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i])) body.push(lines[i++]);
      blocks.push({ kind: 'code', lang: fence[1], text: body.join('\n') });
      continue;
    }
    if (line.trim() === '') { flushPara(); flushList(); continue; }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    if (b || n) {
      const kind = b ? 'ul' : 'ol';
      flushPara();
      if (list && list.kind !== kind) flushList();
      if (!list) list = { kind, items: [] };
      list.items.push((b ?? n)![1]);
      continue;
    }
    if (list && /^\s+\S/.test(line)) { list.items[list.items.length - 1] += ` ${line.trim()}`; continue; }
    flushList();
    para.push(line.trim());
  }
  flushPara(); flushList();
  return blocks;
}
