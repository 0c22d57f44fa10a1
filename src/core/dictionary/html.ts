/**
 * DictionaryEntry[] → ONE self-contained HTML file: inline CSS (light and dark), no scripts, no
 * external requests (a CSP meta forbids both even if a browser were tempted), every piece of user
 * content escaped. Foreign keys are links: a column to the referenced column, a table to the tables
 * referencing it, all as in-page anchors. Deterministic (no timestamp) so it diffs cleanly.
 */
import { xml as esc } from '../report/text';
import type { DictTag, DictionaryEntry } from './types';

/** In-page anchor of an element id (`public.tenants`, `public.tenants.id`). */
const anchor = (id: string) => `d-${id}`;
const href = (id: string) => `#${encodeURIComponent(anchor(id))}`;
const code = (s: string) => `<code>${esc(s)}</code>`;

/** A link to `id` when the document has it, else its name as text. */
function link(id: string, label: string, known: Set<string>): string {
  return known.has(id) ? `<a href="${esc(href(id))}">${esc(label)}</a>` : esc(label);
}

function tag(t: DictTag | null): string {
  if (!t) return '';
  const sev = `<span class="sev sev-${esc(t.severity.toLowerCase())}">${esc(t.severity)}</span>`;
  return `${t.invariant ? `${esc(t.invariant)} ` : ''}${sev}${t.phases.length ? ` <span class="muted">phases ${esc(t.phases.join(', '))}</span>` : ''}`;
}

