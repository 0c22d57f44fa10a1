/**
 * Markdown → a small tree of safe nodes the Svelte renderer turns into elements. `marked`'s lexer
 * does the parsing (CommonMark + GFM tables, a well-tested grammar we would otherwise hand-roll);
 * nothing here ever produces an HTML string: raw HTML in the source becomes visible text, and
 * links are resolved to in-app docs routes, in-page anchors or plain http(s) links — anything
 * else (javascript:, data:, repository paths) is shown as text.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { highlight, type CodeSpan } from './highlight';

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'strong' | 'em' | 'del'; children: Inline[] }
  | { t: 'br' }
  | { t: 'link'; target: LinkTarget; title: string | null; children: Inline[] };

export type LinkTarget =
  | { kind: 'doc'; page: string; anchor: string | null }
  | { kind: 'anchor'; id: string }
  | { kind: 'external'; href: string }
  | { kind: 'none'; href: string };

export type Block =
  | { t: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; id: string; children: Inline[] }
  | { t: 'paragraph'; children: Inline[] }
  | { t: 'code'; lang: string; spans: CodeSpan[] }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'table'; align: ('left' | 'center' | 'right' | null)[]; head: Inline[][]; rows: Inline[][][] }
  | { t: 'quote'; children: Block[] }
  | { t: 'hr' };

/** GitHub's heading slug (the anchors docs link to): lower-case, punctuation dropped, spaces → `-`. */
export function slug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', middot: '·', mdash: '—', ndash: '–', rarr: '→' };
/** Markdown text may spell characters as entities; they are decoded to text (rendered escaped). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Resolves a link in page `from` (a docs page id such as `rls/own_rows_visible`): relative
 * `.md` links become docs pages when `exists(page)` says the page is bundled.
 */
