import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/app/erd/graph';
import { crowsFoot, coversExactly } from '../../src/app/erd/cardinality';
import { nHop } from '../../src/app/erd/focus';
import { cull, fitTransform, lodFor, LOD_FULL, LOD_OUTLINE, visibleRect } from '../../src/app/erd/lod';
import { devModel, driftedDump } from '../../dev/erd/model';
import { hubIds } from '../../src/app/erd/hubs';
import { erdHash, parseErdHash } from '../../src/app/erd/link';
import { toElk } from '../../src/app/erd/elk-graph';
import { rowMidY, tableSize } from '../../src/app/erd/geometry';
import { defaultStorageKey, loadPositions } from '../../src/app/erd/positions';
import { search } from '../../src/app/erd/search';
import type { ErdEdge } from '../../src/app/erd/types';

const canonical = devModel({ tables: 40 });
const { dump, divergences } = driftedDump(canonical);
const missingId = divergences.find((d) => d.kind === 'missing' && d.object_type === 'table')!.object;

describe('buildGraph', () => {
  it('canonical mode draws every canonical table and FK, nothing missing or extra', () => {
    const g = buildGraph(canonical, null, [], 'both'); // no dump → canonical
    expect(g.tables).toHaveLength(40);
    expect(g.tables.every((t) => t.presence === 'same')).toBe(true);
    expect(g.edges.length).toBe(canonical.constraints.filter((c) => c.type === 'foreign key').length);
    const t = g.tables.find((x) => x.id === 'public.tenants')!;
    expect(t.columns.find((c) => c.name === 'id')).toMatchObject({ pk: true, notNull: true, fk: false });
    expect(t.columns.find((c) => c.name === 'api_key_hash')).toMatchObject({ unique: true });
  });
  it('both mode: a table missing from the dump is a ghost, a dump-only table is extra, columns too', () => {
    const g = buildGraph(canonical, dump, divergences, 'both');
    expect(g.tables.find((t) => t.id === missingId)!.presence).toBe('missing');
    expect(g.tables.find((t) => t.id === 'public.gen_legacy_audit')!.presence).toBe('extra');
    const dropped = divergences.find((d) => d.kind === 'missing' && d.object_type === 'column')!;
    const col = g.tables.find((t) => t.id === dropped.table)!.columns.find((c) => c.id === dropped.object)!;
    expect(col.presence).toBe('missing');
    expect(col.severity).toBe('HIGH');
    const extraCol = divergences.find((d) => d.kind === 'extra' && d.object_type === 'column')!;
    expect(g.tables.find((t) => t.id === extraCol.table)!.columns.find((c) => c.id === extraCol.object)!.presence).toBe('extra');
    // FK edges of the missing table are missing too
    expect(g.edges.filter((e) => e.from === missingId).every((e) => e.presence === 'missing')).toBe(true);
    expect(g.edges.find((e) => e.from === 'public.gen_legacy_audit')!.presence).toBe('extra');
  });
  it('dump mode: no ghosts, extras greyed, RLS from the dump, severity counts per table', () => {
    const g = buildGraph(canonical, dump, divergences, 'dump');
    expect(g.tables.some((t) => t.id === missingId)).toBe(false);
    expect(g.tables.find((t) => t.id === 'public.gen_legacy_audit')!.presence).toBe('extra');
    const rls = divergences.find((d) => d.kind === 'rls_disabled');
    if (rls) {
      const t = g.tables.find((x) => x.id === rls.table)!;
      expect(t.rls).toBe('off');
      expect(t.severity).toBe('BLOCKING');
      expect(t.counts.BLOCKING).toBe(1);
    }
  });
  it('self-references become selfRef edges', () => {
    const g = buildGraph(devModel({ tables: 200 }), null, [], 'canonical');
    const self = g.edges.filter((e) => e.selfRef);
    expect(self.length).toBeGreaterThan(0);
    expect(self.every((e) => e.from === e.to && e.nullable)).toBe(true);
  });
});

describe("crow's foot", () => {
  it.each([
    [[true], false, 'one-mandatory', 'many-optional', false],
    [[false], false, 'one-optional', 'many-optional', true],
    [[true], true, 'one-mandatory', 'one-optional', false],
    [[true, false], true, 'one-optional', 'one-optional', true],
  ])('notNull %j unique %s → %s / %s', (nn, unique, parentEnd, childEnd, nullable) => {
    expect(crowsFoot({ columnsNotNull: nn, unique })).toEqual({ parentEnd, childEnd, nullable });
  });
  it('unique means the FK columns are exactly a key, in any order', () => {
    expect(coversExactly(['b', 'a'], [['a', 'b']])).toBe(true);
    expect(coversExactly(['a'], [['a', 'b']])).toBe(false);
  });
  it('a 1:1 FK in the generated model gets a one child end', () => {
    const g = buildGraph(devModel({ tables: 300 }), null, [], 'canonical');
    expect(g.edges.some((e) => e.childEnd === 'one-optional')).toBe(true);
    expect(g.edges.some((e) => e.childEnd === 'many-optional')).toBe(true);
  });
});

