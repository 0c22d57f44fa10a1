/** Short labels for divergences shown inline in the dictionary, next to the canonical element. */
import type { DictTag, DictionaryEntry } from '../../core/dictionary/types';
import type { DivergenceKind } from '../../core/report/types';

export const DIVERGENCE_LABEL: Record<DivergenceKind, string> = {
  missing: 'missing in dump',
  extra: 'only in dump',
  type_mismatch: 'type differs in dump',
  nullability_mismatch: 'nullability differs in dump',
  default_mismatch: 'default differs in dump',
  identity_mismatch: 'identity differs in dump',
  definition_mismatch: 'definition differs in dump',
  owner_mismatch: 'owner differs in dump',
  rls_disabled: 'RLS disabled in dump',
  rls_not_forced: 'RLS not forced in dump',
  policy_mismatch: 'policy differs in dump',
  privilege_missing: 'grant missing in dump',
  privilege_extra: 'extra grant in dump',
  comment_mismatch: 'comment differs in dump',
};

/** DOM id of a dictionary element: the deep-link target for `#/dictionary/<object>`. */
export const anchorId = (object: string) => `dict-${object}`;

/** Deep link to a dictionary element (same encoding as the app router: dots stay readable). */
export const dictionaryHash = (object: string) => `#/dictionary/${encodeURIComponent(object).replace(/%2E/gi, '.')}`;

/** One named element of a table (constraint, index, policy, trigger) with its printed definition. */
export interface ElementItem { id: string; name: string; kind: string; definition: string; tag: DictTag | null }

/** The element lists of an entry, in the order the dictionary shows them. */
export function elementGroups(e: DictionaryEntry): { title: string; items: ElementItem[] }[] {
  return [
    { title: 'Constraints', items: e.constraints.map((c) => ({ id: c.id, name: c.name, kind: c.type + (c.validated ? '' : ' (NOT VALID)'), definition: c.definition, tag: c.tag })) },
    { title: 'Indexes', items: e.indexes.map((i) => ({ id: i.id, name: i.name, kind: i.primary ? 'primary key index' : i.unique ? 'unique index' : `${i.method} index`, definition: i.definition, tag: i.tag })) },
    {
      title: 'Policies',
      items: e.policies.map((p) => ({
        id: p.id, name: p.name, kind: `${p.command}${p.permissive ? '' : ' restrictive'} to ${p.roles.join(', ')}`,
        definition: [p.using ? `USING ${p.using}` : '', p.withCheck ? `WITH CHECK ${p.withCheck}` : ''].filter(Boolean).join('\n'), tag: p.tag,
      })),
    },
    { title: 'Triggers', items: e.triggers.map((t) => ({ id: t.id, name: t.name, kind: `${t.summary}${t.enabled ? '' : ' (disabled)'}`, definition: t.definition, tag: t.tag })) },
  ];
}
