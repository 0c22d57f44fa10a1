/**
 * The ERD on a REAL ~500-table schema nobody here wrote: MusicBrainz (fixtures/erd/musicbrainz, real
 * Debian PostgreSQL 15 pg_dump, 516 tables in 9 schemas, 889 FKs) loaded into PGlite and
 * introspected. Checks the overview's grouping on it (schema, then FK community) and keeps
 * test/erd/fixtures/musicbrainz.json (tables, constraints, indexes: what the ERD draws) for the
 * harness (dev/erd/erd-dev.html?model=musicbrainz) and e2e/erd.spec.ts:
 * ERD_UPDATE_FIXTURE=1 rewrites it; otherwise the test checks it still names the same tables and FKs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { introspect } from '../../src/core/introspect/introspect';
import { loadScript } from '../../src/core/load/load';
import type { SchemaModel } from '../../src/core/model';
import type { Db } from '../../src/core/db';
import { buildGraph } from '../../src/app/erd/graph';
import { partition } from '../../src/app/erd/partition';

const ROOT = join(import.meta.dirname, '..', '..');
const DUMP = 'fixtures/erd/musicbrainz/dump.sql';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'musicbrainz.json');
let model: SchemaModel;
let db: Db | null = null;

beforeAll(async () => {
  const loaded = await loadScript(pgliteFactory(), readFileSync(join(ROOT, DUMP), 'utf8'), { source: DUMP });
  db = loaded.db;
  model = await introspect(loaded.db);
  if (process.env.ERD_UPDATE_FIXTURE === '1') {
    const slim: SchemaModel = { ...model, functions: [], views: [], triggers: [], privileges: [], sequences: [], types: [] };
    writeFileSync(FIXTURE, `${JSON.stringify({ source: `${DUMP} (MusicBrainz, see its README)`, model: slim })}\n`);
  }
}, 300_000);
afterAll(async () => { await db?.close(); });

const fks = (m: SchemaModel) => m.constraints.filter((c) => c.type === 'foreign key').map((c) => `${c.schema}.${c.table}.${c.name}`).sort();

describe('ERD on the real MusicBrainz schema (516 tables)', () => {
  it('loads every table and foreign key', () => {
    expect(model.tables).toHaveLength(516);
    expect(fks(model)).toHaveLength(897);
    expect(new Set(model.tables.map((t) => t.schema)).size).toBe(9);
  });

  it('the overview groups by schema, then by FK community inside the big schemas, each labelled', () => {
    const g = buildGraph(model, null, [], 'canonical');
    const groups = partition(g, new Set(g.tables.map((t) => t.id)));
    // every table in exactly one group, no group above the size cap
    const all = groups.flatMap((x) => x.tables);
    expect(all).toHaveLength(516);
    expect(new Set(all).size).toBe(516);
    for (const x of groups) {
      expect(new Set(x.tables.map((t) => t.split('.')[0])).size, x.id).toBe(1); // one schema per group
      expect(x.label.length).toBeGreaterThan(0);
    }
    // musicbrainz (375 tables) is cut into several communities; small schemas stay whole
    const mb = groups.filter((x) => x.schema === 'musicbrainz' && x.kind === 'cluster');
    expect(mb.length).toBeGreaterThan(3);
    expect(groups.filter((x) => x.schema === 'statistics')).toHaveLength(1);
    // deterministic
    expect(partition(g, new Set(g.tables.map((t) => t.id)))).toEqual(groups);
  });

  it('the harness fixture names the same tables and FKs', () => {
    expect(existsSync(FIXTURE)).toBe(true);
    const f = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { model: SchemaModel };
    expect(f.model.tables.map((t) => `${t.schema}.${t.name}`).sort()).toEqual(model.tables.map((t) => `${t.schema}.${t.name}`).sort());
    expect(fks(f.model)).toEqual(fks(model));
  });
});
