import { describe, expect, it } from 'vitest';
import { buildDictionary } from '../../src/core/dictionary/build';
import { dictionaryToHtml } from '../../src/core/dictionary/html';
import { sampleModel, sampleSpec } from './fixture-model';

const SCRIPT = '<script>alert(1)</script>';

describe('data dictionary as one self-contained HTML file', () => {
  it('escapes a table, column and comment named <script>alert(1)</script>', () => {
    const m = sampleModel();
    m.tables[0].name = SCRIPT;
    m.tables[0].comment = `${SCRIPT} & "quotes" 'too'`;
    m.tables[0].columns[1].name = `"><img src=x onerror=alert(2)>`;
    m.tables[1].columns[1].comment = SCRIPT;
    const html = dictionaryToHtml(buildDictionary(m, sampleSpec()), `${SCRIPT} schema`);
    // The only tags are the document's own; user content appears escaped.
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;too&apos;');
    expect(html).toContain(`<title>Data dictionary — &lt;script&gt;alert(1)&lt;/script&gt; schema</title>`);
  });

  it('is self-contained: inline CSS, no scripts, no external references, a CSP that forbids loading anything', () => {
    const html = dictionaryToHtml(buildDictionary(sampleModel(), sampleSpec()), 'Sample');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(?!#)/);
  });

  it('links foreign keys both ways with in-page anchors that exist', () => {
    const entries = buildDictionary(sampleModel(), sampleSpec());
    const html = dictionaryToHtml(entries, 'Sample');
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...html.matchAll(/ href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !ids.has(h))).toEqual([]);
    const fk = entries.flatMap((e) => e.columns.flatMap((c) => c.references));
    expect(fk.length).toBeGreaterThan(0);
    for (const r of fk) expect(html).toContain(`<span class="ref">→ <a href="#${encodeURIComponent(`d-${r}`)}">${r}</a></span>`);
    const referenced = entries.find((e) => e.referencedBy.length)!;
    const from = referenced.referencedBy[0].table;
    const section = html.slice(html.indexOf(`id="d-${referenced.id}"`));
    expect(section.slice(0, section.indexOf('</section>'))).toContain(`<a href="#${encodeURIComponent(`d-${from}`)}">${from}</a>`);
  });

  it('is deterministic', () => {
    const e = buildDictionary(sampleModel(), sampleSpec());
    expect(dictionaryToHtml(e, 'S')).toBe(dictionaryToHtml(e, 'S'));
  });
});
