import { describe, expect, it } from 'vitest';
import { docSelection, parseMarkdown, resolveLink, splitDocSelection } from '../../src/app/docs/markdown';
import { formatHash, parseHash } from '../../src/app/state/router.svelte';

describe('in-app docs anchors', () => {
  it('repeated headings get unique ids, as GitHub numbers them', () => {
    const doc = parseMarkdown('# T\n\n## Example\n\ntext\n\n## Example\n\n## Example\n\n## Example-1\n', 'x', () => true);
    const ids = doc.flatMap((b) => (b.t === 'heading' ? [b.id] : []));
    expect(ids).toEqual(['t', 'example', 'example-1', 'example-2', 'example-1-1']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a link to x.md#problem keeps its heading through the route', () => {
    const t = resolveLink('README', 'rls/own_rows_visible.md#problem', () => true);
    expect(t).toEqual({ kind: 'doc', page: 'rls/own_rows_visible', anchor: 'problem' });
    const hash = formatHash('docs', docSelection('rls/own_rows_visible', 'problem'));
    const { view, selected } = parseHash(hash);
    expect(view).toBe('docs');
    expect(splitDocSelection(selected!)).toEqual({ page: 'rls/own_rows_visible', anchor: 'problem' });
    expect(splitDocSelection('rls/own_rows_visible')).toEqual({ page: 'rls/own_rows_visible', anchor: null });
  });
});
