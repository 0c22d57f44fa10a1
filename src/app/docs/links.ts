/**
 * Links into the in-app docs (`#/docs/<page>`), light enough for any view to import: the pages
 * themselves load with the docs view. `docPath` is what the core's rule metadata carries
 * (`docs/rules/rls/own_rows_visible.md`, RuleHelp.docPath, LintRule.docs).
 */
import { formatHash } from '../state/router.svelte';

export function docPage(docPath: string): string {
  return docPath.replace(/^docs\/rules\//, '').replace(/\.md$/, '');
}

export const docHref = (docPath: string): string => formatHash('docs', docPage(docPath));
