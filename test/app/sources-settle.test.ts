import { describe, expect, it } from 'vitest';
import { Sources, type SourcesSnapshot } from '../../src/app/state/sources.svelte';
import { checkInputs } from '../../src/app/state/freshness';

// The page takes input before its saved session / bundled defaults have loaded (boot.ts):
// whatever the user opened meanwhile must survive the restore, in the order it was done.
const bundled: SourcesSnapshot = {
  canonical: { name: 'schema/canonical_schema.sql', text: 'CREATE TABLE skeldir (id int);' },
  spec: { name: 'schema/canonical_schema.yaml', text: 'version: 1' },
  seeds: { name: 'schema/seeds/skeldir.yaml', text: 'seeds: {}' },
  dumps: [{ key: 'sample:legacy_head.sql', name: 'legacy_head.sql', sql: 'CREATE TABLE skeldir (id int);', origin: 'sample' }],
  activeKey: 'sample:legacy_head.sql',
  phase: 'all',
  nextFile: 1,
};
const names = { spec: 'schema/canonical_schema.yaml', seeds: 'schema/seeds/skeldir.yaml' };

describe('Sources.settle: changes made while the session loads win over it', () => {
  it('a canonical opened and a dump added before the restore are what the check runs with', () => {
    const s = new Sources();
    s.openCanonical('canonical.sql', 'CREATE TABLE mine (id int);', names);
    s.addDump('dump.sql', 'CREATE TABLE mine (id int);', 'file');
    s.settle(bundled);
    expect(s.canonical).toEqual({ name: 'canonical.sql', text: 'CREATE TABLE mine (id int);' });
    // The bundled overlay and seeds describe the bundled canonical: opening another drops them.
    expect(s.spec).toBeNull();
    expect(s.seeds).toBeNull();
    expect(s.dumps.map((d) => d.name)).toEqual(['legacy_head.sql', 'dump.sql']);
    expect(s.active?.name).toBe('dump.sql');
    expect(checkInputs(s, s.active!.sql, { withData: false }).canonical.text).toBe('CREATE TABLE mine (id int);');
  });

  it('the other order, and edits of an early dump, follow it to its new key', () => {
    const saved: SourcesSnapshot = { ...bundled, dumps: [{ key: 'file:1', name: 'old.sql', sql: 'x', origin: 'file' }], activeKey: 'file:1', nextFile: 2 };
    const s = new Sources();
    const early = s.addDump('dump.sql', 'a', 'file');
    expect(early.key).toBe('file:1'); // clashes with the saved session's file:1
    s.setDumpText(early.key, 'b');
    s.renameDump(early.key, 'renamed.sql');
    s.openCanonical('c.sql', 'CREATE TABLE c (id int);', names);
    s.setPhase('B0.3');
    s.settle(saved);
    expect(s.canonical.name).toBe('c.sql');
    expect(s.phase).toBe('B0.3');
    expect(s.dumps.map((d) => [d.key, d.name, d.sql])).toEqual([['file:1', 'old.sql', 'x'], ['file:2', 'renamed.sql', 'b']]);
    expect(s.activeKey).toBe('file:2');
  });

  it('with nothing done meanwhile, the restored session is taken as it was; later changes apply directly', () => {
    const s = new Sources();
    s.settle(bundled);
    expect(s.snapshot()).toMatchObject({ canonical: bundled.canonical, spec: bundled.spec, seeds: bundled.seeds, activeKey: bundled.activeKey });
    const before = s.revision;
    s.openCanonical('canonical.sql', 'CREATE TABLE mine (id int);', names);
    expect(s.revision).toBeGreaterThan(before);
    expect(s.spec).toBeNull();
    // A second restore (reset to defaults) is a plain restore: nothing is replayed again.
    s.restore(bundled);
    expect(s.canonical.name).toBe('schema/canonical_schema.sql');
  });

  it('a removed early dump stays removed, an overlay cleared early stays cleared', () => {
    const s = new Sources();
    const d = s.addDump('a.sql', 'a', 'file');
    s.removeDump(d.key);
    s.clearSpec();
    s.settle(bundled);
    expect(s.dumps.map((x) => x.name)).toEqual(['legacy_head.sql']);
    expect(s.spec).toBeNull();
  });
});
