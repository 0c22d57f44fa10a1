/**
 * The Markdown report: the seeds' tables (summary, gate status, divergences, load errors) plus
 * the behaviour checks. Every user-supplied string goes through mdCell / mdCode.
 */
import { phaseLabel } from '../gates/scope';
import { diffExcerpts } from './excerpt';
import { GATE_STATUS_HEADER, gateStatusRows } from './gate-status';
import { mdCell, mdCode, mdTable } from './text';
import type { Divergence, Report, RlsTest, SmokeResult } from './types';

const VERDICT_LABEL = { PASS: '✅ PASS', WARN_PASS: '⚠️ WARN_PASS', FAIL: '❌ FAIL', INCOMPLETE: '⛔ INCOMPLETE: input could not be fully used' } as const;
const OUTCOME_LABEL = { passed: '✅ passed', failed: '❌ failed', inconclusive: '❔ inconclusive' } as const;

function inputsSection(r: Report): string {
  return mdTable(['Input', 'Name', 'Bytes', 'SHA-256'],
    r.inputs.map((i) => [i.role, mdCell(i.name), String(i.bytes), `\`${i.sha256.slice(0, 16)}…\``]));
}

function rlsSection(r: Report): string[] {
  if (!r.rls) return ['## RLS isolation', '', 'Not run.', ''];
  const s = r.rls.summary;
  const notPassed = r.rls.tests.filter((t) => t.outcome !== 'passed');
  const row = (t: RlsTest) => [mdCell(t.table), mdCell(t.scenario), OUTCOME_LABEL[t.outcome], mdCell(t.detail), mdCell(t.role)];
  return [
    '## RLS isolation', '',
    `${s.passed} passed, ${s.failed} failed, ${s.inconclusive} inconclusive (${r.rls.tests.length} tests).`, '',
    ...rlsWorlds(r.rls),
    ...(notPassed.length > 0 ? [mdTable(['Table', 'Scenario', 'Outcome', 'Detail', 'Role'], notPassed.map(row)), ''] : []),
  ];
}

/**
 * How the principals were identified and seeded, per side: the identity line, whether seeding
 * acted as the principal, and every row that could not be seeded with its reason.
 */
function rlsWorlds(rls: NonNullable<Report['rls']>): string[] {
  const sides = ([['dump', rls.dump], ['canonical', rls.canonical]] as const).filter(([, side]) => side && side.principals.length);
  if (!sides.length) return [];
  const out: string[] = [];
  const unseeded: string[][] = [];
  for (const [name, side] of sides) {
    const acting = side!.principals.some((p) => p.session?.length) ? ' Worlds were seeded acting as each principal (its identity settings in effect).' : '';
    out.push(`Identity on the ${name}: ${mdCell(side!.identity)}.${acting}`, '');
    for (const p of side!.principals) for (const w of p.world) if (w.error) unseeded.push([name, p.key, mdCell(w.table), mdCell(w.error)]);
  }
  if (unseeded.length) out.push('Rows that could not be seeded (the tests that needed them are inconclusive):', '', mdTable(['Side', 'Principal', 'Table', 'Why'], unseeded), '');
  return out;
}

/**
 * Failed and inconclusive smoke tests in a table; the passing ones folded away (a reviewer
 * looks for what is wrong first). `<details>` is our markup; every cell is still mdCell text.
 */
function smokeSection(r: Report): string[] {
  if (!r.smoke) return ['## Smoke tests', '', 'Not run.', ''];
  const s = r.smoke.summary;
  const header = ['Test', 'Phase', 'Title', 'Outcome', 'Detail'];
  const row = (t: SmokeResult) => [mdCell(t.id), phaseLabel(t.phase), mdCell(t.title), OUTCOME_LABEL[t.outcome], mdCell(t.detail)];
  const notPassed = r.smoke.tests.filter((t) => t.outcome !== 'passed');
  const passed = r.smoke.tests.filter((t) => t.outcome === 'passed');
  return [
    '## Smoke tests', '',
    `${s.passed} passed, ${s.failed} failed, ${s.inconclusive} inconclusive (${r.smoke.tests.length} tests).`, '',
    ...(notPassed.length > 0 ? [mdTable(header, notPassed.map(row)), ''] : []),
    ...(passed.length > 0 ? [
      '<details>', `<summary>${passed.length} passed smoke test${passed.length === 1 ? '' : 's'}</summary>`, '',
      mdTable(header, passed.map(row)), '', '</details>', '',
    ] : []),
  ];
}

