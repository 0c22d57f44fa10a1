/**
 * Every folder in fixtures/hostile/ is one case: a real pg_dump with one hostile statement in
 * the middle (see its README). The check runs the way the CLI runs it — the engine in a child
 * process under the watchdog — with a 2 s statement budget: it must end, name the hostile
 * statement at its line (or turn it into the expected note), and load the rest of the dump.
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
  line: number | null;
  sqlstate: string[];
  notes: { line: number; code: string }[];
  extra: string[];
}

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'fixtures', 'hostile');
const BUDGET_MS = 2000;
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DIR, d.name, 'hostile.sql')))
  .map((d) => d.name)
  .sort();
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');

describe('fixtures/hostile: one hostile statement never stops the check', () => {
  const reports = new Map<string, Report>();
  const stops: Stop[] = [];
  // One supervised run for every case: the canonical side is prepared once (and restored from
  // its snapshot after each restart), as the CLI does for several --dump.
  beforeAll(async () => {
    // dump.sql = the real sample with hostile.sql inserted (one script, also for trying a case by hand).
    execFileSync('bash', [join(DIR, 'make.sh')], { stdio: 'ignore' });
    const dumps = cases.map((c) => ({ name: `fixtures/hostile/${c}/dump.sql`, sql: read('fixtures', 'hostile', c, 'dump.sql') }));
    const out = await checkSupervised(
      {
        canonical: { name: 'schema/canonical_schema.sql', sql: read('schema', 'canonical_schema.sql') },
        spec: { name: 'schema/canonical_schema.yaml', yaml: read('schema', 'canonical_schema.yaml') },
        dumps, phase: 'all', smoke: [], seeds: null, behaviour: false, withData: false, toolVersion: 'test',
      },
      { budgetMs: BUDGET_MS, template: null, onStop: (s) => stops.push(s) },
    );
    out.forEach((r, i) => reports.set(cases[i], r));
  }, 900_000);

  it('found the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
    expect(reports.size).toBe(cases.length);
  });

  it.each(cases)('%s', (c) => {
    const expected = JSON.parse(read('fixtures', 'hostile', c, 'expected.json')) as Expected;
    const r = reports.get(c)!;
    const errors = r.load.dump.errors;
    if (expected.line === null) {
      expect(errors).toEqual([]);
    } else {
      // Named at its line, as the only load error: everything else in the dump loaded.
      expect(errors).toHaveLength(1);
      expect(errors[0].line).toBe(expected.line);
      expect(expected.sqlstate).toContain(errors[0].sqlstate);
      expect(errors[0].statement).toBe(read('fixtures', 'hostile', c, 'dump.sql').split('\n')[expected.line - 1]);
      if (errors[0].stopped) expect(errors[0].message).toMatch(/^stopped after 2 s|engine crashed/);
      // The watchdog stopped exactly that statement (after splitting a batch, if it was in one).
      expect(stops.some((s) => !s.batch && s.source.endsWith(`/${c}/dump.sql`) && s.line === expected.line)).toBe(true);
    }
    for (const n of expected.notes) expect(r.load.dump.notes).toContainEqual(expect.objectContaining(n));
    // The rest loaded: no missing object, nothing beyond what the hostile part itself creates.
    expect(r.divergences.map((d) => d.id).sort()).toEqual([...expected.extra].sort());
    // INCOMPLETE (exit 3) exactly when the dump did not fully load (a stopped or failed statement).
    expect(r.exit_code).toBe(errors.length ? 3 : 0);
    expect(r.verdict).toBe(errors.length ? 'INCOMPLETE' : 'PASS');
    if (errors.length) expect(r.incomplete).toMatchObject({ input: 'dump', line: expected.line });
  });
});
