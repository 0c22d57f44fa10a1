/**
 * DictionaryEntry[] → `data_dictionary.md` (seed 003 Phase 4, Gate 4.2). Deterministic: no
 * timestamp, entries in their given (sorted) order, so the file diffs cleanly between runs.
 * User content (comments, identifiers, definitions) is escaped for Markdown tables and
 * never left as raw HTML.
 */
import type { DictTag, DictionaryEntry } from './types';
import { escapeAutolinks } from '../report/text';

/** GitHub's heading slug: lower-case, punctuation dropped, spaces → `-`. */
export function markdownSlug(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Escape text so it renders literally in a Markdown table cell or paragraph. */
export function mdText(s: string): string {
  return escapeAutolinks(s
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1'));
}

/** Inline code span that survives backticks in the content; pipes escaped for table cells. */
export function mdCode(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function tagText(t: DictTag | null): string {
  if (!t) return '';
  const parts = [t.invariant ? `${mdText(t.invariant)} (${t.severity})` : t.severity];
  if (t.phases.length) parts.push(`phases ${t.phases.map(mdText).join(', ')}`);
  return parts.join('; ');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function entryMarkdown(e: DictionaryEntry): string[] {
  const out: string[] = [`## ${mdText(e.id)}`, ''];
  const facts: string[] = [`*${e.kind}*`];
  if (e.rls) {
    // Emphasise a gap only where the overlay says RLS matters for this table.
    const em = (s: string) => (e.rls?.tag ? `**${s}**` : s);
    const state = e.rls.enabled ? `enabled, ${e.rls.forced ? 'forced' : em('not forced')}` : em('disabled');
    facts.push(`RLS ${state}${e.rls.tag ? ` (${tagText(e.rls.tag)})` : ''}`);
  }
  if (e.tag) facts.push(`tagged ${tagText(e.tag)}`);
  if (e.phases.length) facts.push(`required by phases ${e.phases.map(mdText).join(', ')}`);
  if (e.partitionKey) facts.push(`partitioned by ${mdCode(e.partitionKey)}`);
  if (e.partitionOf) facts.push(`partition of ${mdText(e.partitionOf)}`);
  out.push(facts.join(' · '), '');
  if (e.comment) out.push(`> ${mdText(e.comment)}`, '');
  if (e.tag?.rationale) out.push(`Why it matters: ${mdText(e.tag.rationale)}`, '');

  out.push('### Columns', '');
  out.push(...table(
    ['#', 'Column', 'Type', 'Null', 'Default', 'Keys', 'Allowed values', 'Invariant', 'Comment'],
    e.columns.map((c) => [
      String(c.position),
      mdCode(c.name),
      mdCode(c.type),
      c.notNull ? 'NOT NULL' : 'null',
      c.identity ? `identity (${c.identity})` : c.generated ? `generated ${mdCode(c.generated)}` : c.default ? mdCode(c.default) : '',
      [...c.keys, ...c.references.map((r) => `→ ${mdText(r)}`)].join(' '),
      c.allowed ? c.allowed.values.map(mdCode).join(', ') + (c.allowed.allowsNull ? ' or NULL' : '') : '',
      tagText(c.tag),
      c.comment ? mdText(c.comment) : '',
    ]),
  ), '');

  if (e.constraints.length) {
    out.push('### Constraints', '', ...table(['Name', 'Type', 'Definition', 'Invariant'],
      e.constraints.map((c) => [mdCode(c.name), c.type + (c.validated ? '' : ' (NOT VALID)'), mdCode(c.definition), tagText(c.tag)])), '');
  }
  if (e.indexes.length) {
    out.push('### Indexes', '', ...table(['Name', 'Definition', 'Invariant'],
      e.indexes.map((i) => [mdCode(i.name), mdCode(i.definition), tagText(i.tag)])), '');
  }
  if (e.policies.length) {
    out.push('### Policies', '', ...table(['Name', 'Command', 'Roles', 'USING', 'WITH CHECK', 'Invariant'],
      e.policies.map((p) => [
        mdCode(p.name), `${p.command}${p.permissive ? '' : ' (restrictive)'}`, p.roles.map(mdText).join(', '),
        p.using ? mdCode(p.using) : '', p.withCheck ? mdCode(p.withCheck) : '', tagText(p.tag),
      ])), '');
  }
  if (e.triggers.length) {
    out.push('### Triggers', '', ...table(['Name', 'When', 'Function', 'Invariant'],
      e.triggers.map((t) => [mdCode(t.name), t.summary + (t.enabled ? '' : ' (disabled)'), mdCode(t.function), tagText(t.tag)])), '');
  }
  if (e.referencedBy.length) {
    out.push('### Referenced by', '', ...table(['Table', 'Columns', 'Constraint', 'On delete'],
      e.referencedBy.map((r) => [mdText(r.table), `(${r.columns.map(mdText).join(', ')}) → (${r.refColumns.map(mdText).join(', ')})`, mdCode(r.constraint), r.onDelete])), '');
  }
  if (e.privileges.length) {
    out.push('### Privileges', '', ...table(['Grantee', 'Privileges'],
      e.privileges.map((p) => [mdText(p.grantee), p.privileges.join(', ')])), '');
  }
  if (e.viewDefinition) out.push('### Definition', '', '```sql', e.viewDefinition.replace(/```/g, '`\u200b``'), '```', '');
  return out;
}

/** The whole dictionary as Markdown; `title` names the schema, e.g. `Skeldir`. */
export function dictionaryToMarkdown(entries: DictionaryEntry[], title = 'Schema'): string {
  const out: string[] = [
    `# Data dictionary — ${mdText(title)}`,
    '',
    'Generated from the canonical schema as PostgreSQL itself prints it (`format_type`, `pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_expr`).',
    'Invariant tags and phases come from the metadata overlay.',
    '',
    '## Contents',
    '',
    ...entries.map((e) => `- [${mdText(e.id)}](#${markdownSlug(e.id)}) — ${e.kind}, ${e.columns.length} columns${e.comment ? `: ${mdText(firstSentence(e.comment))}` : ''}`),
    '',
  ];
  for (const e of entries) out.push(...entryMarkdown(e));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function firstSentence(s: string): string {
  const m = /^[\s\S]*?[.!?](\s|$)/.exec(s);
  const t = (m ? m[0] : s).trim();
  return t.length > 120 ? `${t.slice(0, 117)}…` : t;
}
