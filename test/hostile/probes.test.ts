/**
 * fixtures/hostile_probes/: a policy or trigger that never returns loads fine and hangs only when
 * the behaviour probes run it. Run the way the CLI runs it (the engine in a child process under
 * the watchdog, 2 s budget): the check ends, the probe that hung is inconclusive "stopped after
 * 2 s" with its table and scenario, the engine is restarted once for it, and every other table
 * is probed as in a run without the hostile part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSupervised } from '../../src/adapters/node/supervised-check';
import type { Stop } from '../../src/core/guard/types';
import type { Report } from '../../src/core/report/types';

interface Expected {
  description: string;
  /** The table whose policy or trigger hangs. */
  table: string;
  /** `policy`: a scenario is stopped; `seed`: writing the table's seed row is. */
  stopped: 'policy' | 'seed';
}

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'fixtures', 'hostile_probes');
const BUDGET_MS = 2000;
const CLEAN = 'schema/samples/reconciled_baseline.sql';
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DIR, d.name, 'dump.sql')))
  .map((d) => d.name)
  .sort();
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');

describe('fixtures/hostile_probes: a probe that never returns is stopped, the rest is probed', () => {
  const reports = new Map<string, Report>();
  const stops: Stop[] = [];
  beforeAll(async () => {
    const dumps = [CLEAN, ...cases.map((c) => `fixtures/hostile_probes/${c}/dump.sql`)].map((name) => ({ name, sql: read(name) }));
    const out = await checkSupervised(
      {
        canonical: { name: 'schema/canonical_schema.sql', sql: read('schema', 'canonical_schema.sql') },
        spec: { name: 'schema/canonical_schema.yaml', yaml: read('schema', 'canonical_schema.yaml') },
        seeds: { name: 'schema/seeds/skeldir.yaml', yaml: read('schema', 'seeds', 'skeldir.yaml') },
        dumps, phase: 'all', smoke: [], behaviour: true, withData: false, toolVersion: 'test',
      },
      { budgetMs: BUDGET_MS, template: null, onStop: (s) => stops.push(s) },
    );
    out.forEach((r, i) => reports.set(dumps[i].name, r));
  }, 900_000);

  it('found the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
    expect(reports.size).toBe(cases.length + 1);
  });

  it.each(cases)('%s', (c) => {
    const expected = JSON.parse(read('fixtures', 'hostile_probes', c, 'expected.json')) as Expected;
    const source = `fixtures/hostile_probes/${c}/dump.sql`;
    const r = reports.get(source)!;
    const clean = reports.get(CLEAN)!;
    // The dump itself loaded completely: the hostile part is only a policy or trigger.
    expect(r.load.dump.errors).toEqual([]);
    // One stop, on the hostile table, as a probe (never a statement of the dump).
    const mine = stops.filter((s) => s.source === source);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ reason: 'timeout', line: 0, probe: { suite: 'rls', table: expected.table } });
    if (expected.stopped === 'seed') expect(mine[0].probe!.scenario).toBe('seed');
    else expect(mine[0].probe!.scenario).not.toBe('seed');

    const hostile = r.rls!.tests.filter((t) => t.table === expected.table);
    const others = r.rls!.tests.filter((t) => t.table !== expected.table);
    // Every test of the hostile table that needs its rows or policies is inconclusive, with the stop named.
    const stopped = hostile.filter((t) => /stopped after 2 s/.test(t.detail));
    expect(stopped.length).toBeGreaterThan(0);
    for (const t of hostile) {
      if (t.outcome !== 'inconclusive') expect(['rls_enabled', 'rls_forced', 'owner_cannot_bypass']).toContain(t.scenario);
      else expect(t.detail).toMatch(/stopped after 2 s/);
    }
    if (expected.stopped === 'policy') expect(stopped.filter((t) => t.detail.startsWith('stopped after 2 s'))).toHaveLength(1);
    // Every other table is probed exactly as in the clean sample's run.
    const cleanOthers = clean.rls!.tests.filter((t) => t.table !== expected.table);
    expect(others.map((t) => [t.table, t.scenario, t.outcome])).toEqual(cleanOthers.map((t) => [t.table, t.scenario, t.outcome]));
    expect(others.length).toBeGreaterThan(0);
    // An inconclusive test is not a pass: the report says so.
    expect(r.rls!.summary.inconclusive).toBeGreaterThanOrEqual(hostile.filter((t) => t.outcome === 'inconclusive').length);
  });

  it('the clean sample needed no stop', () => {
    expect(stops.filter((s) => s.source === CLEAN)).toEqual([]);
    expect(reports.get(CLEAN)!.rls!.tests.every((t) => !/stopped/.test(t.detail))).toBe(true);
  });
});
