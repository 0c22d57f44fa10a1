import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../../src/core/compare/compare';
import { diffLists } from '../../src/core/compare/diff-lists';
import { normalizeModel } from '../../src/core/introspect/normalize';
import type { SchemaModel } from '../../src/core/model';
import type { Divergence } from '../../src/core/report/types';
import { defaultSpec } from '../../src/core/spec/defaults';
import type { Spec } from '../../src/core/spec/types';
import { baseModel, col } from './model-fixture';

/** An overlay that tags nothing: untagged defaults MEDIUM / LOW (reviewer defaults are tested below). */
const spec: Spec = { ...defaultSpec('empty.yaml'), defaults: { untagged: 'MEDIUM', extra: 'LOW' } };
const taggedSpec: Spec = {
  ...spec,
  invariants: { financial_critical: 'BLOCKING', auth_critical: 'BLOCKING' },
  elements: [
    { type: 'column', object: 'public.ledger.amount_cents', invariant: 'financial_critical', phases: ['b0.3'] },
    { type: 'column', object: 'public.ledger.tenant_id', invariant: 'auth_critical', phases: ['b0.3'] },
    { type: 'privilege', object: 'public.ledger:app_rw', invariant: 'financial_critical', phases: ['b2.1'] },
  ],
};

const table = (m: SchemaModel, name: string) => m.tables.find((t) => t.name === name)!;
const column = (m: SchemaModel, t: string, c: string) => table(m, t).columns.find((x) => x.name === c)!;

type Case = {
  name: string;
  change: (actual: SchemaModel) => void;
  /** Expected divergences: [id, severity] in report order. */
  want: [string, string][];
  spec?: Spec;
  check?: (ds: Divergence[]) => void;
};

