import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { compareSchemas } from '../../src/core/compare/compare';
import type { Db } from '../../src/core/db';
import { introspect } from '../../src/core/introspect/introspect';
import { loadScript } from '../../src/core/load/load';
import type { SchemaModel } from '../../src/core/model';
import { defaultSpec } from '../../src/core/spec/defaults';
import { parseSpec } from '../../src/core/spec/parse';

/**
 * End to end on the real canonical schema: canonical SQL applied directly, and Debian
 * PostgreSQL 15's pg_dump of it (fixtures/drift/clean) loaded by the loader, introspect
 * identically — in particular the IN-list CHECKs that PostgreSQL re-reads in another form
 * (introspect/roundtrip.ts). The whole drift family is test/…/drift fixtures' job.
 */
describe('canonical schema vs a real pg_dump of it', () => {
  const factory = pgliteFactory();
  const dbs: Db[] = [];
  let canonical: SchemaModel;
  let dump: SchemaModel;
  beforeAll(async () => {
    const canonDb = await factory.create();
    dbs.push(canonDb);
    await canonDb.exec(readFileSync('schema/canonical_schema.sql', 'utf8'));
    const loaded = await loadScript(factory, readFileSync('fixtures/drift/clean/dump.sql', 'utf8'), { source: 'fixtures/drift/clean/dump.sql' });
    dbs.push(loaded.db);
    expect(loaded.summary.errors).toEqual([]);
    [canonical, dump] = [await introspect(canonDb), await introspect(loaded.db)];
  });
  afterAll(() => Promise.all(dbs.map((d) => d.close())));

  it('the canonical schema has the objects this test is about', () => {
    expect(canonical.tables.length).toBeGreaterThanOrEqual(7);
    expect(canonical.constraints.some((c) => c.type === 'check' && c.definition.includes('ANY (ARRAY['))).toBe(true);
    expect(canonical.policies.length).toBeGreaterThan(0);
    expect(canonical.privileges.length).toBeGreaterThan(0);
  });

  it('yields no divergence, with and without the overlay', () => {
    const spec = parseSpec(readFileSync('schema/canonical_schema.yaml', 'utf8'), 'schema/canonical_schema.yaml');
    expect(compareSchemas(canonical, dump, spec)).toEqual([]);
    expect(compareSchemas(canonical, dump, defaultSpec())).toEqual([]);
  });

  it('differs from the canonical model only in what compare ignores', () => {
    const strip = (m: SchemaModel) => ({ ...m, roles: [], tables: m.tables.map((t) => ({ ...t, owner: '' })), views: m.views.map((v) => ({ ...v, owner: '' })) });
    expect(strip(dump)).toEqual(strip(canonical));
  });
});