export function resolveLink(from: string, href: string, exists: (page: string) => boolean): LinkTarget {
  if (/^https?:\/\//i.test(href)) return { kind: 'external', href };
  if (href.startsWith('#')) return { kind: 'anchor', id: href.slice(1) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return { kind: 'none', href };
  const [path, anchor = null] = href.split('#', 2) as [string, string | undefined];
  if (!path.endsWith('.md')) return { kind: 'none', href };
  const parts = from.split('/').slice(0, -1);
  for (const seg of path.slice(0, -3).split('/')) {
    if (seg === '..') { if (!parts.length) return { kind: 'none', href }; parts.pop(); } else if (seg && seg !== '.') parts.push(seg);
  }
  const page = parts.join('/');
  return exists(page) ? { kind: 'doc', page, anchor } : { kind: 'none', href };
}

interface Ctx { from: string; exists: (page: string) => boolean; slugs: Map<string, number> }

/** GitHub's rule for repeated headings: the second `x` is `x-1`, the third `x-2` — ids stay unique. */
function uniqueSlug(base: string, seen: Map<string, number>): string {
  let n = seen.get(base) ?? 0;
  let id = n ? `${base}-${n}` : base;
  while (n && seen.has(id)) id = `${base}-${++n}`;
  seen.set(base, n + 1);
  if (id !== base) seen.set(id, 1);
  return id;
}

/** The docs route's selection for a page and an optional anchor: `rls/x#problem`. */
export const docSelection = (page: string, anchor: string | null): string => (anchor ? `${page}#${anchor}` : page);
/** Splits a docs route's selection into its page and anchor. */
export function splitDocSelection(selected: string): { page: string; anchor: string | null } {
  const at = selected.indexOf('#');
  return at < 0 ? { page: selected, anchor: null } : { page: selected.slice(0, at), anchor: selected.slice(at + 1) || null };
}

function inlines(tokens: Token[] | undefined, ctx: Ctx): Inline[] {
  const out: Inline[] = [];
  const text = (s: string) => {
    const last = out[out.length - 1];
    if (last?.t === 'text') last.text += s; else out.push({ t: 'text', text: s });
  };
  for (const tok of tokens ?? []) {
    switch (tok.type) {
      case 'strong': case 'em': case 'del':
        out.push({ t: tok.type, children: inlines((tok as Tokens.Strong).tokens, ctx) }); break;
      case 'codespan': out.push({ t: 'code', text: decodeEntities((tok as Tokens.Codespan).text) }); break;
      case 'br': out.push({ t: 'br' }); break;
      case 'link': {
        const l = tok as Tokens.Link;
        out.push({ t: 'link', target: resolveLink(ctx.from, l.href, ctx.exists), title: l.title ?? null, children: inlines(l.tokens, ctx) });
        break;
      }
      case 'image': text((tok as Tokens.Image).text); break; // images would be requests: their alt text instead
      case 'text':
        if ((tok as Tokens.Text).tokens?.length) out.push(...inlines((tok as Tokens.Text).tokens, ctx));
        else text(decodeEntities((tok as Tokens.Text).text));
        break;
      case 'escape': text((tok as Tokens.Escape).text); break;
      // Raw HTML is shown as the text it is, never interpreted.
      case 'html': text((tok as Tokens.HTML).text); break;
      default: text('raw' in tok ? String(tok.raw) : '');
    }
  }
  return out;
}

function blocks(tokens: Token[], ctx: Ctx): Block[] {
  const out: Block[] = [];
  for (const tok of tokens) {
    switch (tok.type) {
      case 'space': case 'def': break;
      case 'heading': {
        const h = tok as Tokens.Heading;
        out.push({ t: 'heading', level: Math.min(6, Math.max(1, h.depth)) as 1, id: uniqueSlug(slug(decodeEntities(h.text)), ctx.slugs), children: inlines(h.tokens, ctx) });
        break;
      }
      case 'paragraph': out.push({ t: 'paragraph', children: inlines((tok as Tokens.Paragraph).tokens, ctx) }); break;
      case 'text': {
        const x = tok as Tokens.Text;
        out.push({ t: 'paragraph', children: x.tokens ? inlines(x.tokens, ctx) : [{ t: 'text', text: decodeEntities(x.text) }] });
        break;
      }
      case 'code': {
        const c = tok as Tokens.Code;
        const lang = (c.lang ?? '').split(/\s/)[0];
        out.push({ t: 'code', lang, spans: highlight(c.text, lang) });
        break;
      }
      case 'list': {
        const l = tok as Tokens.List;
        out.push({ t: 'list', ordered: l.ordered, start: typeof l.start === 'number' ? l.start : 1, items: l.items.map((i) => blocks(i.tokens, ctx)) });
        break;
      }
      case 'table': {
        const tb = tok as Tokens.Table;
        out.push({ t: 'table', align: tb.align, head: tb.header.map((c) => inlines(c.tokens, ctx)), rows: tb.rows.map((r) => r.map((c) => inlines(c.tokens, ctx))) });
        break;
      }
      case 'blockquote': out.push({ t: 'quote', children: blocks((tok as Tokens.Blockquote).tokens, ctx) }); break;
      case 'hr': out.push({ t: 'hr' }); break;
      // Block HTML: its source, as a code block anyone can read.
      case 'html': out.push({ t: 'code', lang: '', spans: [{ cls: 'plain', text: (tok as Tokens.HTML).text }] }); break;
      default: if ('raw' in tok) out.push({ t: 'paragraph', children: [{ t: 'text', text: String(tok.raw) }] });
    }
  }
  return out;
}

/** Parses a docs page (`from` is its page id, for relative links). */
export function parseMarkdown(text: string, from: string, exists: (page: string) => boolean): Block[] {
  return blocks(new Lexer({ gfm: true }).lex(text), { from, exists, slugs: new Map() });
}

/** The page's title: its first heading's text. */
export function titleOf(doc: Block[]): string | null {
  const h = doc.find((b) => b.t === 'heading');
  return h && h.t === 'heading' ? plain(h.children) : null;
}

export function plain(xs: Inline[]): string {
  return xs.map((x) => (x.t === 'text' || x.t === 'code' ? x.text : x.t === 'br' ? ' ' : plain(x.children))).join('');
}
