/**
 * ONE parameterised test over fixtures/reversibility/<case>/: up → down → up on PGlite, and the
 * verdict, residuals and probes must be exactly expected.json's. `UPDATE_REVERSIBILITY=1` writes
 * expected.json from the current result (review the diff before committing).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { runReversibility } from '../../src/core/reversibility/cycle';

const root = 'fixtures/reversibility';
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const factory = pgliteFactory();

function migration(dir: string, kind: 'up' | 'down') {
  for (const f of [`${kind}.sql`, `${kind}.py`, 'revision.py']) {
    const p = join(dir, f);
    if (existsSync(p)) return { name: p, text: readFileSync(p, 'utf8') };
  }
  throw new Error(`${dir}: no ${kind} migration`);
}

describe('reversibility fixtures', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const r = await runReversibility(
      { base: { name: join(dir, 'base.sql'), sql: readFileSync(join(dir, 'base.sql'), 'utf8') }, up: migration(dir, 'up'), down: migration(dir, 'down') },
      { factory, toolVersion: 'test' },
    );
    const got = {
      verdict: r.verdict,
      steps: r.steps.map((s) => `${s.step} ${s.error ? `failed ${s.error.line}:${s.error.column} ${s.error.code}` : 'ok'}`),
      residuals: r.residuals.map((x) => `${x.after} ${x.kind} ${x.object_type} ${x.object}`),
      probes: r.probes.map((p) => `${p.verdict} ${p.kind} ${p.subject} [${p.values}]`),
    };
    const path = join(dir, 'expected.json');
    if (process.env.UPDATE_REVERSIBILITY === '1') writeFileSync(path, JSON.stringify(got, null, 2) + '\n');
    expect(got).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    expect(r.exit_code).toBe(r.verdict === 'faithful' ? 0 : 1);
  }, 240_000);
});
