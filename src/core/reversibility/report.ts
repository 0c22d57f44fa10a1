/** Reversibility report → JSON (the CI contract) and Markdown. */
import type { ReversibilityReport } from './types';

export const reversibilityToJson = (r: ReversibilityReport) => JSON.stringify(r, (k, v) => (k === 'ms' ? undefined : v), 2) + '\n';

const cell = (s: string | null) => (s ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reversibilityToMarkdown(r: ReversibilityReport): string {
  const out = [`# Reversibility: ${r.verdict.toUpperCase()}`, '', `Base \`${r.inputs.base}\`, up \`${r.inputs.up}\`, down \`${r.inputs.down}\`.`, '', '## Steps', '', '| step | file | statements | result |', '|---|---|---|---|'];
  for (const s of r.steps) out.push(`| ${s.step} | ${cell(s.file)} | ${s.statements} | ${s.error ? `failed at ${s.error.line}:${s.error.column}: ${cell(s.error.message)}` : s.loadErrors ? `ok (${s.loadErrors} load errors)` : 'ok'} |`);
  out.push('', `## Changed by the upgrade (${r.changed.length})`, '');
  for (const c of r.changed) out.push(`- ${c.kind} ${c.object_type} \`${c.object}\``);
  out.push('', `## Residuals (${r.residuals.length})`, '');
  if (r.residuals.length) {
    out.push('| after | kind | object | expected | actual |', '|---|---|---|---|---|');
    for (const x of r.residuals) out.push(`| ${x.after} | ${x.kind} | \`${cell(x.object)}\` | ${cell(x.expected)} | ${cell(x.actual)} |`);
  } else out.push('None.');
  out.push('', `## Behaviour probes (${r.probes.length})`, '');
  if (r.probes.length) {
    out.push('| verdict | kind | table | subject | row | base | after down |', '|---|---|---|---|---|---|---|');
    for (const p of r.probes) out.push(`| ${p.verdict} | ${p.kind} | ${cell(p.table)} | ${cell(p.subject)} | ${cell(p.values)} | ${p.base.outcome}${p.base.code ? ` ${p.base.code}` : ''} | ${p.down.outcome}${p.down.code ? ` ${p.down.code}` : ''} |`);
  } else out.push('None derived (the pair touches no CHECK, NOT NULL, unique key or enum the base enforces).');
  return out.concat('').join('\n');
}
