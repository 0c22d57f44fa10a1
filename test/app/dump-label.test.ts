import { describe, expect, it } from 'vitest';
import { dumpLabels, dumpProvenance } from '../../src/app/shell/dump-label';

describe('dump labels', () => {
  it('tells same-named dumps apart in load order, leaves unique names alone', () => {
    const labels = dumpLabels([
      { key: 'file:1', name: 'dump.sql', origin: 'file' },
      { key: 'sample:a.sql', name: 'a.sql', origin: 'sample' },
      { key: 'file:2', name: 'dump.sql', origin: 'file' },
      { key: 'file:3', name: 'dump.sql', origin: 'paste' },
    ]);
    expect(labels).toEqual({ 'file:1': 'dump.sql', 'sample:a.sql': 'a.sql', 'file:2': 'dump.sql #2', 'file:3': 'dump.sql #3' });
  });

  it('says where a dump came from and when', () => {
    expect(dumpProvenance({ key: 'k', name: 'x', origin: 'paste', loadedAt: '2026-12-01T10:00:00Z' }, 'en-GB')).toMatch(/^pasted text · loaded .*2026/);
    expect(dumpProvenance({ key: 'k', name: 'x', origin: 'sample' })).toBe('bundled sample');
    expect(dumpProvenance({ key: 'k', name: 'x', origin: 'file', loadedAt: 'garbage' })).toBe('opened file');
  });
});
