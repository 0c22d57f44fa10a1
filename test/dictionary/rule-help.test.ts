import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVERGENCE_HELP, RLS_SCENARIO_HELP, RLS_SCENARIO_IDS, RULE_HELP, ruleHelp } from '../../src/core/dictionary/rule-help';
import { DIVERGENCE_KINDS } from '../../src/core/report/types';

// DIVERGENCE_HELP is a Record<DivergenceKind, …>, so tsc fails if a kind is added without help;
// comparing with the exported list catches help left behind for a kind removed or renamed.
const KINDS: readonly string[] = DIVERGENCE_KINDS;

const SECTIONS = ['## Problem', '## Solution', '## Incorrect', '## Correct'];

describe('rule help and docs', () => {
  it('covers exactly the DivergenceKinds of report/types.ts', () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(DIVERGENCE_HELP).sort()).toEqual([...KINDS].sort());
  });

  const all = Object.entries(RULE_HELP);
  it('has an entry per kind and per RLS scenario', () => {
    expect(all.length).toBe(KINDS.length + RLS_SCENARIO_IDS.length);
    expect(Object.keys(RLS_SCENARIO_HELP)).toEqual([...RLS_SCENARIO_IDS]);
    expect(ruleHelp('own_rows_visible')).toBe(RULE_HELP['rls/own_rows_visible']);
    expect(ruleHelp('nope')).toBeNull();
  });

  it.each(all)('%s: doc page exists with Problem / Solution / Incorrect / Correct and SQL examples', (id, help) => {
    expect(help.docPath).toBe(`docs/rules/${id}.md`);
    expect(existsSync(help.docPath)).toBe(true);
    const md = readFileSync(help.docPath, 'utf8');
    let at = -1;
    for (const s of SECTIONS) {
      const i = md.indexOf(`\n${s}\n`);
      expect(i, `${help.docPath} lacks ${s} (in order)`).toBeGreaterThan(at);
      at = i;
    }
    expect((md.match(/```sql\n/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(md).toContain(`\`${id.replace(/^rls\//, '')}\``);
    expect(help.summary.length).toBeGreaterThan(30);
  });

  it('README links every page and no page is orphaned', () => {
    const readme = readFileSync('docs/rules/README.md', 'utf8');
    const pages = [...readdirSync('docs/rules').filter((f) => f.endsWith('.md') && f !== 'README.md'), ...readdirSync('docs/rules/rls').map((f) => `rls/${f}`)];
    expect(pages.sort()).toEqual(all.map(([id]) => `${id}.md`).sort());
    for (const p of pages) expect(readme).toContain(`](${p})`);
  });
});