const CASES: Case[] = [
  { name: 'missing table: one divergence, nothing inside it', change: (m) => {
    m.tables = m.tables.filter((t) => t.name !== 'ledger');
    m.constraints = m.constraints.filter((c) => c.table !== 'ledger');
    m.indexes = m.indexes.filter((c) => c.table !== 'ledger');
    m.policies = []; m.triggers = []; m.privileges = m.privileges.filter((p) => p.object !== 'public.ledger');
    m.sequences = m.sequences.filter((s) => s.name !== 'ledger_seq_seq');
  }, want: [['missing:table:public.ledger', 'MEDIUM']] },
  { name: 'missing tagged table is as severe as its most severe element', spec: taggedSpec, change: (m) => {
    m.tables = m.tables.filter((t) => t.name !== 'ledger');
    m.constraints = m.constraints.filter((c) => c.table !== 'ledger');
    m.indexes = m.indexes.filter((c) => c.table !== 'ledger');
    m.policies = []; m.triggers = []; m.privileges = m.privileges.filter((p) => p.object !== 'public.ledger');
    m.sequences = m.sequences.filter((s) => s.name !== 'ledger_seq_seq');
  }, want: [['missing:table:public.ledger', 'BLOCKING']] },
  { name: 'extra table', change: (m) => { m.tables.push({ ...table(m, 'tenants'), name: 'zz' }); }, want: [['extra:table:public.zz', 'LOW']] },
  { name: 'partitioned vs plain table', change: (m) => { Object.assign(table(m, 'tenants'), { kind: 'partitioned', partitionKey: 'RANGE (id)' }); }, want: [['definition_mismatch:table:public.tenants', 'MEDIUM']] },
  { name: 'column type', change: (m) => { column(m, 'tenants', 'name').type = 'text'; }, want: [['type_mismatch:column:public.tenants.name', 'MEDIUM']],
    check: ([d]) => { expect(d.expected).toBe('character varying(255) NOT NULL'); expect(d.actual).toBe('text NOT NULL'); } },
  { name: 'nullability on a tagged column', spec: taggedSpec, change: (m) => { column(m, 'ledger', 'amount_cents').notNull = false; },
    want: [['nullability_mismatch:column:public.ledger.amount_cents', 'BLOCKING']],
    check: ([d]) => { expect(d).toMatchObject({ invariant: 'financial_critical', phases: ['b0.3'], table: 'public.ledger', expected: 'bigint NOT NULL', actual: 'bigint' }); expect(d.message).toBe('public.ledger.amount_cents is nullable; canonical requires NOT NULL'); } },
  { name: 'default', change: (m) => { column(m, 'ledger', 'state').default = null; }, want: [['default_mismatch:column:public.ledger.state', 'MEDIUM']] },
  { name: 'identity', change: (m) => { column(m, 'ledger', 'seq').identity = 'by default'; }, want: [['identity_mismatch:column:public.ledger.seq', 'MEDIUM']] },
  { name: 'generated expression', change: (m) => { column(m, 'ledger', 'seq').generated = '(1)'; }, want: [['definition_mismatch:column:public.ledger.seq', 'MEDIUM']] },
  { name: 'column comment (canonical has one): LOW', spec: taggedSpec, change: (m) => { column(m, 'ledger', 'state').comment = null; }, want: [['comment_mismatch:column:public.ledger.state', 'LOW']] },
  { name: 'a comment only the dump has is LOW drift, like a changed one', change: (m) => { column(m, 'tenants', 'name').comment = 'x'; table(m, 'tenants').comment = 'y'; },
    want: [['comment_mismatch:table:public.tenants', 'LOW'], ['comment_mismatch:column:public.tenants.name', 'LOW']],
    check: (ds) => expect(ds.map((d) => d.message)).toEqual(['public.tenants has a comment in the dump; canonical has none', 'public.tenants.name has a comment in the dump; canonical has none']) },
  { name: 'renamed column: missing + extra, both messages say so', change: (m) => {
    const c = column(m, 'tenants', 'name'); c.name = 'display_name';
  }, want: [['missing:column:public.tenants.name', 'MEDIUM'], ['extra:column:public.tenants.display_name', 'LOW']],
    check: (ds) => {
      expect(ds.find((d) => d.kind === 'missing')!.message).toContain('possibly renamed to display_name');
      expect(ds.find((d) => d.kind === 'extra')!.message).toContain('possibly renamed to display_name');
    } },
  { name: 'missing column with no rename candidate', change: (m) => { table(m, 'tenants').columns.pop(); },
    want: [['missing:column:public.tenants.name', 'MEDIUM']], check: ([d]) => expect(d.message).not.toContain('renamed') },
  { name: 'CHECK changed; untagged CHECK inherits its tagged column', spec: taggedSpec, change: (m) => { m.constraints[0].definition = 'CHECK ((amount_cents > 0))'; },
    want: [['definition_mismatch:constraint:public.ledger.ck_ledger_amount', 'BLOCKING']], check: ([d]) => expect(d.invariant).toBe('financial_critical') },
  { name: 'FK action changed', change: (m) => { m.constraints[2].definition = 'FOREIGN KEY (tenant_id) REFERENCES public.tenants(id)'; },
    want: [['definition_mismatch:constraint:public.ledger.ledger_tenant_id_fkey', 'MEDIUM']] },
  { name: 'missing constraint', change: (m) => { m.constraints.splice(0, 1); }, want: [['missing:constraint:public.ledger.ck_ledger_amount', 'MEDIUM']] },
  { name: 'constraint renamed, same definition: LOW, extra suppressed', change: (m) => { m.constraints[0].name = 'ledger_amount_cents_check'; },
    want: [['missing:constraint:public.ledger.ck_ledger_amount', 'LOW']], check: ([d]) => expect(d.message).toContain('named ledger_amount_cents_check in the dump') },
  { name: 'index missing; untagged index inherits tagged key column', spec: taggedSpec, change: (m) => { m.indexes.splice(0, 1); },
    want: [['missing:index:public.ledger.idx_ledger_tenant', 'BLOCKING']] },
  { name: 'index lost INCLUDE', change: (m) => { m.indexes[0].definition = 'CREATE INDEX idx_ledger_tenant ON public.ledger USING btree (tenant_id, state DESC)'; },
    want: [['definition_mismatch:index:public.ledger.idx_ledger_tenant', 'MEDIUM']] },
  { name: 'index renamed, same definition: LOW', change: (m) => {
    m.indexes[0].name = 'ix_other'; m.indexes[0].definition = m.indexes[0].definition.replace('idx_ledger_tenant', 'ix_other');
  }, want: [['missing:index:public.ledger.idx_ledger_tenant', 'LOW']] },
  { name: 'extra index', change: (m) => { m.indexes.push({ ...m.indexes[0], name: 'ix_new', definition: 'CREATE INDEX ix_new ON public.ledger USING btree (state)' }); },
    want: [['extra:index:public.ledger.ix_new', 'LOW']] },
  { name: 'RLS disabled (untagged: HIGH at least)', change: (m) => { Object.assign(table(m, 'ledger'), { rlsEnabled: false, rlsForced: false }); },
    want: [['rls_disabled:rls:public.ledger', 'HIGH']] },
  { name: 'RLS not forced', change: (m) => { table(m, 'ledger').rlsForced = false; }, want: [['rls_not_forced:rls:public.ledger', 'HIGH']] },
  { name: 'RLS only the dump has', change: (m) => { table(m, 'tenants').rlsEnabled = true; }, want: [['extra:rls:public.tenants', 'LOW']] },
  { name: 'policy USING changed', change: (m) => { m.policies[0].using = 'true'; }, want: [['policy_mismatch:policy:public.ledger.tenant_isolation_policy', 'HIGH']],
    check: ([d]) => { expect(d.message).toContain('has a different USING'); expect(d.actual).toBe("PERMISSIVE FOR ALL TO public USING true WITH CHECK (tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)"); } },
  { name: 'policy roles and restrictive', change: (m) => { m.policies[0].roles = ['app_rw']; m.policies[0].permissive = false; },
    want: [['policy_mismatch:policy:public.ledger.tenant_isolation_policy', 'HIGH']], check: ([d]) => expect(d.message).toContain('is RESTRICTIVE, canonical PERMISSIVE; applies to roles app_rw, canonical public') },
  { name: 'policy missing', change: (m) => { m.policies = []; }, want: [['missing:policy:public.ledger.tenant_isolation_policy', 'HIGH']] },
  { name: 'policy extra', change: (m) => { m.policies.push({ ...m.policies[0], name: 'open', using: 'true' }); }, want: [['extra:policy:public.ledger.open', 'LOW']] },
  { name: 'trigger disabled', change: (m) => { m.triggers[0].enabled = 'D'; }, want: [['definition_mismatch:trigger:public.ledger.trg_ledger', 'MEDIUM']] },
  { name: 'trigger missing', change: (m) => { m.triggers = []; }, want: [['missing:trigger:public.ledger.trg_ledger', 'MEDIUM']] },
  { name: 'function body changed', change: (m) => { m.functions[0].definition = m.functions[0].definition.replace("'no'", "'nope'"); },
    want: [['definition_mismatch:function:public.deny_update()', 'MEDIUM']] },
  { name: 'function missing (its privileges go with it)', change: (m) => { m.functions = []; m.privileges = m.privileges.filter((p) => p.objectType !== 'function'); },
    want: [['missing:function:public.deny_update()', 'MEDIUM']] },
  { name: 'view changed', change: (m) => { m.views[1].definition = ' SELECT id\n   FROM public.ledger;'; }, want: [['definition_mismatch:view:public.v_ledger', 'MEDIUM']] },
  { name: 'materialized view missing', change: (m) => { m.views.splice(0, 1); }, want: [['missing:materialized_view:public.mv_totals', 'MEDIUM']] },
  { name: 'sequence changed', change: (m) => { m.sequences[1].increment = '2'; }, want: [['definition_mismatch:sequence:public.free_seq', 'MEDIUM']] },
  { name: 'sequence extra', change: (m) => { m.sequences.push({ ...m.sequences[1], name: 'zz_seq' }); }, want: [['extra:sequence:public.zz_seq', 'LOW']] },
  { name: 'enum label changed', change: (m) => { m.types[0].labels = ['ok', 'sad']; m.types[0].definition = "ENUM ('ok', 'sad')"; },
    want: [['definition_mismatch:type:public.mood', 'MEDIUM']], check: ([d]) => expect(d.message).toContain('(lacks bad; adds sad)') },
  { name: 'type missing', change: (m) => { m.types = []; }, want: [['missing:type:public.mood', 'MEDIUM']] },
  { name: 'extension extra and schema moved', change: (m) => { m.extensions.push({ name: 'pgcrypto', schema: 'public', version: '1.4' }); m.extensions[0].schema = 'public'; },
    want: [['definition_mismatch:extension:plpgsql', 'MEDIUM'], ['extra:extension:pgcrypto', 'LOW']] },
  { name: 'schema missing and extra', change: (m) => { m.schemas = ['other']; }, want: [['missing:schema:public', 'MEDIUM'], ['extra:schema:other', 'LOW']] },
  { name: 'privilege missing on a tagged grant', spec: taggedSpec, change: (m) => { m.privileges[0].privileges = ['SELECT']; },
    want: [['privilege_missing:privilege:public.ledger:app_rw', 'BLOCKING']],
    check: ([d]) => { expect(d).toMatchObject({ expected: 'INSERT, SELECT', actual: 'SELECT', table: 'public.ledger' }); expect(d.message).toBe('role app_rw lacks INSERT on table public.ledger'); } },
  { name: 'privilege extra (ledger immutability: UPDATE granted)', change: (m) => { m.privileges[0].privileges = ['INSERT', 'SELECT', 'UPDATE']; },
    want: [['privilege_extra:privilege:public.ledger:app_rw', 'LOW']], check: ([d]) => expect(d.message).toBe('role app_rw has UPDATE on table public.ledger beyond canonical') },
  { name: 'privilege both missing and extra for one grantee; grant option counts', change: (m) => { m.privileges[1].privileges = ['UPDATE']; m.privileges.push({ object: 'public.ledger', objectType: 'table', grantee: 'PUBLIC', privileges: ['SELECT'], grantable: ['SELECT'] }); },
    want: [['privilege_missing:privilege:public.ledger:app_ro', 'MEDIUM'], ['privilege_extra:privilege:public.ledger:PUBLIC', 'LOW'], ['privilege_extra:privilege:public.ledger:app_ro', 'LOW']],
    check: (ds) => expect(ds.find((d) => d.object === 'public.ledger:PUBLIC')!.actual).toBe('SELECT, SELECT WITH GRANT OPTION') },
  { name: 'owners and roles are never diffed', change: (m) => { table(m, 'ledger').owner = 'migration_owner'; m.views[0].owner = 'x'; m.roles = []; }, want: [] },
  { name: 'column order is not drift', change: (m) => { const cs = table(m, 'tenants').columns; cs.reverse(); cs.forEach((c, i) => { c.position = i + 1; }); }, want: [] },
];

