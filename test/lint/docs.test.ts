/**
 * docs/rules/lint/ is generated from the rules' metadata and fixtures: this test fails when a
 * page is stale. Regenerate with `UPDATE_LINT_DOCS=1 npx vitest run test/lint/docs.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/lint';
import { rulePage, rulesIndex, type RuleExamples } from '../../src/core/lint/docs';
import { readFixture } from './fixture-file';

const dir = 'docs/rules/lint';
const update = process.env.UPDATE_LINT_DOCS === '1';

function examples(id: string): RuleExamples {
  const pick = (kind: 'valid' | 'invalid') => (['sql', 'py'] as const)
    .map((ext) => join('fixtures/lint', id, `${kind}.${ext}`))
    .filter((p) => existsSync(p))
    .map((p) => ({ language: p.endsWith('.py') ? 'python' as const : 'sql' as const, text: readFixture(p).text.replace(/[ \t]+$/gm, '') }));
  return { incorrect: pick('invalid'), correct: pick('valid') };
}

function check(path: string, text: string) {
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  }
  expect(existsSync(path) ? readFileSync(path, 'utf8') : '', `${path} is stale: UPDATE_LINT_DOCS=1 npx vitest run test/lint/docs.test.ts`).toBe(text);
}

describe('lint rule docs', () => {
  it('index lists every rule', () => check(join(dir, 'README.md'), rulesIndex(RULES)));
  it.each(RULES.map((r) => [r.id, r] as const))('%s page', (id, rule) => {
    const page = rulePage(rule, examples(id));
    for (const h of ['## Problem', '## Solution', '## Incorrect', '## Correct']) expect(page).toContain(h);
    check(join(dir, `${id}.md`), page);
  });
});
