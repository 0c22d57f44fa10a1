/**
 * The scenario registry is the one list: one file per scenario (file name = id), a docs page per
 * id and no page without a scenario, the docs index listing exactly the registry in its order,
 * and the in-app help derived from it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RLS_SCENARIO_HELP } from '../../src/core/dictionary/rule-help';
import { SCENARIOS, SCENARIO_IDS } from '../../src/core/rls/scenarios';

describe('RLS scenario registry', () => {
  it('has one file per scenario, named by its id, and every file is registered', () => {
    const files = readdirSync('src/core/rls/scenarios').filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts'].includes(f)).map((f) => f.replace(/\.ts$/, ''));
    expect([...files].sort()).toEqual([...SCENARIO_IDS].sort());
    expect(new Set(SCENARIO_IDS).size).toBe(SCENARIO_IDS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s has its docs page', (id, s) => {
    expect(s.docPath).toBe(`docs/rules/rls/${id}.md`);
    expect(existsSync(s.docPath), `${s.docPath} is missing`).toBe(true);
    expect(readFileSync(s.docPath, 'utf8')).toContain(`\`${id}\``);
  });

  it('no docs page without a scenario', () => {
    const pages = readdirSync('docs/rules/rls').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.filter((p) => !SCENARIO_IDS.includes(p as never))).toEqual([]);
  });

  it('the docs index lists exactly the registry, in order', () => {
    const readme = readFileSync('docs/rules/README.md', 'utf8');
    const listed = [...readme.matchAll(/\]\(rls\/([a-z_]+)\.md\)/g)].map((m) => m[1]);
    expect(listed).toEqual([...SCENARIO_IDS]);
  });

  it('in-app help comes from the registry', () => {
    for (const s of SCENARIOS) expect(RLS_SCENARIO_HELP[s.id]).toEqual({ title: s.title, summary: s.summary, docPath: s.docPath });
  });
});
