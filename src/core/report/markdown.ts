/**
 * The Markdown report: the seeds' tables (summary, gate status, divergences, load errors) plus
 * the behaviour checks. Every user-supplied string goes through mdCell / mdCode.
 */
import { phaseLabel } from '../gates/scope';
import { GATE_STATUS_HEADER, gateStatusRows } from './gate-status';
import { mdCell, mdCode, mdTable } from './text';
import type { Report, RlsTest, SmokeResult } from './types';

const VERDICT_LABEL = { PASS: '✅ PASS', WARN_PASS: '⚠️ WARN_PASS', FAIL: '❌ FAIL' } as const;
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
    ...(notPassed.length > 0 ? [mdTable(['Table', 'Scenario', 'Outcome', 'Detail', 'Role'], notPassed.map(row)), ''] : []),
  ];
}

function smokeSection(r: Report): string[] {
  if (!r.smoke) return ['## Smoke tests', '', 'Not run.', ''];
  const s = r.smoke.summary;
  const row = (t: SmokeResult) => [mdCell(t.id), phaseLabel(t.phase), mdCell(t.title), OUTCOME_LABEL[t.outcome], mdCell(t.detail)];
  return [
    '## Smoke tests', '',
    `${s.passed} passed, ${s.failed} failed, ${s.inconclusive} inconclusive.`, '',
    ...(r.smoke.tests.length > 0 ? [mdTable(['Test', 'Phase', 'Title', 'Outcome', 'Detail'], r.smoke.tests.map(row)), ''] : []),
  ];
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

export function toMarkdown(r: Report): string {
  const dump = r.inputs.find((i) => i.role === 'dump');
  const phaseRows = gateStatusRows(r);
  const lines: string[] = [
    `# Schema compliance report${dump ? `: ${mdCell(dump.name)}` : ''}`, '',
    `**Verdict: ${VERDICT_LABEL[r.verdict]}** (exit code ${r.exit_code}) · phase: ${mdCell(r.phase)} · ${r.tool.name} ${mdCell(r.tool.version)} · ${r.generated_at}`, '',
    '## Summary', '',
    mdTable(['BLOCKING', 'HIGH', 'MEDIUM', 'LOW'], [[r.summary.blocking, r.summary.high, r.summary.medium, r.summary.low].map(String)]), '',
    '## Gate status', '',
    ...(phaseRows.length > 0 ? [...GATE_STATUS_HEADER, ...phaseRows] : ['The overlay defines no phases.']), '',
  ];
  const decisions = Object.entries(r.phases).filter(([, g]) => g.status === 'FAIL' || g.status === 'WARN_PASS');
  for (const [id, g] of decisions) {
    lines.push(`- **${phaseLabel(id)}** ${g.status}: ${mdCell(g.reason)}. ${mdCell(g.required_action)}.`);
  }
  if (decisions.length > 0) lines.push('');
  lines.push('## Divergences', '');
  if (r.divergences.length === 0) lines.push('No divergences.', '');
  else {
    lines.push(mdTable(['Severity', 'Kind', 'Object type', 'Object', 'Invariant', 'Expected', 'Actual', 'Phases'],
      r.divergences.map((d) => [d.severity, d.kind, d.object_type, mdCell(d.object), mdCell(d.invariant ?? ''),
        mdCode(d.expected), mdCode(d.actual), d.phases.map(phaseLabel).join(', ')])), '');
  }
  lines.push(...rlsSection(r), ...smokeSection(r), ...loadSection(r), '## Inputs', '', inputsSection(r), '');
  return lines.join('\n');
}