function table(head: string[], rows: string[][], cls = ''): string {
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function entryHtml(e: DictionaryEntry, known: Set<string>): string {
  const out: string[] = [`<section class="entry" id="${esc(anchor(e.id))}">`, `<h2>${esc(e.id)} <span class="kind">${esc(e.kind)}</span></h2>`];
  const facts: string[] = [];
  if (e.rls) facts.push(`RLS ${e.rls.enabled ? `enabled, ${e.rls.forced ? 'forced' : 'not forced'}` : 'disabled'}${e.rls.tag ? ` (${tag(e.rls.tag)})` : ''}`);
  if (e.tag) facts.push(`tagged ${tag(e.tag)}`);
  if (e.phases.length) facts.push(`required by phases ${esc(e.phases.join(', '))}`);
  if (e.partitionKey) facts.push(`partitioned by ${code(e.partitionKey)}`);
  if (e.partitionOf) facts.push(`partition of ${link(e.partitionOf, e.partitionOf, known)}`);
  if (facts.length) out.push(`<p class="facts">${facts.join(' · ')}</p>`);
  if (e.comment) out.push(`<p class="comment">${esc(e.comment)}</p>`);
  if (e.tag?.rationale) out.push(`<p class="muted">Why it matters: ${esc(e.tag.rationale)}</p>`);

  out.push('<h3>Columns</h3>', table(
    ['#', 'Column', 'Type', 'Null', 'Default', 'Keys', 'Allowed values', 'Invariant', 'Comment'],
    e.columns.map((c) => [
      String(c.position),
      `<span id="${esc(anchor(c.id))}">${code(c.name)}</span>`,
      code(c.type),
      c.notNull ? 'NOT NULL' : 'null',
      c.identity ? `identity (${esc(c.identity)})` : c.generated ? `generated ${code(c.generated)}` : c.default ? code(c.default) : '',
      [...c.keys.map((k) => `<span class="key">${esc(k)}</span>`), ...c.references.map((r) => `<span class="ref">→ ${link(r, r, known)}</span>`)].join(' '),
      c.allowed ? c.allowed.values.map(code).join(' ') + (c.allowed.allowsNull ? ' <span class="muted">or NULL</span>' : '') : '',
      tag(c.tag),
      c.comment ? `<span class="comment">${esc(c.comment)}</span>` : '',
    ]), 'cols'));

  if (e.constraints.length) {
    out.push('<h3>Constraints</h3>', table(['Name', 'Type', 'Definition', 'Invariant'],
      e.constraints.map((c) => [code(c.name), esc(c.type + (c.validated ? '' : ' (NOT VALID)')), code(c.definition), tag(c.tag)])));
  }
  if (e.indexes.length) {
    out.push('<h3>Indexes</h3>', table(['Name', 'Definition', 'Invariant'], e.indexes.map((i) => [code(i.name), code(i.definition), tag(i.tag)])));
  }
  if (e.policies.length) {
    out.push('<h3>Policies</h3>', table(['Name', 'Command', 'Roles', 'USING', 'WITH CHECK', 'Invariant'],
      e.policies.map((p) => [code(p.name), esc(`${p.command}${p.permissive ? '' : ' (restrictive)'}`), esc(p.roles.join(', ')),
        p.using ? code(p.using) : '', p.withCheck ? code(p.withCheck) : '', tag(p.tag)])));
  }
  if (e.triggers.length) {
    out.push('<h3>Triggers</h3>', table(['Name', 'When', 'Function', 'Invariant'],
      e.triggers.map((t) => [code(t.name), esc(t.summary + (t.enabled ? '' : ' (disabled)')), code(t.function), tag(t.tag)])));
  }
  if (e.referencedBy.length) {
    out.push('<h3>Referenced by</h3>', table(['Table', 'Columns', 'Constraint', 'On delete'],
      e.referencedBy.map((r) => [link(r.table, r.table, known), esc(`(${r.columns.join(', ')}) → (${r.refColumns.join(', ')})`), code(r.constraint), esc(r.onDelete)])));
  }
  if (e.privileges.length) {
    out.push('<h3>Privileges</h3>', table(['Grantee', 'Privileges'], e.privileges.map((p) => [code(p.grantee), esc(p.privileges.join(', '))])));
  }
  if (e.viewDefinition) out.push('<h3>Definition</h3>', `<pre>${esc(e.viewDefinition)}</pre>`);
  out.push('</section>');
  return out.join('\n');
}

const CSS = `
:root { color-scheme: light dark; --bg: #fff; --bg2: #f4f5f7; --fg: #1b1f24; --fg2: #57606a; --border: #d0d7de; --accent: #0b5cad;
  --blocking: #b3261e; --high: #9c4f00; --medium: #8a6d00; --low: #4a6378; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1217; --bg2: #171b22; --fg: #e6edf3; --fg2: #9da7b3; --border: #30363d; --accent: #58a6ff;
  --blocking: #ff7b72; --high: #ffa657; --medium: #e3b341; --low: #8fb0c9; } }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; background: var(--bg); color: var(--fg); margin: 0 auto; padding: 16px 20px 60px; max-width: 1400px; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; background: var(--bg2); border: 1px solid var(--border); padding: 8px; border-radius: 4px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin: 0 0 4px; } h3 { font-size: 0.95rem; margin: 14px 0 4px; }
.kind, .muted { color: var(--fg2); font-weight: normal; font-size: 0.85em; }
.entry { border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px; margin: 0 0 18px; }
.entry:target { outline: 2px solid var(--accent); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--border); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--bg2); }
td:target, span:target { background: color-mix(in srgb, var(--accent) 18%, transparent); }
.key { font-size: 11px; padding: 0 4px; border: 1px solid var(--border); border-radius: 3px; }
.ref { display: block; font-size: 12px; }
.comment { white-space: pre-wrap; }
.sev { font-weight: 600; font-size: 11.5px; } .sev-blocking { color: var(--blocking); } .sev-high { color: var(--high); }
.sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
nav ul { columns: 3 16em; padding-left: 18px; }
`;

/** The whole dictionary as one HTML document; `title` names the schema, e.g. `Skeldir`. */
export function dictionaryToHtml(entries: DictionaryEntry[], title = 'Schema'): string {
  const known = new Set(entries.flatMap((e) => [e.id, ...e.columns.map((c) => c.id)]));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing but the inline style may load or run: no scripts, images, fonts or fetches.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Data dictionary — ${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>Data dictionary — ${esc(title)}</h1>`,
    '<p class="muted">Generated from the canonical schema as PostgreSQL itself prints it (format_type, pg_get_constraintdef, pg_get_indexdef, pg_get_expr). Invariant tags and phases come from the metadata overlay.</p>',
    `<nav aria-label="Contents"><h2>Contents</h2><ul>${entries.map((e) => `<li><a href="${esc(href(e.id))}">${esc(e.id)}</a> <span class="muted">${esc(e.kind)}, ${e.columns.length} columns</span></li>`).join('')}</ul></nav>`,
    '<main>',
    ...entries.map((e) => entryHtml(e, known)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
