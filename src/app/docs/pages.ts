/**
 * The rule docs (docs/rules/**.md), bundled at build time as text (import.meta.glob ?raw) so the
 * in-app docs work offline and from any static host. Page ids are paths under docs/rules without
 * `.md`: `missing`, `rls/own_rows_visible`, `lint/require_fk_index`, `objects/tables`; `README`
 * is the index. Only the docs view imports this module, so no other view pays for the text.
 */
const RAW = import.meta.glob('../../../docs/rules/**/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const PREFIX = '../../../docs/rules/';
export const DOC_PAGES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RAW).map(([path, text]) => [path.slice(PREFIX.length, -3), text]),
);

export const INDEX_PAGE = 'README';
export const hasDoc = (page: string): boolean => Object.hasOwn(DOC_PAGES, page);
