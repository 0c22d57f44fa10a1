/**
 * JUnit XML for CI test tabs: one <testsuite> per phase (its gate + its divergences), one for
 * divergences no phase requires, one for RLS and one for smoke tests.
 * - a gate that FAILs is a <failure>, a WAITING gate is <skipped>, an INCOMPLETE one an <error>;
 * - a BLOCKING divergence is a <failure>; lower severities pass with the finding in <system-out>
 *   (JUnit has no "warning"; the gate and exit code carry HIGH as WARN_PASS / 2);
 * - a failed behaviour test is a <failure>, an inconclusive one an <error> (it could not run);
 * - an input that did not fully load (verdict INCOMPLETE) is an <error> in suite `input`.
 */
import { phaseLabel } from '../gates/scope';
import { xml } from './text';
import type { Divergence, Report } from './types';

interface Case { name: string; classname: string; failure?: { message: string; type: string; body: string }; error?: { message: string; body: string }; skipped?: string; out?: string }

function renderCase(c: Case): string {
  const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"`;
  const inner: string[] = [];
  if (c.failure) inner.push(`      <failure message="${xml(c.failure.message)}" type="${xml(c.failure.type)}">${xml(c.failure.body)}</failure>`);
  if (c.error) inner.push(`      <error message="${xml(c.error.message)}" type="inconclusive">${xml(c.error.body)}</error>`);
  if (c.skipped !== undefined) inner.push(`      <skipped message="${xml(c.skipped)}"/>`);
  if (c.out) inner.push(`      <system-out>${xml(c.out)}</system-out>`);
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

function renderSuite(name: string, cases: Case[], timestamp: string): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${xml(timestamp)}">`,
    ...cases.map(renderCase),
    '  </testsuite>',
  ].join('\n');
}

function divergenceCase(d: Divergence, classname: string): Case {
  const body = `${d.message}\nexpected: ${d.expected ?? '(none)'}\nactual: ${d.actual ?? '(none)'}`;
  if (d.decision) return { name: d.id, classname, skipped: `not blocking by decision: ${d.decision.reason}` };
  return d.severity === 'BLOCKING'
    ? { name: d.id, classname, failure: { message: d.message, type: d.severity, body } }
    : { name: d.id, classname, out: `[${d.severity}] ${body}` };
}

export function toJunit(report: Report): string {
  const ts = report.generated_at.replace(/\.\d+Z$/, 'Z');
  const suites: string[] = [];
  // An input that did not fully load: every result below is partial, so CI sees an <error>.
  const inc = report.incomplete;
  if (inc) {
    suites.push(renderSuite('input', [{
      name: `${inc.input} fully loaded`, classname: `input.${inc.input}`,
      error: { message: `${inc.source}:${inc.line}:${inc.column}: ${inc.sqlstate} ${inc.message}`, body: `${inc.errors} statement(s) failed to load; the results are partial` },
    }], ts));
  }
  for (const [id, g] of Object.entries(report.phases)) {
    const label = phaseLabel(id);
    const gate: Case = { name: `gate ${label}`, classname: `gates.${id}` };
    if (g.status === 'FAIL') gate.failure = { message: g.reason, type: 'FAIL', body: [g.required_action, ...g.blocking_items].join('\n') };
    else if (g.status === 'WAITING') gate.skipped = g.reason;
    else if (g.status === 'INCOMPLETE') gate.error = { message: g.reason, body: [g.required_action, ...g.blocking_items].join('\n') };
    else gate.out = `${g.status}: ${g.reason}`;
    const divs = report.divergences.filter((d) => d.phases.includes(id)).map((d) => divergenceCase(d, `phase.${id}`));
    suites.push(renderSuite(`phase ${label}`, [gate, ...divs], ts));
  }
  const unphased = report.divergences.filter((d) => d.phases.length === 0);
  if (unphased.length > 0 || Object.keys(report.phases).length === 0) {
    suites.push(renderSuite('schema', unphased.map((d) => divergenceCase(d, 'schema')), ts));
  }
  if (report.rls) {
    suites.push(renderSuite('rls', report.rls.tests.map((t): Case => {
      const c: Case = { name: `${t.table} ${t.scenario}`, classname: `rls.${t.table}` };
      if (t.outcome === 'failed') c.failure = { message: t.detail, type: 'failed', body: `role ${t.role}, tenant ${t.tenant ?? '(unset)'}\n${t.sql}` };
      if (t.outcome === 'inconclusive') c.error = { message: t.detail, body: t.sql };
      return c;
    }), ts));
  }
  if (report.smoke) {
    suites.push(renderSuite('smoke', report.smoke.tests.map((t): Case => {
      const c: Case = { name: `${t.id}: ${t.title}`, classname: `smoke.${t.phase}` };
      if (t.outcome === 'failed') c.failure = { message: t.detail, type: 'failed', body: t.sql };
      if (t.outcome === 'inconclusive') c.error = { message: t.detail, body: t.sql };
      return c;
    }), ts));
  }
  const counts = suites.join('\n');
  const n = (re: RegExp) => (counts.match(re) ?? []).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(report.tool.name)}" tests="${n(/<testcase /g)}" failures="${n(/<failure /g)}" errors="${n(/<error /g)}">`,
    counts,
    '</testsuites>',
    '',
  ].join('\n');
}
