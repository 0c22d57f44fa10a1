import { describe, expect, it } from 'vitest';
import { differingObjects, printObjects } from '../../src/core/drift/printed';
import { emptyModel, type SchemaModel } from '../../src/core/model';

function model(over: (m: SchemaModel) => void): SchemaModel {
  const m = emptyModel();
  m.tables.push({ schema: 'public', name: 't', kind: 'table', rlsEnabled: true, rlsForced: false, owner: 'o', comment: null, partitionKey: null, partitionOf: null,
    columns: [{ name: 'id', position: 1, type: 'uuid', notNull: true, default: 'gen_random_uuid()', identity: null, generated: null, collation: null, comment: null },
      { name: 'status', position: 2, type: 'text', notNull: false, default: null, identity: null, generated: null, collation: null, comment: null }] });
  m.constraints.push({ schema: 'public', table: 't', name: 'ck_status', type: 'check', columns: ['status'], definition: "CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))",
    foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null });
  m.indexes.push({ schema: 'public', table: 't', name: 'idx_t_status', unique: false, primary: false, method: 'btree', keys: [], include: [], predicate: null,
    nullsNotDistinct: false, definition: 'CREATE INDEX idx_t_status ON public.t USING btree (status)', constraint: null, comment: null });
  over(m);
  return m;
}

describe('normalised diff from the catalogs', () => {
  it('identical models differ in nothing (a PASS dump diffs empty)', () => {
    const d = differingObjects(model(() => {}), model(() => {}));
    expect(d).toMatchObject({ count: 0, original: '', modified: '' });
    expect(d.total).toBe(printObjects(model(() => {})).length);
  });

  it('keeps only the changed, missing and extra objects, aligned with a comment on the side that lacks one', () => {
    const dump = model((m) => {
      m.constraints[0].definition = "CHECK ((status = ANY (ARRAY['a'::text, 'c'::text])))";
      m.indexes = [];
      m.tables[0].rlsEnabled = false;
      m.views.push({ schema: 'public', name: 'v', materialized: false, definition: ' SELECT 1;', columns: [], owner: 'o', comment: null });
    });
    const d = differingObjects(model(() => {}), dump);
    expect(d.count).toBe(4);
    expect(d.original).toContain("ADD CONSTRAINT ck_status CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])));");
    expect(d.modified).toContain("'c'::text");
    expect(d.modified).toContain('-- index public.t.idx_t_status: not in the dump');
    expect(d.original).toContain('-- view public.v: not in the canonical schema');
    expect(d.original).toContain('ENABLE ROW LEVEL SECURITY');
    expect(d.original).not.toContain('CREATE TABLE'); // the table itself did not change
    expect(d.original.split('\n').filter((l) => l.startsWith('-- ')).length).toBe(d.modified.split('\n').filter((l) => l.startsWith('-- ')).length);
  });
});
