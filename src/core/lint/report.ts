/**
 * Lint results → JSON (the CI contract), SARIF 2.1.0 (pull-request annotations) and Markdown.
 * Deterministic: findings sorted by file, line, column, rule; no timestamps.
 */
import type { LintResult } from './engine';
import { lintSummary } from './summary';
import { RULES_BY_ID } from './registry';
import type { Finding } from './types';

export interface LintReport {
  tool: { name: 'skeldir-schema lint'; version: string };
  files: { file: string; language: 'sql' | 'python'; statements: number }[];
  summary: { errors: number; warnings: number; waived: number };
  /** 0: no unwaived error finding; 1: at least one. */
  exit_code: 0 | 1;
  findings: Finding[];
}

export function lintReport(results: LintResult[], version: string): LintReport {
  const findings = results.flatMap((r) => r.findings);
  const summary = lintSummary(findings);
  return {
    tool: { name: 'skeldir-schema lint', version },
    files: results.map((r) => ({ file: r.file, language: r.language, statements: r.statements })),
    summary,
    exit_code: summary.errors > 0 ? 1 : 0,
    findings,
  };
}

export const lintToJson = (r: LintReport) => JSON.stringify(r, null, 2) + '\n';

export function lintToSarif(r: LintReport): string {
  const used = [...new Set(r.findings.map((f) => f.rule))].sort();
  const rules = used.map((id) => {
    const rule = RULES_BY_ID.get(id);
    return {
      id, name: id, shortDescription: { text: rule?.description ?? id }, helpUri: rule ? `docs/rules/lint/${id}.md` : undefined,
      help: { text: rule?.help ?? '' }, defaultConfiguration: { level: rule?.severity === 'error' ? 'error' : 'warning' },
    };
  });
  const results = r.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: used.indexOf(f.rule),
    level: f.waived !== undefined ? 'note' : f.severity,
    message: { text: `${f.message}${f.waived !== undefined ? ` (waived: ${f.waived})` : ''}\n${f.help}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.column } } }],
    ...(f.waived !== undefined ? { suppressions: [{ kind: 'inSource', justification: f.waived }] } : {}),
  }));
  const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'skeldir-schema lint', version: r.tool.version, rules } }, results }] };
  return JSON.stringify(log, null, 2) + '\n';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function lintToMarkdown(r: LintReport): string {
  const out = [`# DDL lint: ${r.exit_code === 0 ? 'PASS' : 'FAIL'}`, '',
    `${r.summary.errors} error(s), ${r.summary.warnings} warning(s), ${r.summary.waived} waived, in ${r.files.length} file(s): ${r.files.map((f) => `\`${f.file}\` (${f.statements} statements)`).join(', ')}.`, ''];
  if (r.findings.length === 0) return out.concat('No findings.', '').join('\n');
  out.push('| where | severity | rule | message | help |', '|---|---|---|---|---|');
  for (const f of r.findings) {
    out.push(`| ${cell(`${f.file}:${f.line}:${f.column}`)} | ${f.waived !== undefined ? `waived (${cell(f.waived)})` : f.severity} | [${f.rule}](${f.docs}) | ${cell(f.message)} | ${cell(f.help)} |`);
  }
  return out.concat('').join('\n');
}
