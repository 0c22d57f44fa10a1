import { describe, expect, it } from 'vitest';
import { changedInputs, checkInputs, freshness, staleText } from '../../src/app/state/freshness';

const sources = (over: Partial<{ canonical: string; spec: string | null; seeds: string | null; phase: string }> = {}) => ({
  canonical: { name: 'canonical.sql', text: over.canonical ?? 'CREATE TABLE t (id int);' },
  spec: over.spec === null ? null : { name: 'o.yaml', text: over.spec ?? 'version: 1' },
  seeds: over.seeds ? { name: 's.yaml', text: over.seeds } : null,
  phase: over.phase ?? 'all',
});
const was = checkInputs(sources(), 'CREATE TABLE t (id int);', { withData: false });
const report = { verdict: 'PASS' };

describe('freshness of the result a view shows', () => {
  it('names each input that changed since the report, in a fixed order', () => {
    expect(changedInputs(was, was)).toEqual([]);
    expect(changedInputs(was, checkInputs(sources({ canonical: 'CREATE TABLE u (id int);' }), was.dump, { withData: false }))).toEqual(['canonical']);
    expect(changedInputs(was, checkInputs(sources({ spec: null, phase: 'B0.3' }), 'x', { withData: true }))).toEqual(['overlay', 'phase', 'withData', 'dump']);
    expect(changedInputs(was, checkInputs({ ...sources(), canonical: { name: 'other.sql', text: was.canonical.text } }, was.dump, { withData: false }))).toEqual(['canonical']);
  });

  it('a changed statement budget makes the result stale (a statement it stops changes what loaded)', () => {
    const at10 = checkInputs(sources(), 'x', { withData: false, budgetSeconds: 10 });
    const at30 = checkInputs(sources(), 'x', { withData: false, budgetSeconds: 30 });
    expect(changedInputs(at10, at30)).toEqual(['budget']);
    expect(staleText(freshness({ status: 'done', report }, at10, at30))).toContain('The statement budget changed since this result');
  });

  it('a finished report whose inputs changed is re-checking at once (before the debounced run), with what changed', () => {
    const now = checkInputs(sources({ canonical: 'CREATE TABLE u (id int);' }), was.dump, { withData: false });
    expect(freshness({ status: 'done', report }, was, was)).toEqual({ state: 'current' });
    const f = freshness({ status: 'done', report }, was, now);
    expect(f).toEqual({ state: 'rechecking', changed: ['canonical'] });
    expect(staleText(f)).toMatch(/^Stale — re-checking… The canonical schema changed since this result; the results below are from the previous check/);
  });

  it('a queued or running check never shows the previous report as current, even with unchanged inputs', () => {
    for (const status of ['queued', 'running']) {
      const f = freshness({ status, report }, was, was);
      expect(f.state).toBe('rechecking');
      expect(staleText(f)).toMatch(/^Stale — re-checking… The last check did not finish/);
    }
  });

  it('a run that ended without a new result, or was stopped, leaves the report stale (not current), saying why', () => {
    const now = checkInputs(sources({ spec: 'version: 2' }), was.dump, { withData: false });
    expect(staleText(freshness({ status: 'stale', report }, was, now))).toBe(
      'Stale — the current inputs could not be checked (see the error above); the results below are from the last check that ran (the YAML overlay changed since).');
    expect(staleText(freshness({ status: 'interrupted', report }, was, now))).toMatch(/^Stale — the check was stopped before it finished/);
  });

  it('a kept result of an earlier visit (identical inputs) is re-checking and says whose result it is; with changed inputs the change is said', () => {
    const at = '2026-12-02T01:54:56.000Z';
    const f = freshness({ status: 'queued', report, cachedAt: at }, was, was);
    expect(f).toEqual({ state: 'rechecking', changed: [], kept: at });
    expect(staleText(f)).toMatch(/^Kept result — re-checking… These are the results of .+ for identical inputs, shown until this page's own check replaces them\.$/);
    const now = checkInputs(sources({ canonical: 'CREATE TABLE u (id int);' }), was.dump, { withData: false });
    expect(staleText(freshness({ status: 'running', report, cachedAt: at }, was, now))).toMatch(/^Stale — re-checking… The canonical schema changed/);
    expect(freshness({ status: 'done', report, cachedAt: null }, was, was)).toEqual({ state: 'current' });
  });

  it('a check stopped before any report is "not checked", never an empty pass', () => {
    const f = freshness({ status: 'interrupted', report: null }, null, was);
    expect(f).toEqual({ state: 'unchecked' });
    expect(staleText(f)).toMatch(/^Not checked — the check was stopped before its verdict, so nothing here has passed \(inconclusive\)/);
  });

  it('nothing to mark without a report', () => {
    expect(freshness({ status: 'queued', report: null }, null, was)).toEqual({ state: 'none' });
    expect(freshness(null, null, null)).toEqual({ state: 'none' });
    expect(staleText({ state: 'current' })).toBeNull();
  });
});
