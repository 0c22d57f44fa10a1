/**
 * `check --decisions FILE`: the file the Drift view downloads turns the same BLOCKING drift into
 * accepted-with-ADR in CI, with the same report, verdict and exit code the page computes (the
 * page's chain, state/app.svelte.ts + state/drift.svelte.ts, replayed with the same core calls).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import known from '../../schema/drift_registry.json';
import { main } from '../../src/cli/main';
import { applyDriftDecisions } from '../../src/core/drift/apply';
import { adoptDriftIds, formatDecisionsFile, parseDecisionsFile } from '../../src/core/drift/decisions-file';
import { driftIdOf, driftIdsOfReports, pinDrifts, provisionalRegistry, reviveRegistry } from '../../src/core/drift/registry';
import { emptyDecision } from '../../src/core/drift/table';
import type { Report } from '../../src/core/report/types';
import { parseSpec } from '../../src/core/spec/parse';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'skeldir-cli-decisions-'));
const DRIFT = 'fixtures/drift/dropped_not_null/dump.sql';
const DIVERGENCE = 'nullability_mismatch:column:public.attribution_events.session_id';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}
/** The report without what differs between two runs of the same check (clock, durations). */
const stable = (r: Report) => JSON.parse(JSON.stringify({ ...r, generated_at: '', timings: {} }, (k, v) => (k === 'ms' ? 0 : v)));

describe('cli: --decisions FILE applies the Drift view\'s decisions as the page does', () => {
  let plain: Report;
  let file: string;
  beforeAll(async () => {
    const out = join(tmp, 'plain.json');
    const r = await run('check', '--dump', DRIFT, '--no-behaviour', '--quiet', '--output', out);
    expect(r.code).toBe(1);
    plain = JSON.parse(readFileSync(out, 'utf8'));
    // The page: the reviewer accepts the drift with an ADR, then "Download decisions".
    const registry = pinDrifts(reviveRegistry(known)!, driftIdsOfReports([plain]).clean);
    file = join(tmp, 'drift-decisions.yaml');
    writeFileSync(file, formatDecisionsFile({ [DIVERGENCE]: { ...emptyDecision(), status: 'accepted', adr: 'ADR-042', resolution: 'sessions are optional for server-side events' } }, registry));
  }, 120_000);

  it('the BLOCKING drift becomes accepted with its ADR: FAIL (exit 1) → PASS (exit 0), the same report the page shows', async () => {
    expect(plain.divergences.find((d) => d.id === DIVERGENCE)).toMatchObject({ severity: 'BLOCKING' });
    expect([plain.verdict, plain.exit_code]).toEqual(['FAIL', 1]);
    const out = join(tmp, 'decided.json');
    const r = await run('check', '--dump', DRIFT, '--no-behaviour', '--decisions', file, '--output', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`drift-decisions.yaml: 1 decision(s); 1 drift(s) no longer blocking`);
    const decided: Report = JSON.parse(readFileSync(out, 'utf8'));
    expect([decided.verdict, decided.exit_code, decided.summary.blocking, decided.summary.waived]).toEqual(['PASS', 0, 0, 1]);
    expect(decided.divergences.find((d) => d.id === DIVERGENCE)!.decision).toEqual({
      status: 'accepted', drift_id: 'SCHEMA-DRIFT-004', adr: 'ADR-042', reason: 'SCHEMA-DRIFT-004 accepted with ADR-042: sessions are optional for server-side events',
    });
    expect(decided.phases['b0.3'].reason).toContain('not blocking by decision: SCHEMA-DRIFT-004 accepted with ADR-042');

    // The page opens the same file over the same undecided report (Drift view "Open decisions").
    const parsed = parseDecisionsFile(readFileSync(file, 'utf8'), 'drift-decisions.yaml');
    const pageRegistry = provisionalRegistry(adoptDriftIds(reviveRegistry(known)!, parsed.driftIds).registry, driftIdsOfReports([plain]).clean);
    const spec = parseSpec(readFileSync(join(ROOT, 'schema/canonical_schema.yaml'), 'utf8'), 'schema/canonical_schema.yaml');
    const page = applyDriftDecisions(plain, spec, parsed.decisions, (id) => driftIdOf(pageRegistry, id));
    expect(stable(decided)).toEqual(stable(page));
  }, 120_000);

  it('a decision without its ADR waives nothing: still exit 1', async () => {
    const noAdr = join(tmp, 'no-adr.yaml');
    writeFileSync(noAdr, `decisions:\n  - divergence: ${DIVERGENCE}\n    status: accepted\n`);
    const r = await run('check', '--dump', DRIFT, '--no-behaviour', '--quiet', '--decisions', noAdr);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verdict).toBe('FAIL');
  }, 120_000);

  it('a malformed decisions file: exit 3, one line at file:line:column, before any database work', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, `kind: skeldir-drift-decisions\ndecisions:\n  - divergence: ${DIVERGENCE}\n    status: acepted\n    adr: ADR-042\n`);
    const t0 = Date.now();
    const r = await run('check', '--dump', DRIFT, '--decisions', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`${bad}:4:5: \`status\` must be one of open, resolved, accepted\n`);
    expect(r.stdout).toBe('');
    expect(Date.now() - t0).toBeLessThan(5_000); // refused before PostgreSQL starts
    const syntax = join(tmp, 'syntax.yaml');
    writeFileSync(syntax, 'decisions:\n  - divergence: "unterminated\n');
    const s = await run('check', '--dump', DRIFT, '--decisions', syntax);
    expect(s.code).toBe(3);
    expect(s.stderr).toMatch(new RegExp(`^${syntax.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: invalid YAML`));
  });

  it('--help documents --decisions', async () => {
    expect((await run('--help')).stdout).toContain('--decisions FILE applies the drift decisions saved from the browser\'s Drift view');
  });
});
