/**
 * The real thing: the bundled Skeldir canonical schema loaded into PGlite, introspected, and
 * turned into the data dictionary with the real overlay. Also checks that every object the
 * onboarding tour points at exists in canonical, so the tour cannot rot silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { Db } from '../../src/core/db';
import { buildDictionary } from '../../src/core/dictionary/build';
import { dictionaryToMarkdown } from '../../src/core/dictionary/markdown';
import { describeObject, parseTour } from '../../src/core/dictionary/tour';
import type { DictionaryEntry } from '../../src/core/dictionary/types';
import { introspect } from '../../src/core/introspect/introspect';
import { loadScript } from '../../src/core/load/load';
import type { SchemaModel } from '../../src/core/model';
import { parseSpec } from '../../src/core/spec/parse';

let db: Db;
let model: SchemaModel;
let entries: DictionaryEntry[];
let md: string;

beforeAll(async () => {
  const sql = readFileSync('schema/canonical_schema.sql', 'utf8');
  const loaded = await loadScript(pgliteFactory(), sql, { source: 'schema/canonical_schema.sql' });
  expect(loaded.summary.errors).toEqual([]);
  db = loaded.db;
  model = await introspect(db);
  const spec = parseSpec(readFileSync('schema/canonical_schema.yaml', 'utf8'), 'schema/canonical_schema.yaml');
  entries = buildDictionary(model, spec);
  md = dictionaryToMarkdown(entries, spec.name);
  // For people to read (seed 003 Gate 4.2); not an input of any test.
  if (process.env.WRITE_DICTIONARY) writeFileSync(process.env.WRITE_DICTIONARY, md);
});
afterAll(async () => { await db?.close(); });

const entry = (id: string) => {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no dictionary entry ${id}`);
  return e;
};

describe('data dictionary of the canonical Skeldir schema', () => {
  it('answers Engineer B: the valid states of dead_events.remediation_status', () => {
    const col = entry('public.dead_events').columns.find((c) => c.name === 'remediation_status')!;
    expect(col.allowed).toMatchObject({ constraint: 'ck_dead_events_remediation_status_valid', values: ['pending', 'in_progress', 'resolved', 'abandoned'] });
    expect(md).toContain('`pending`, `in_progress`, `resolved`, `abandoned`');
  });

  it('has every core table, RLS forced on tenant tables, and overlay tags', () => {
    for (const t of ['tenants', 'attribution_events', 'attribution_allocations', 'revenue_ledger', 'dead_events', 'reconciliation_runs', 'revenue_state_transitions']) {
      const e = entry(`public.${t}`);
      expect(e.comment, `${t} has COMMENT ON TABLE`).toBeTruthy();
      if (t !== 'tenants') expect(e.rls, t).toMatchObject({ enabled: true, forced: true });
    }
    const key = entry('public.tenants').columns.find((c) => c.name === 'api_key_hash')!;
    expect(key.tag).toMatchObject({ invariant: 'auth_critical', severity: 'BLOCKING' });
    expect(key.keys).toContain('UNIQUE');
    expect(entry('public.tenants').referencedBy.map((r) => r.table)).toContain('public.dead_events');
    expect(entry('public.dead_events').phases).toContain('b0.3');
  });

  it('every tour highlight exists in the canonical schema', () => {
    const tour = parseTour(readFileSync('schema/tour.yaml', 'utf8'), 'schema/tour.yaml');
    for (const s of tour.steps) if (s.highlight) expect(describeObject(model, s.highlight), `step ${s.id}: ${s.highlight}`).not.toBeNull();
  });
});
