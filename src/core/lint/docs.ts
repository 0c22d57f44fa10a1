/**
 * A rule's documentation page (docs/rules/lint/<id>.md): Problem / Solution / Incorrect /
 * Correct, as squawk and eslint write them. The text comes from the rule's metadata, the
 * examples from its fixtures (fixtures/lint/<id>/invalid.* and valid.*), so the page shows
 * exactly what the tests prove. test/lint/docs.test.ts keeps the pages in step.
 */
import type { LintRule } from './types';

export interface RuleExamples {
  incorrect: { language: 'sql' | 'python'; text: string }[];
  correct: { language: 'sql' | 'python'; text: string }[];
}

const fence = (e: { language: string; text: string }) => `\`\`\`${e.language}\n${e.text.trimEnd()}\n\`\`\``;

export function rulePage(rule: LintRule, ex: RuleExamples): string {
  return [
    `# ${rule.id}`,
    '',
    `${rule.description}`,
    '',
    `Default severity: \`${rule.severity}\`${rule.destructive ? ' · destructive: a `CI:DESTRUCTIVE_OK: <reason>` waiver lets it through' : ''} · source: ${rule.source}.`,
    'Change the severity in the overlay: `lint: { rules: { ' + rule.id + ': warning } }` (`error`, `warning` or `off`).',
    '',
    '## Problem',
    '',
    rule.problem,
    '',
    '## Solution',
    '',
    rule.solution,
    '',
    `Help shown with each finding: ${rule.help}`,
    '',
    '## Incorrect',
    '',
    ex.incorrect.map(fence).join('\n\n'),
    '',
    '## Correct',
    '',
    ex.correct.map(fence).join('\n\n'),
    '',
  ].join('\n');
}

export function rulesIndex(rules: readonly LintRule[]): string {
  return [
    '# DDL lint rules',
    '',
    '`skeldir-schema lint FILE…` and the app\'s Migrations view run these rules on migrations (plain SQL,',
    'Alembic offline SQL, Alembic Python revisions), reading PostgreSQL\'s own parse tree (libpg-query).',
    'Each page: Problem / Solution / Incorrect / Correct; the examples are the rule\'s test fixtures',
    '(`fixtures/lint/<rule>/`). Severities are set per rule in the overlay (`lint: { rules: { <id>: error|warning|off } }`).',
    'Destructive rules accept a waiver on the statement or the line above: `-- CI:DESTRUCTIVE_OK: <reason>`',
    '(`# CI:DESTRUCTIVE_OK - <reason>` in Python); a waiver without a reason is itself an error.',
    '',
    '| Rule | Default | What it checks |',
    '| --- | --- | --- |',
    ...rules.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.severity}${r.destructive ? ', waivable' : ''} | ${r.description.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}
