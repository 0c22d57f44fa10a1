import { describe, expect, it } from 'vitest';
import { RULE_HELP } from '../../src/core/dictionary/rule-help';
import { RULES } from '../../src/core/lint/registry';
import { docsPath } from '../../src/core/lint/engine';
import { DOC_PAGES, INDEX_PAGE, hasDoc } from '../../src/app/docs/pages';
import { docPage } from '../../src/app/docs/links';
import { parseMarkdown, resolveLink, titleOf, type Block, type Inline } from '../../src/app/docs/markdown';
import { highlight } from '../../src/app/docs/highlight';

const inlinesOf = (bs: Block[]): Inline[] => bs.flatMap((b) => {
  switch (b.t) {
    case 'heading': case 'paragraph': return b.children;
    case 'list': return b.items.flatMap(inlinesOf);
    case 'quote': return inlinesOf(b.children);
    case 'table': return [...b.head.flat(), ...b.rows.flat(2)];
    default: return [];
  }
});
const flat = (xs: Inline[]): Inline[] => xs.flatMap((x) => (x.t === 'strong' || x.t === 'em' || x.t === 'del' || x.t === 'link' ? [x, ...flat(x.children)] : [x]));

describe('in-app rule docs', () => {
  it('bundles a page for every divergence kind, RLS scenario and lint rule the app links to', () => {
    expect(hasDoc(INDEX_PAGE)).toBe(true);
    const wanted = [...Object.values(RULE_HELP).map((h) => h.docPath), ...RULES.map((r) => docsPath(r.id))];
    expect(wanted.length).toBeGreaterThan(30);
    expect(wanted.map(docPage).filter((p) => !hasDoc(p))).toEqual([]);
  });

  it('every page parses, has a title, and every relative .md link in it lands on a bundled page', () => {
    for (const [page, text] of Object.entries(DOC_PAGES)) {
      const doc = parseMarkdown(text, page, hasDoc);
      expect(titleOf(doc), page).toBeTruthy();
      const broken = flat(inlinesOf(doc)).filter((x) => x.t === 'link' && x.target.kind === 'none' && /\.md(#|$)/.test(x.target.href));
      expect(broken, page).toEqual([]);
    }
  });

  it('rule pages have Problem / Solution / Incorrect / Correct', () => {
    const rules = Object.keys(DOC_PAGES).filter((p) => !p.endsWith('README') && !p.startsWith('objects/'));
    for (const p of rules) {
      const heads = parseMarkdown(DOC_PAGES[p], p, hasDoc).filter((b) => b.t === 'heading' && b.level === 2).map((b) => b.t === 'heading' && b.id);
      expect(heads, p).toEqual(expect.arrayContaining(['problem', 'solution', 'incorrect', 'correct']));
    }
  });

  it('renders raw HTML and hostile links as text, never as markup', () => {
    const doc = parseMarkdown('# T <script>alert(1)</script>\n\nSee <img src=x onerror=alert(1)> and [x](javascript:alert(1)) and [d](data:text/html,hi).\n\n<div onclick="x()">block</div>\n', 'missing', hasDoc);
    const text = JSON.stringify(doc);
    expect(doc[0]).toMatchObject({ t: 'heading', level: 1 });
    expect(titleOf(doc)).toBe('T <script>alert(1)</script>');
    const links = flat(inlinesOf(doc)).filter((x) => x.t === 'link');
    expect(links.map((l) => l.t === 'link' && l.target.kind)).toEqual(['none', 'none']);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(doc.at(-1)).toMatchObject({ t: 'code', spans: [{ cls: 'plain', text: expect.stringContaining('<div onclick') }] });
  });

  it('decodes entities to text and resolves relative links from the page they are in', () => {
    const doc = parseMarkdown('a &lt;reason&gt; &amp; `x &lt; y`', 'lint/README', hasDoc);
    expect(flat(inlinesOf(doc))).toEqual([{ t: 'text', text: 'a <reason> & ' }, { t: 'code', text: 'x < y' }]);
    expect(resolveLink('objects/README', '../missing.md', hasDoc)).toEqual({ kind: 'doc', page: 'missing', anchor: null });
    expect(resolveLink('README', 'rls/own_rows_visible.md#problem', hasDoc)).toEqual({ kind: 'doc', page: 'rls/own_rows_visible', anchor: 'problem' });
    expect(resolveLink('README', '../../src/core/x.ts', hasDoc).kind).toBe('none');
    expect(resolveLink('README', 'nope.md', hasDoc).kind).toBe('none');
    expect(resolveLink('README', '../../../etc.md', hasDoc).kind).toBe('none');
    expect(resolveLink('README', 'https://www.postgresql.org/docs/', hasDoc).kind).toBe('external');
    expect(resolveLink('README', '#problem', hasDoc)).toEqual({ kind: 'anchor', id: 'problem' });
  });
});

describe('code highlighting', () => {
  it('keeps every character and classes SQL keywords, strings, comments, numbers', () => {
    const sql = "CREATE POLICY p ON t USING (tenant_id = current_setting('app.t''x')::uuid); -- note\n/* c */ SELECT 42, \"Id\"";
    const spans = highlight(sql, 'sql');
    expect(spans.map((s) => s.text).join('')).toBe(sql);
    const cls = (text: string) => spans.find((s) => s.text.includes(text))?.cls;
    expect(cls('CREATE')).toBe('kw');
    expect(cls("'app.t''x'")).toBe('str');
    expect(cls('-- note')).toBe('com');
    expect(cls('/* c */')).toBe('com');
    expect(cls('42')).toBe('num');
    expect(cls('"Id"')).toBe('id');
    expect(cls('tenant_id')).toBe('plain');
  });

  it('handles Python, unterminated strings and unknown languages', () => {
    const py = 'def up():\n    op.drop_column("t", "c")  # CI:DESTRUCTIVE_OK - gone\n';
    const spans = highlight(py, 'python');
    expect(spans.map((s) => s.text).join('')).toBe(py);
    expect(spans.find((s) => s.text.startsWith('#'))?.cls).toBe('com');
    expect(highlight("select 'open", 'sql').map((s) => s.text).join('')).toBe("select 'open");
    expect(highlight('<b>x</b>', 'html')).toEqual([{ cls: 'plain', text: '<b>x</b>' }]);
  });
});
