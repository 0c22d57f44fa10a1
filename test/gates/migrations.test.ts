/** Phases with `migration_checks`: lint errors and unfaithful downgrades fail them; absent evidence is said, never passed silently. */
import { describe, expect, it } from 'vitest';
import { decideGates, type MigrationEvidence } from '../../src/core/gates';
import { spec } from './fixtures';

function withChecks() {
  const s = spec();
  s.phases = s.phases.map((p) => (p.id === 'b0.3' ? { ...p, migrationChecks: ['lint', 'reversibility'] } : p));
  return s;
}
const lint = (errors: number): MigrationEvidence['lint'] => ({ files: ['m.sql'], errors, warnings: 0, waived: 0 });
const rev = (verdict: 'faithful' | 'unfaithful' | 'inconclusive'): MigrationEvidence['reversibility'] => ({ verdict, up: 'up.sql', down: 'down.sql', reasons: ['after the downgrade: index x exists'] });

describe('gates: migration checks', () => {
  it('no evidence: the phase names the checks that did not run', () => {
    const g = decideGates(withChecks(), [], null, null, 'b0.3');
    expect(g['b0.3'].status).toBe('PASS');
    expect(g['b0.3'].reason).toContain('not run: DDL lint, upgrade → downgrade → upgrade');
  });

  it('lint errors fail the phase, and its dependants wait', () => {
    const g = decideGates(withChecks(), [], null, null, 'all', { lint: lint(2), reversibility: rev('faithful') });
    expect(g['b0.3']).toMatchObject({ status: 'FAIL', exit_code: 1, blocking_items: ['lint:errors'] });
    expect(g['b0.3'].reason).toContain('DDL lint: 2 error findings in m.sql');
    expect(g['b0.4'].status).toBe('WAITING');
  });

  it('an unfaithful or inconclusive cycle fails the phase; a faithful one is named in the reason', () => {
    expect(decideGates(withChecks(), [], null, null, 'b0.3', { lint: lint(0), reversibility: rev('unfaithful') })['b0.3'].blocking_items).toEqual(['reversibility:unfaithful']);
    expect(decideGates(withChecks(), [], null, null, 'b0.3', { lint: lint(0), reversibility: rev('inconclusive') })['b0.3'].reason).toContain('inconclusive');
    const ok = decideGates(withChecks(), [], null, null, 'b0.3', { lint: lint(0), reversibility: rev('faithful') })['b0.3'];
    expect(ok.status).toBe('PASS');
    expect(ok.reason).toContain('DDL lint clean (1 file)');
    expect(ok.reason).toContain('up.sql / down.sql reversible');
  });

  it('phases without migration_checks ignore the evidence', () => {
    const g = decideGates(withChecks(), [], null, null, 'all', { lint: lint(3), reversibility: null });
    expect(g['b1.2'].status).toBe('WAITING');
    const s = spec();
    expect(decideGates(s, [], null, null, 'b0.3', { lint: lint(3), reversibility: null })['b0.3'].status).toBe('PASS');
  });
});
