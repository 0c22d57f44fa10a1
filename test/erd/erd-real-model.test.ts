/**
 * The ERD's pure graph building on the REAL model: schema/canonical_schema.sql loaded into PGlite
 * and introspected, against a real pg_dump (fixtures/drift/no_force_rls: revenue_ledger RLS not
 * forced) into which two documented changes are applied after loading: the real change script of
 * fixtures/drift/extra_table (an extra table) and `DROP TABLE public.dead_events` (a table missing
 * from the dump). Divergences come from the real compareSchemas with the real overlay.
 *
 * It also keeps test/erd/fixtures/skeldir-real.json (canonical, dump, divergences) for the
 * harness (dev/erd/erd-dev.html?model=real): ERD_UPDATE_FIXTURE=1 rewrites it; otherwise the test checks
 * it still names the same tables, FKs and divergences.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { introspect } from '../../src/core/introspect/introspect';
import { loadScript } from '../../src/core/load/load';
import { compareSchemas } from '../../src/core/compare/compare';
import { parseSpec } from '../../src/core/spec/parse';
import type { SchemaModel } from '../../src/core/model';
import type { Divergence } from '../../src/core/report/types';
import type { Db } from '../../src/core/db';
import { buildGraph, rlsState } from '../../src/app/erd/graph';
import { toElk } from '../../src/app/erd/elk-graph';
import { rowMidY } from '../../src/app/erd/geometry';
import { partition } from '../../src/app/erd/partition';
import type { ErdGraph } from '../../src/app/erd/types';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const DUMP = 'fixtures/drift/no_force_rls/dump.sql';
const EXTRA = 'fixtures/drift/extra_table/change.sql';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'skeldir-real.json');
const MISSING = 'public.dead_events';

const have = existsSync(join(ROOT, DUMP)) && existsSync(join(ROOT, EXTRA));
let canonical: SchemaModel;
let dump: SchemaModel;
let divergences: Divergence[];
const dbs: Db[] = [];

beforeAll(async () => {
  if (!have) return;
  const factory = pgliteFactory();
  const c = await loadScript(factory, read('schema/canonical_schema.sql'), { source: 'schema/canonical_schema.sql' });
  dbs.push(c.db);
  expect(c.summary.errors).toEqual([]);
  canonical = await introspect(c.db);
  const d = await loadScript(factory, read(DUMP), { source: DUMP });
  dbs.push(d.db);
  expect(d.summary.errors).toEqual([]);
  await d.db.exec(read(EXTRA));
  await d.db.exec(`DROP TABLE ${MISSING};`);
  dump = await introspect(d.db);
  const spec = parseSpec(read('schema/canonical_schema.yaml'), 'schema/canonical_schema.yaml');
  divergences = compareSchemas(canonical, dump, spec);
  if (process.env.ERD_UPDATE_FIXTURE === '1')
    writeFileSync(FIXTURE, `${JSON.stringify({ source: `canonical_schema.sql vs ${DUMP} + ${EXTRA} + DROP TABLE ${MISSING}`, canonical, dump, divergences }, null, 1)}\n`);
}, 120_000);
afterAll(async () => { for (const db of dbs) await db.close(); });

const byId = (g: ErdGraph, id: string) => g.tables.find((t) => t.id === id)!;

describe.skipIf(!have)('ERD on the real Skeldir model', () => {
  it('the divergences are the real ones: missing table, RLS not forced, extra table', () => {
    const kinds = divergences.map((d) => `${d.kind} ${d.object_type} ${d.object}`);
    expect(kinds).toEqual(expect.arrayContaining([`missing table ${MISSING}`, 'extra table public.audit_notes']));
    expect(divergences.some((d) => d.object_type === 'rls' && d.object === 'public.revenue_ledger')).toBe(true);
  });

  it('tenants is the hub: every other canonical table has a FK row tenant_id → tenants.id', () => {
    const g = buildGraph(canonical, null, [], 'canonical');
    expect(g.tables).toHaveLength(canonical.tables.length);
    const intoTenants = g.edges.filter((e) => e.to === 'public.tenants');
    const others = g.tables.filter((t) => t.id !== 'public.tenants').map((t) => t.id).sort();
    expect([...new Set(intoTenants.map((e) => e.from))].sort()).toEqual(others);
    for (const e of intoTenants) {
      expect(e).toMatchObject({ fromColumns: ['tenant_id'], toColumns: ['id'], nullable: false, parentEnd: 'one-mandatory' });
      expect(byId(g, e.from).columns.find((c) => c.name === 'tenant_id')).toMatchObject({ fk: true, notNull: true });
    }
    // the most referenced table
    const refs = new Map<string, number>();
    for (const e of g.edges) refs.set(e.to, (refs.get(e.to) ?? 0) + 1);
    expect([...refs].sort((a, b) => b[1] - a[1])[0][0]).toBe('public.tenants');
    expect(byId(g, 'public.tenants').columns.find((c) => c.name === 'id')).toMatchObject({ pk: true, fk: false });
  });

  it('a nullable FK is dashed and optional at the parent end', () => {
    const g = buildGraph(canonical, null, [], 'canonical');
    const nullable = g.edges.filter((e) => e.nullable);
    expect(nullable.length).toBeGreaterThan(0); // e.g. revenue_ledger.reconciliation_run_id ON DELETE SET NULL
    for (const e of nullable) expect(e.parentEnd).toBe('one-optional');
  });

  it('ELK ports sit on the real FK rows', () => {
    const g = buildGraph(canonical, null, [], 'canonical');
    const elk = toElk(g);
    for (const e of g.edges.filter((x) => !x.selfRef)) {
      const child = elk.children!.find((c) => c.id === e.from)!;
      const row = byId(g, e.from).columns.findIndex((c) => c.name === e.fromColumns[0]);
      expect(child.ports!.find((p) => p.id === `${e.from}.${e.fromColumns[0]}|W`)).toMatchObject({ x: 0, y: rowMidY(row) });
    }
    expect(partition(g, new Set(g.tables.map((t) => t.id)))).toHaveLength(1); // small: one group, every edge routed
  });

  it('overlay: ghost for the dropped table, its FK edges missing, extra table greyed, RLS badges per table', () => {
    const g = buildGraph(canonical, dump, divergences, 'both');
    const ghost = byId(g, MISSING);
    expect(ghost.presence).toBe('missing');
    expect(ghost.counts.BLOCKING + ghost.counts.HIGH).toBeGreaterThan(0);
    const ghostEdges = g.edges.filter((e) => e.from === MISSING);
    expect(ghostEdges.length).toBeGreaterThan(0);
    expect(ghostEdges.every((e) => e.presence === 'missing')).toBe(true);
    expect(byId(g, 'public.audit_notes').presence).toBe('extra');
    // RLS badge per table: from the dump where the table exists, from canonical for the ghost
    for (const t of g.tables) {
      const d = dump.tables.find((x) => `${x.schema}.${x.name}` === t.id);
      const c = canonical.tables.find((x) => `${x.schema}.${x.name}` === t.id);
      expect(t.rls, t.id).toBe(rlsState((d ?? c)!));
    }
    expect(byId(g, 'public.revenue_ledger').rls).toBe('enabled');
    expect(byId(g, 'public.revenue_ledger').severity).not.toBeNull();
    expect(byId(g, 'public.attribution_events').rls).toBe('forced');
    expect(byId(g, 'public.audit_notes').rls).toBe('off');
    // dump mode: no ghost
    expect(buildGraph(canonical, dump, divergences, 'dump').tables.some((t) => t.id === MISSING)).toBe(false);
  });

  it('the harness fixture names the same tables, FKs and divergences', () => {
    const f = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { canonical: SchemaModel; dump: SchemaModel; divergences: Divergence[] };
    const names = (m: SchemaModel) => [m.tables.map((t) => `${t.schema}.${t.name}`).sort(), m.constraints.filter((c) => c.foreignKey).map((c) => `${c.table}.${c.name}`).sort()];
    expect(names(f.canonical)).toEqual(names(canonical));
    expect(names(f.dump)).toEqual(names(dump));
    expect(f.divergences.map((d) => d.id).sort()).toEqual(divergences.map((d) => d.id).sort());
  });
});