/** `missing · column`, `definition mismatch · constraint`. */
function kindLabel(d: Divergence): string {
  return `${d.kind.replace(/_/g, ' ')} · ${d.object_type.replace(/_/g, ' ')}`;
}

/** The object, with the dump line it is defined on (a missing object has none of its own). */
function objectCell(d: Divergence): string {
  if (d.line === undefined) return mdCell(d.object);
  return `${mdCell(d.object)} (${d.actual === null && d.table ? 'its table: ' : ''}line ${d.line})`;
}

/**
 * The message without the object it names (the Object column has it): `check constraint
 * public.t.c differs from canonical` → `Differs from canonical`; `public.t.channel is missing
 * from the dump (possibly renamed to channel_code)` → `Missing from the dump (possibly renamed
 * to channel_code)`. A message that does not start that way is shown whole.
 */
export function messageCell(d: Divergence): string {
  const at = d.message.indexOf(d.object);
  const lead = at >= 0 ? d.message.slice(0, at) : null;
  if (lead === null || !/^[a-z ]*$/.test(lead)) return mdCell(d.message);
  const rest = d.message.slice(at + d.object.length).trim().replace(/^is /, '');
  return rest ? mdCell(rest[0].toUpperCase() + rest.slice(1)) : mdCell(d.message);
}

/**
 * One row per divergence. Expected/Actual are excerpts around where the two differ (full
 * values are in the JSON report), so a difference at the end of a long definition shows.
 */
function divergenceRows(divs: Divergence[]): string[][] {
  return divs.map((d) => {
    const x = diffExcerpts(d.expected, d.actual, { max: 120, context: 32 });
    return [d.decision ? `${d.severity} (${d.decision.status}, not blocking)` : d.severity, kindLabel(d), objectCell(d), messageCell(d), mdCode(x.expected, Infinity), mdCode(x.actual, Infinity),
      mdCell(d.invariant ?? ''), d.phases.map(phaseLabel).join(', ')];
  });
}

/**
 * Phases not evaluated yet (WAITING) that already have findings: the gate table shows them as
 * N/A by design (seed 000 §10.1), so say where the rest of the BLOCKING/HIGH count lives.
 */
function waitingNotes(r: Report): string[] {
  const out: string[] = [];
  for (const [id, g] of Object.entries(r.phases)) {
    if (g.status !== 'WAITING') continue;
    const parts: string[] = [];
    for (const sev of ['blocking', 'high', 'medium', 'low'] as const) if (g.counts[sev] > 0) parts.push(`${g.counts[sev]} ${sev.toUpperCase()}`);
    const total = g.counts.blocking + g.counts.high + g.counts.medium + g.counts.low;
    const divs = total > 0 ? `${parts.join(', ')} divergence${total === 1 ? '' : 's'}` : '';
    const failedSmoke = (r.smoke?.tests ?? []).filter((t) => t.phase === id && t.outcome !== 'passed').length;
    const smoke = failedSmoke > 0 ? `${failedSmoke} smoke test${failedSmoke === 1 ? '' : 's'} not passed` : '';
    const found = [divs, smoke].filter(Boolean).join(' and ');
    if (found) out.push(`- **${phaseLabel(id)}** WAITING (${mdCell(g.reason)}): not gated yet, but ${found} already found; listed below.`);
  }
  return out;
}