describe('compareSchemas: one case per kind and object type', () => {
  it('canonical against itself has no divergences', () => {
    expect(compareSchemas(baseModel(), baseModel(), spec)).toEqual([]);
    expect(compareSchemas(baseModel(), baseModel(), taggedSpec)).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const actual = baseModel();
      c.change(actual);
      const ds = compareSchemas(baseModel(), normalizeModel(actual), c.spec ?? spec);
      expect(ds.map((d) => [d.id, d.severity])).toEqual(c.want);
      for (const d of ds) {
        expect(d.id).toBe(`${d.kind}:${d.object_type}:${d.object}`);
        expect(d.message.length).toBeGreaterThan(0);
      }
      c.check?.(ds);
    });
  }

  it('is deterministic: shuffled inputs give the same output', () => {
    const actual = baseModel();
    const combined = ['column type', 'default', 'identity', 'renamed column: missing + extra, both messages say so', 'FK action changed',
      'index lost INCLUDE', 'extra index', 'RLS not forced', 'policy USING changed', 'trigger disabled', 'view changed', 'sequence extra',
      'enum label changed', 'privilege extra (ledger immutability: UPDATE granted)', 'extra table', 'constraint renamed, same definition: LOW, extra suppressed'];
    for (const name of combined) CASES.find((c) => c.name === name)!.change(actual);
    const want = compareSchemas(baseModel(), actual, taggedSpec);
    expect(want.length).toBe(16);
    const shuffle = <T>(xs: T[], seed: number) => xs.map((x, i) => [((i + 1) * 7919 * seed) % 101, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
    for (const seed of [3, 5, 11]) {
      const s = (m: SchemaModel): SchemaModel => ({
        ...m,
        schemas: shuffle(m.schemas, seed), tables: shuffle(m.tables, seed).map((t) => ({ ...t, columns: shuffle(t.columns, seed) })),
        constraints: shuffle(m.constraints, seed), indexes: shuffle(m.indexes, seed), policies: shuffle(m.policies, seed),
        privileges: shuffle(m.privileges, seed), views: shuffle(m.views, seed), sequences: shuffle(m.sequences, seed),
      });
      expect(compareSchemas(s(baseModel()), s(actual), taggedSpec)).toEqual(want);
    }
  });

  it('sorts by severity, then object, then kind', () => {
    const actual = baseModel();
    column(actual, 'ledger', 'amount_cents').notNull = false;
    column(actual, 'ledger', 'amount_cents').type = 'integer';
    table(actual, 'ledger').rlsForced = false;
    column(actual, 'tenants', 'name').type = 'text';
    const ds = compareSchemas(baseModel(), actual, taggedSpec);
    expect(ds.map((d) => `${d.severity} ${d.object} ${d.kind}`)).toEqual([
      'BLOCKING public.ledger.amount_cents nullability_mismatch',
      'BLOCKING public.ledger.amount_cents type_mismatch',
      'HIGH public.ledger rls_not_forced',
      'MEDIUM public.tenants.name type_mismatch',
    ]);
  });
});

describe('diffLists', () => {
  it('yields missing, extra and what diffOne says about pairs', () => {
    const r = diffLists([{ k: 'a', v: 1 }, { k: 'b', v: 2 }], [{ k: 'b', v: 3 }, { k: 'c', v: 4 }], (x) => x.k, (e, a) => (e.v === a.v ? [] : [`${e.k}:${e.v}->${a.v}`]));
    expect(r).toEqual({ missing: [{ k: 'a', v: 1 }], extra: [{ k: 'c', v: 4 }], altered: ['b:2->3'] });
  });
});

void col;
