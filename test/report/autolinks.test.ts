/** Markdown exports: names and comments that look like links stay text (GitHub's extended autolinks). */
import { describe, expect, it } from 'vitest';
import { escapeAutolinks, mdCell } from '../../src/core/report/text';
import { mdText } from '../../src/core/dictionary/markdown';

describe('escapeAutolinks', () => {
  it.each([
    ['https://evil.example/x', 'https\\://evil.example/x'],
    ['see www.evil.example', 'see www\\.evil.example'],
    ['owner@evil.example', 'owner\\@evil.example'],
    ['public.tenants', 'public.tenants'],
  ])('%s', (input, out) => {
    expect(escapeAutolinks(input)).toBe(out);
  });

  it('applies to report cells and dictionary text, after the other escapes', () => {
    expect(mdCell('public."http://x"')).toBe('public."http\\://x"');
    expect(mdText('WWW.evil.example_y')).toBe('WWW\\.evil.example\\_y');
    // Without the escape GitHub would link these; with it no `://`, `www.` or bare `@` is left.
    for (const s of [mdCell('a https://b www.c d@e'), mdText('a https://b www.c d@e')]) expect(s).not.toMatch(/[^\\]:\/\/|\bwww\.|[^\\]@/i);
  });
});
