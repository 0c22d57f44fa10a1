/**
 * What a phase requires, grouped the ways people ask about it: by invariant category, by
 * severity and by element type (`skeldir-schema inventory --phase b0.3`). Seed 000 §3.1 states
 * B0.3 as "28 columns + 1 table + 6 indexes + 3 constraints + 5 RLS policies = 43"; the
 * `BLOCKING by type` line of formatInventory() prints the same sum.
 */
import { InputError } from '../errors';
import { elementSeverity, severityRank } from './classify';
import { SEVERITIES, type Phase, type Severity, type Spec, type SpecElement } from './types';

export interface Inventory {
  phase: Phase;
  /** Invariant category → elements; untagged-by-category elements under `(explicit severity)`. */
  byCategory: Record<string, SpecElement[]>;
  /** Every severity is present (possibly empty), BLOCKING first. */
  bySeverity: Record<Severity, SpecElement[]>;
  /** Element type (`column`, `index`, `rls`, …) → elements. */
  byType: Record<string, SpecElement[]>;
  /** Elements the phase requires. */
  total: number;
}

/** Category label for an element with an explicit severity and no invariant. */
export const EXPLICIT_CATEGORY = '(explicit severity)';

/** The elements phase `phaseId` (case-insensitive) requires. Unknown ids are an input error. */
export function inventory(spec: Spec, phaseId: string): Inventory {
  const id = phaseId.trim().toLowerCase();
  const phase = spec.phases.find((p) => p.id.toLowerCase() === id);
  if (!phase) {
    const known = spec.phases.map((p) => p.id).join(', ') || 'none';
    throw new InputError(`unknown phase '${phaseId}' (known: ${known})`, { source: spec.source });
  }
  const elements = spec.elements
    .filter((e) => e.phases.includes(phase.id))
    .sort((a, b) => severityRank(elementSeverity(spec, a)) - severityRank(elementSeverity(spec, b)) || (a.line ?? 0) - (b.line ?? 0));

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, [] as SpecElement[]])) as Record<Severity, SpecElement[]>;
  const byCategory: Record<string, SpecElement[]> = {};
  const byType: Record<string, SpecElement[]> = {};
  for (const el of elements) {
    bySeverity[elementSeverity(spec, el)].push(el);
    (byCategory[el.invariant ?? EXPLICIT_CATEGORY] ??= []).push(el);
    (byType[el.type] ??= []).push(el);
  }
  return { phase, byCategory, bySeverity, byType, total: elements.length };
}

/** Element count per type, in first-seen order, e.g. `{ column: 28, table: 1, … }`. */
export function countByType(elements: readonly SpecElement[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const el of elements) out[el.type] = (out[el.type] ?? 0) + 1;
  return out;
}

const PLURAL: Record<string, string> = {
  column: 'columns', table: 'tables', index: 'indexes', constraint: 'constraints', rls: 'RLS', policy: 'policies',
  trigger: 'triggers', function: 'functions', view: 'views', materialized_view: 'materialized views',
  sequence: 'sequences', type: 'types', extension: 'extensions', privilege: 'privileges',
};
const SINGULAR: Record<string, string> = { table: 'table', rls: 'RLS', materialized_view: 'materialized view' };

function typeSum(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([t, n]) => `${n} ${n === 1 ? (SINGULAR[t] ?? t) : (PLURAL[t] ?? t)}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return parts.length ? `${parts.join(' + ')} = ${total}` : '0';
}

/** Plain-text rendering for the CLI: summary lines, then one block per category. */
export function formatInventory(inv: Inventory, spec?: Spec): string {
  const { phase } = inv;
  const lines: string[] = [];
  lines.push(`Phase ${phase.id} — ${phase.name}`);
  if (phase.prerequisites.length) lines.push(`Prerequisites: ${phase.prerequisites.join(', ')}`);
  lines.push(`${inv.total} element${inv.total === 1 ? '' : 's'}: ${SEVERITIES.map((s) => `${inv.bySeverity[s].length} ${s}`).join(', ')}`);
  for (const s of SEVERITIES) {
    if (inv.bySeverity[s].length) lines.push(`${s} by type: ${typeSum(countByType(inv.bySeverity[s]))}`);
  }
  const severityOf = (el: SpecElement): Severity =>
    spec ? elementSeverity(spec, el) : (SEVERITIES.find((s) => inv.bySeverity[s].includes(el)) ?? 'LOW');
  for (const [category, els] of Object.entries(inv.byCategory)) {
    const sevs = [...new Set(els.map(severityOf))].join('/');
    lines.push('', `${category} (${sevs}): ${els.length}`);
    const width = Math.max(...els.map((e) => e.type.length));
    for (const el of els) lines.push(`  ${el.type.padEnd(width)}  ${el.object}${el.line ? `  (line ${el.line})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
