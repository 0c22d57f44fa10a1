/**
 * Partitioning a big diagram into groups and packing them for the screen (pure): the parts that
 * make the 1,000-table layout fast (groups of ≤ MAX_GROUP laid out separately) and its overview
 * readable (packed toward the screen's shape, labelled).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/app/erd/graph';
import { devModel } from '../../dev/erd/model';
import { chunks, groupIndex, MAX_GROUP, partition } from '../../src/app/erd/partition';
import { assemble, gridPart, packToAspect, shelves, type Part } from '../../src/app/erd/pack';
import { hubIds } from '../../src/app/erd/hubs';
import { truncate } from '../../src/app/erd/frames';
import { hashText, PartCache } from '../../src/app/erd/layout-cache';
import { poolSize } from '../../src/app/erd/layout-pool';
import type { Box } from '../../src/app/erd/types';

const big = buildGraph(devModel({ tables: 1000 }), null, [], 'canonical');
const all = new Set(big.tables.map((t) => t.id));

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('partition', () => {
  it('a diagram of at most MAX_GROUP tables is one group (laid out as before)', () => {
    const g = buildGraph(devModel({ tables: MAX_GROUP }), null, [], 'canonical');
    const groups = partition(g, new Set(g.tables.map((t) => t.id)));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'all', tables: g.tables.map((t) => t.id) });
  });

  it('1,000 tables: every table in exactly one group of ≤ MAX_GROUP, hub on its own, few FKs cut', () => {
    const groups = partition(big, all);
    const seen = groups.flatMap((g) => g.tables);
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(Math.max(...groups.map((g) => g.tables.length))).toBeLessThanOrEqual(MAX_GROUP);
    expect(groups[0]).toMatchObject({ kind: 'hubs', tables: ['public.tenants'] });
    expect(groups[0].label).toContain('tenants');
    // BFS banding keeps most FKs inside a group: cut edges are drawn as stubs, so they must be few
    const hubs = hubIds(big.edges, all);
    const gi = groupIndex(groups);
    const inner = big.edges.filter((e) => !hubs.has(e.to) && !e.selfRef);
    const cut = inner.filter((e) => gi.get(e.from) !== gi.get(e.to));
    expect(cut.length / inner.length).toBeLessThan(0.15);
    // lone tables (no FK to another non-hub table, no self-reference) need no layered layout
    for (const g of groups.filter((x) => x.kind === 'lone'))
      for (const id of g.tables) expect(inner.some((e) => e.from === id || e.to === id)).toBe(false);
    expect(groups.filter((g) => g.kind === 'cluster').every((g) => /^around \S+ · \d+ tables$/.test(g.label))).toBe(true);
  });

  it('several schemas: groups never mix schemas', () => {
    const g = buildGraph(devModel({ tables: 400, schemas: ['public', 'billing'] }), null, [], 'canonical');
    const groups = partition(g, new Set(g.tables.map((t) => t.id)));
    const schemaOf = new Map(g.tables.map((t) => [t.id, t.schema] as const));
    for (const gr of groups) expect(new Set(gr.tables.map((id) => schemaOf.get(id)))).toEqual(new Set([gr.schema]));
    expect(new Set(groups.map((x) => x.schema))).toEqual(new Set(['public', 'billing']));
  });

  it.each([[0, 10, []], [5, 10, [5]], [10, 10, [10]], [11, 10, [6, 5]], [25, 10, [9, 9, 7]]])('chunks(%i items, max %i) → sizes %j', (n, max, sizes) => {
    expect(chunks([...Array(n).keys()], max).map((c) => c.length)).toEqual(sizes);
  });
});

describe('packing', () => {
  it('shelves wrap at the shelf width and never overlap', () => {
    const items = [{ width: 100, height: 50 }, { width: 100, height: 80 }, { width: 100, height: 30 }];
    const p = shelves(items, 220, 10);
    expect(p.at).toEqual([{ x: 0, y: 0 }, { x: 110, y: 0 }, { x: 0, y: 90 }]);
    expect(p).toMatchObject({ width: 210, height: 120 });
  });

  it.each([[16 / 9], [1], [0.6]])('40 equal groups pack toward aspect %f (not one strip)', (aspect) => {
    const items = Array.from({ length: 40 }, () => ({ width: 300, height: 200 }));
    const p = packToAspect(items, aspect, 20);
    const got = p.width / p.height;
    expect(got).toBeGreaterThan(aspect / 1.6);
    expect(got).toBeLessThan(aspect * 1.6);
  });

  it('assemble: frames for every group, boxes shifted inside their frame, nothing overlaps, labels fit', () => {
    const groups = partition(big, all);
    const parts = new Map<string, Part>(groups.map((g) => [g.id, gridPart(g.tables.map((id) => ({ id, width: 200, height: 120 })))]));
    const screen = { width: 1400, height: 860 };
    const l = assemble(groups, parts, screen, 5);
    expect(l.ms).toBe(5);
    expect(l.frames.map((f) => f.id)).toEqual(groups.map((g) => g.id));
    expect(Object.keys(l.boxes)).toHaveLength(1000);
    for (const f of l.frames) {
      const g = groups.find((x) => x.id === f.id)!;
      for (const id of g.tables) {
        const b = l.boxes[id];
        expect(b.x >= f.box.x && b.y >= f.box.y && b.x + b.width <= f.box.x + f.box.width && b.y + b.height <= f.box.y + f.box.height).toBe(true);
        expect(l.groupOf[id]).toBe(g.id);
      }
    }
    for (let i = 0; i < l.frames.length; i++) for (let j = i + 1; j < l.frames.length; j++) expect(overlap(l.frames[i].box, l.frames[j].box)).toBe(false);
    // at the fit-to-screen scale every group's name (the card's first line) fits its frame untruncated
    const k = Math.min((screen.width - 48) / l.width, (screen.height - 48) / l.height);
    for (const f of l.frames) expect(truncate(f.name ?? f.label, 14, f.box.width * k - 16)).toBe(f.name ?? f.label);
    expect(l.width / l.height).toBeGreaterThan(0.8);
    expect(l.width / l.height).toBeLessThan(2.5);
  });

  it('assemble: one group comes back as laid out, without frames', () => {
    const part = gridPart([{ id: 'a', width: 10, height: 10 }]);
    const l = assemble([{ id: 'all', schema: 'public', kind: 'all', label: '1 table', tables: ['a'], top: ['a'], name: 'all tables' }], new Map([['all', part]]), { width: 800, height: 600 }, 1);
    expect(l).toMatchObject({ boxes: part.boxes, frames: [], groupOf: { a: 'all' } });
  });

  it('several schemas get region frames labelled with the schema', () => {
    const g = buildGraph(devModel({ tables: 400, schemas: ['public', 'billing'] }), null, [], 'canonical');
    const groups = partition(g, new Set(g.tables.map((t) => t.id)));
    const parts = new Map<string, Part>(groups.map((x) => [x.id, gridPart(x.tables.map((id) => ({ id, width: 200, height: 120 })))]));
    const l = assemble(groups, parts, { width: 1400, height: 860 }, 0);
    expect(l.frames.filter((f) => f.level === 'schema').map((f) => f.label).sort()).toEqual(['schema billing', 'schema public']);
  });
});

describe('layout cache and pool', () => {
  it('hash: same text same key, any change another key', () => {
    const a = JSON.stringify({ children: [{ id: 'public.a', width: 200 }] });
    expect(hashText(a)).toBe(hashText(a.slice()));
    expect(hashText(a)).not.toBe(hashText(a.replace('200', '201')));
    expect(hashText('ab')).not.toBe(hashText('ba'));
  });
  it('cache is bounded, least recently used out, failed layouts dropped', async () => {
    const c = new PartCache(2);
    const p = (n: number) => Promise.resolve({ boxes: {}, routes: {}, width: n, height: n });
    c.set('a', p(1)); c.set('b', p(2));
    c.get('a');
    c.set('c', p(3));
    expect([c.get('a'), c.get('b'), c.get('c')].map((x) => x !== undefined)).toEqual([true, false, true]);
    const bad = Promise.reject(new Error('boom'));
    c.set('d', bad);
    await bad.catch(() => undefined);
    await Promise.resolve();
    expect(c.get('d')).toBeUndefined();
  });
  it.each([[1, 1], [2, 1], [4, 3], [16, 4]])('%i cores → %i workers', (cores, n) => expect(poolSize(cores)).toBe(n));
  it('frame labels truncate with an ellipsis, or vanish when hopeless', () => {
    expect(truncate('around orders · 96 tables', 14, 1000)).toBe('around orders · 96 tables');
    expect(truncate('around orders · 96 tables', 14, 90)).toMatch(/^around…$|^aroun.…$|…$/);
    expect(truncate('around orders', 14, 20)).toBe('');
  });
});

describe('persisted layouts', () => {
  const mem = () => { const m = new Map<string, string>(); return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }; };
  const part = { boxes: { a: { x: 1, y: 2, width: 3, height: 4 } }, routes: {}, width: 10, height: 10 };
  it('round-trips, ignores corrupt entries, keeps at most MAX_STORED', async () => {
    const { loadStoredPart, storePart, MAX_STORED, STORE_PREFIX } = await import('../../src/app/erd/layout-cache');
    const s = mem();
    storePart('k1', part, s);
    expect(loadStoredPart('k1', s)).toEqual(part);
    s.setItem(`${STORE_PREFIX}bad`, '{"boxes":{"a":{"x":"no"}},"routes":{},"width":1,"height":1}');
    expect(loadStoredPart('bad', s)).toBeNull();
    s.setItem(`${STORE_PREFIX}junk`, 'not json');
    expect(loadStoredPart('junk', s)).toBeNull();
    for (let i = 0; i < MAX_STORED + 5; i++) storePart(`n${i}`, part, s);
    expect([...s.m.keys()].filter((k) => k.startsWith(STORE_PREFIX) && !k.endsWith('index') && !['bad', 'junk'].some((x) => k.endsWith(x)))).toHaveLength(MAX_STORED);
    expect(loadStoredPart('k1', s)).toBeNull(); // oldest out
    const full = { ...s, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => storePart('x', part, full)).not.toThrow();
  });
});

describe('FK communities and the overview', () => {
  it('Louvain finds two dense modules joined by one FK; isolated tables stay alone; deterministic', async () => {
    const { communities } = await import('../../src/app/erd/community');
    const a = ['a1', 'a2', 'a3', 'a4', 'a5'], b = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const links: [string, string][] = [];
    for (const m of [a, b]) for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) links.push([m[i], m[j]]);
    links.push(['a1', 'b1']);
    const ids = [...a, 'lone', ...b];
    const got = communities(ids, links);
    expect(got).toEqual([a, ['lone'], b]);
    expect(communities(ids, links)).toEqual(got);
    expect(communities(['x', 'y'], [])).toEqual([['x'], ['y']]);
  });

  it('levelFor: the group overview only for a partitioned diagram, below LOD_GROUPS', async () => {
    const { levelFor, LOD_GROUPS } = await import('../../src/app/erd/lod');
    expect(levelFor(LOD_GROUPS - 0.01, true)).toBe('groups');
    expect(levelFor(LOD_GROUPS - 0.01, false)).toBe('name');
    expect(levelFor(LOD_GROUPS, true)).toBe('name');
    expect(levelFor(1, true)).toBe('full');
  });

  it('bundles: one per pair of groups with FKs between shown tables, counted, hubs left out', async () => {
    const { bundles } = await import('../../src/app/erd/view');
    const groups = partition(big, all);
    const parts = new Map(groups.map((g) => [g.id, gridPart(g.tables.map((id) => ({ id, width: 200, height: 100 })))] as const));
    const l = assemble(groups, parts, { width: 1400, height: 900 }, 0);
    const bs = bundles(big.edges, l, all);
    const hubs = hubIds(big.edges, all);
    const expected = big.edges.filter((e) => !e.selfRef && !hubs.has(e.to) && l.groupOf[e.from] !== l.groupOf[e.to]).length;
    expect(bs.reduce((n, b) => n + b.count, 0)).toBe(expected);
    expect(new Set(bs.map((b) => b.id)).size).toBe(bs.length);
    for (const b of bs) expect(b.a < b.b).toBe(true);
    // nothing shown, nothing bundled
    expect(bundles(big.edges, l, new Set())).toEqual([]);
  });
});