function loadSection(r: Report): string[] {
  const out: string[] = ['## Load', ''];
  for (const side of ['canonical', 'dump'] as const) {
    const l = r.load[side];
    out.push(`**${side}**: ${l.executed} of ${l.statements} statements executed, ${l.errors.length} errors, ${l.notes.length} notes.`, '');
    if (l.errors.length > 0) {
      out.push(mdTable(['Line', 'SQLSTATE', 'Message', 'Statement'],
        l.errors.map((e) => [`${e.line}:${e.column}`, mdCell(e.sqlstate), mdCell(e.message), mdCode(e.statement)])), '');
    }
    if (l.notes.length > 0) {
      out.push(mdTable(['Line', 'Note', 'Message'], l.notes.map((n) => [String(n.line), mdCell(n.code), mdCell(n.message)])), '');
    }
  }
  return out;
}

/** Why the verdict is INCOMPLETE, and that what follows is partial. */
function incompleteNote(r: Report): string[] {
  const i = r.incomplete;
  if (!i) return [];
  return [
    `> **The ${i.input} could not be fully used:** ${i.errors} statement${i.errors === 1 ? '' : 's'} failed to load; the first at ` +
      `${mdCell(i.source)}:${i.line}:${i.column} (${mdCell(i.sqlstate)} ${mdCell(i.message)}). ` +
      'The divergences, gates and tests below are **partial**: they describe only what loaded. See the Load section.', '',
  ];
}

export function toMarkdown(r: Report): string {
  const dump = r.inputs.find((i) => i.role === 'dump');
  const phaseRows = gateStatusRows(r);
  const lines: string[] = [
    `# Schema compliance report${dump ? `: ${mdCell(dump.name)}` : ''}`, '',
    `**Verdict: ${VERDICT_LABEL[r.verdict]}** (exit code ${r.exit_code}) · phase: ${mdCell(r.phase)} · ${r.tool.name} ${mdCell(r.tool.version)} · ${r.generated_at}`, '',
    ...incompleteNote(r),
    '## Summary', '',
    mdTable(['BLOCKING', 'HIGH', 'MEDIUM', 'LOW'], [[r.summary.blocking, r.summary.high, r.summary.medium, r.summary.low].map(String)]), '',
    ...(r.summary.waived ? [`${r.summary.waived} more divergence${r.summary.waived === 1 ? '' : 's'} not counted: waived by a drift decision (see Drift decisions).`, ''] : []),
    '## Gate status', '',
    ...(phaseRows.length > 0 ? [...GATE_STATUS_HEADER, ...phaseRows] : ['The overlay defines no phases.']), '',
  ];
  const decisions = Object.entries(r.phases).filter(([, g]) => g.status === 'FAIL' || g.status === 'WARN_PASS' || g.status === 'INCOMPLETE');
  for (const [id, g] of decisions) {
    lines.push(`- **${phaseLabel(id)}** ${g.status}: ${mdCell(g.reason)}. ${mdCell(g.required_action)}.`);
  }
  const waiting = waitingNotes(r);
  lines.push(...waiting);
  if (decisions.length + waiting.length > 0) lines.push('');
  const decided = r.divergences.filter((d) => d.decision);
  if (decided.length > 0) {
    lines.push('## Drift decisions', '', 'These divergences are reported but do not gate: the Schema Drift Table records a decision for each.', '',
      mdTable(['Drift', 'Object', 'Severity', 'Decision', 'Why it no longer blocks'],
        decided.map((d) => [mdCell(d.decision!.drift_id ?? ''), mdCell(d.object), d.severity, d.decision!.status, mdCell(d.decision!.reason)])), '');
  }
  lines.push('## Divergences', '');
  if (r.divergences.length === 0) lines.push('No divergences.', '');
  else {
    lines.push('Expected (canonical) and Actual (dump) show where the two differ; the JSON report has the full values.', '');
    lines.push(mdTable(['Severity', 'Kind', 'Object', 'Message', 'Expected', 'Actual', 'Invariant', 'Phases'], divergenceRows(r.divergences)), '');
  }
  lines.push(...rlsSection(r), ...smokeSection(r), ...loadSection(r), '## Inputs', '', inputsSection(r), '');
  return lines.join('\n');
}