describe('focus (N hops)', () => {
  const e = (from: string, to: string): ErdEdge => ({ id: `${from}>${to}`, name: '', from, fromColumns: ['x'], to, toColumns: ['id'],
    parentEnd: 'one-mandatory', childEnd: 'many-optional', nullable: false, presence: 'same', selfRef: from === to });
  const edges = [e('b', 'a'), e('c', 'b'), e('d', 'c'), e('e', 'e'), e('x', 'a')];
  it.each([
    [0, ['c']], [1, ['b', 'c', 'd']], [2, ['a', 'b', 'c', 'd']], [3, ['a', 'b', 'c', 'd', 'x']], [9, ['a', 'b', 'c', 'd', 'x']],
  ])('%i hops from c', (hops, want) => expect([...nHop(edges, 'c', hops)].sort()).toEqual(want));
  it('self-loop only reaches itself', () => expect([...nHop(edges, 'e', 3)]).toEqual(['e']));
});

describe('level of detail and culling', () => {
  it.each([[1, 'full'], [LOD_FULL, 'full'], [LOD_FULL - 0.01, 'name'], [LOD_OUTLINE, 'name'], [LOD_OUTLINE - 0.01, 'outline'], [0.02, 'outline']])(
    'k=%f → %s', (k, lod) => expect(lodFor(k)).toBe(lod));
  it('culls boxes outside the viewport', () => {
    const boxes = { a: { x: 0, y: 0, width: 100, height: 100 }, b: { x: 5000, y: 0, width: 100, height: 100 } };
    const v = visibleRect({ x: 0, y: 0, k: 1 }, 1000, 800, 0);
    expect(cull(boxes, Object.keys(boxes), v)).toEqual(['a']);
    expect(cull(boxes, Object.keys(boxes), visibleRect({ x: 0, y: 0, k: 0.1 }, 1000, 800, 0))).toEqual(['a', 'b']);
  });
  it('fit centres content and caps the scale', () => {
    const t = fitTransform({ x: 0, y: 0, width: 100, height: 100 }, 1000, 800);
    expect(t.k).toBe(1);
    expect(t.x).toBe(450);
  });
});

describe('layout input', () => {
  it('ports sit on the FK column rows, parent east → child west; hub edges left out', () => {
    const g = buildGraph(devModel({ tables: 100 }), null, [], 'canonical');
    const hubs = hubIds(g.edges, new Set(g.tables.map((t) => t.id)));
    expect([...hubs]).toEqual(['public.tenants']);
    const elk = toElk(g);
    expect(elk.edges!.some((e) => e.targets[0].startsWith('public.tenants'))).toBe(false);
    const e = g.edges.find((x) => x.to !== 'public.tenants' && !x.selfRef)!;
    const child = elk.children!.find((c) => c.id === e.from)!;
    const port = child.ports!.find((p) => p.id === `${e.from}.${e.fromColumns[0]}|W`)!;
    const row = g.tables.find((t) => t.id === e.from)!.columns.findIndex((c) => c.name === e.fromColumns[0]);
    expect(port).toMatchObject({ x: 0, y: rowMidY(row) });
    const parent = elk.children!.find((c) => c.id === e.to)!;
    expect(parent.ports!.find((p) => p.id === `${e.to}.${e.toColumns[0]}|E`)!.x).toBe(parent.width);
    expect(child.height).toBe(tableSize(g.tables.find((t) => t.id === e.from)!).height);
  });
  it('small schemas keep every edge (no hubs)', () => {
    const g = buildGraph(canonical, null, [], 'canonical');
    expect(hubIds(g.edges, new Set(g.tables.map((t) => t.id))).size).toBe(0);
  });
});

describe('share link', () => {
  it.each([
    ['#/erd/public.tenants?focus=2', { selected: 'public.tenants', focus: 2 }],
    ['#/erd/public.tenants', { selected: 'public.tenants', focus: null }],
    ['#/erd', { selected: null, focus: null }],
    ['/public.t.c?focus=99', { selected: 'public.t.c', focus: 5 }],
    ['#/erd/public.%22odd%20name%3F%22?focus=1', { selected: 'public."odd name?"', focus: 1 }],
  ])('%s', (hash, want) => expect(parseErdHash(hash)).toEqual(want));
  it('round-trips', () => {
    for (const l of [{ selected: 'public."we ird?#"', focus: 3 }, { selected: 'public.tenants', focus: null }, { selected: null, focus: null }])
      expect(parseErdHash(erdHash(l))).toEqual(l);
    expect(erdHash({ selected: 'public.tenants', focus: 2 })).toBe('#/erd/public.tenants?focus=2');
  });
});

describe('positions and search', () => {
  it('storage key depends on the table set only', () => {
    expect(defaultStorageKey(['a', 'b'])).toBe(defaultStorageKey(['b', 'a']));
    expect(defaultStorageKey(['a', 'b'])).not.toBe(defaultStorageKey(['a', 'c']));
  });
  it('ignores corrupt stored positions', () => {
    expect(loadPositions('k', { getItem: () => '{"a":{"x":1,"y":2},"b":{"x":"no"}}' })).toEqual({ a: { x: 1, y: 2 } });
    expect(loadPositions('k', { getItem: () => 'not json' })).toEqual({});
  });
  it('search finds tables first, then columns', () => {
    const g = buildGraph(canonical, null, [], 'canonical');
    const hits = search(g, 'tenant');
    expect(hits[0]).toMatchObject({ id: 'public.tenants', kind: 'table' });
    expect(hits.some((h) => h.kind === 'column' && h.id.endsWith('.tenant_id'))).toBe(true);
  });
});
