/** probeGuard(): which probes a restarted engine skips, and what it announces to the watchdog. */
import { describe, expect, it } from 'vitest';
import { probeGuard } from '../../src/core/guard/probe';
import { stopWhere, type Activity, type Stop } from '../../src/core/guard/types';

const stop = (source: string, table: string | null, scenario: string, suite: 'rls' | 'smoke' = 'rls'): Stop => ({
  source, line: 0, endLine: 0, batch: false, probe: { suite, table, scenario }, reason: 'timeout', message: 'stopped after 2 s: the probe did not finish',
});

describe('probeGuard', () => {
  it('skips the stopped probe and the later probes on its table, nothing else', () => {
    const g = probeGuard('d.sql', { stops: [stop('d.sql', 'public.t', 'cross_tenant_invisible'), stop('other.sql', 'public.u', 'own_rows_visible')] });
    expect(g.skip({ suite: 'rls', table: 'public.t', scenario: 'cross_tenant_invisible' })).toMatch(/^stopped after 2 s/);
    expect(g.skip({ suite: 'rls', table: 'public.t', scenario: 'own_update_allowed' })).toMatch(/^not run: the cross_tenant_invisible probe on this table was stopped \(stopped after 2 s/);
    expect(g.skip({ suite: 'rls', table: 'public.u', scenario: 'own_rows_visible' })).toBeNull(); // another input's stop
    expect(g.skip({ suite: 'smoke', table: 'public.t', scenario: 'x' })).toBeNull(); // another suite
    expect(g.skip({ suite: 'rls', table: 'public.t', scenario: 'seed' })).toBeNull(); // seeding is not settled by a scenario
  });

  it('a seeding stop settles only seeding of that table', () => {
    const g = probeGuard('d.sql', { stops: [stop('d.sql', 'public.t', 'seed')] });
    expect(g.skip({ suite: 'rls', table: 'public.t', scenario: 'seed' })).toMatch(/^stopped/);
    expect(g.skip({ suite: 'rls', table: 'public.t', scenario: 'rls_enabled' })).toBeNull();
  });

  it('a smoke test stop settles that test only', () => {
    const g = probeGuard('d.sql', { stops: [stop('d.sql', null, 'B0.3-S1', 'smoke')] });
    expect(g.skip({ suite: 'smoke', table: null, scenario: 'B0.3-S1' })).toMatch(/^stopped/);
    expect(g.skip({ suite: 'smoke', table: null, scenario: 'B0.3-S2' })).toBeNull();
  });

  it('announces each probe as an activity and clears it when the probe settles, also on error', async () => {
    const seen: (Activity | null)[] = [];
    const g = probeGuard('d.sql', { onActivity: (a) => seen.push(a) });
    const label = { suite: 'rls' as const, table: 'public."a b"', scenario: 'own_rows_visible' };
    expect(await g.run(label, async () => 7)).toBe(7);
    await expect(g.run(label, async () => { throw new Error('x'); })).rejects.toThrow('x');
    expect(seen).toEqual([{ source: 'd.sql', line: 0, endLine: 0, batch: false, probe: label }, null, expect.objectContaining({ probe: label }), null]);
    expect(stopWhere(seen[0]!)).toBe('d.sql: RLS probe public."a b" / own_rows_visible');
  });
});

describe('probeGuard: inputs are told apart by Activity.input, not by name', () => {
  it('a stop on the canonical does not settle a dump of the same name, nor one dump another', () => {
    const onCanonical: Stop = { ...stop('x.sql', 'public.t', 'cross_tenant_invisible'), input: 'canonical' };
    const onDumpA: Stop = { ...stop('dump.sql', 'public.t', 'cross_tenant_invisible'), input: 'dump:aaa' };
    const label = { suite: 'rls' as const, table: 'public.t', scenario: 'cross_tenant_invisible' };
    expect(probeGuard('x.sql', { stops: [onCanonical] }, 'canonical').skip(label)).toMatch(/^stopped/);
    expect(probeGuard('x.sql', { stops: [onCanonical] }, 'dump:bbb').skip(label)).toBeNull();
    expect(probeGuard('dump.sql', { stops: [onDumpA] }, 'dump:aaa').skip(label)).toMatch(/^stopped/);
    expect(probeGuard('dump.sql', { stops: [onDumpA] }, 'dump:ccc').skip(label)).toBeNull();
    const seen: (Activity | null)[] = [];
    void probeGuard('dump.sql', { onActivity: (a) => seen.push(a) }, 'dump:ccc').run(label, async () => 1);
    expect(seen[0]).toMatchObject({ source: 'dump.sql', input: 'dump:ccc' });
  });
});
