/**
 * Severities with no overlay at all (spec/defaults.ts reviewerSeverity): by what the change does.
 * Dropping a table, column, constraint, unique index or policy, or disabling RLS is BLOCKING;
 * type changes and non-unique index changes HIGH; additions LOW.
 */
import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../../src/core/compare/compare';
import type { SchemaModel } from '../../src/core/model';
import { defaultSpec } from '../../src/core/spec/defaults';
import { elementsAbsentFromCanonical } from '../../src/core/spec/against-canonical';
import type { Spec } from '../../src/core/spec/types';
import { baseModel, col } from './model-fixture';

const spec = defaultSpec();
const table = (m: SchemaModel, name: string) => m.tables.find((t) => t.name === name)!;

const CASES: { name: string; change: (m: SchemaModel) => void; want: [string, string][] }[] = [
  { name: 'dropped table', change: (m) => {
    m.tables = m.tables.filter((t) => t.name !== 'tenants');
    m.constraints = m.constraints.filter((c) => c.table !== 'tenants' && c.name !== 'ledger_tenant_id_fkey');
  }, want: [['missing:constraint:public.ledger.ledger_tenant_id_fkey', 'BLOCKING'], ['missing:table:public.tenants', 'BLOCKING']] },
  { name: 'dropped column', change: (m) => { table(m, 'tenants').columns.pop(); }, want: [['missing:column:public.tenants.name', 'BLOCKING']] },
  { name: 'dropped constraint', change: (m) => { m.constraints = m.constraints.filter((c) => c.name !== 'ck_ledger_amount'); }, want: [['missing:constraint:public.ledger.ck_ledger_amount', 'BLOCKING']] },
  { name: 'dropped unique index', change: (m) => {
    m.constraints = m.constraints.filter((c) => c.name !== 'ledger_pkey');
    m.indexes = m.indexes.filter((i) => i.name !== 'ledger_pkey');
  }, want: [['missing:constraint:public.ledger.ledger_pkey', 'BLOCKING'], ['missing:index:public.ledger.ledger_pkey', 'BLOCKING']] },
  { name: 'dropped policy', change: (m) => { m.policies = []; }, want: [['missing:policy:public.ledger.tenant_isolation_policy', 'BLOCKING']] },
  { name: 'RLS disabled', change: (m) => { table(m, 'ledger').rlsEnabled = false; table(m, 'ledger').rlsForced = false; }, want: [['rls_disabled:rls:public.ledger', 'BLOCKING']] },
  { name: 'column type changed', change: (m) => { table(m, 'tenants').columns[1].type = 'text'; }, want: [['type_mismatch:column:public.tenants.name', 'HIGH']] },
  { name: 'non-unique index dropped', change: (m) => { m.indexes = m.indexes.filter((i) => i.name !== 'idx_ledger_tenant'); }, want: [['missing:index:public.ledger.idx_ledger_tenant', 'HIGH']] },
  { name: 'non-unique index changed', change: (m) => { m.indexes[0].definition = m.indexes[0].definition.replace(' INCLUDE (amount_cents)', ''); }, want: [['definition_mismatch:index:public.ledger.idx_ledger_tenant', 'HIGH']] },
  { name: 'additions are LOW', change: (m) => {
    table(m, 'tenants').columns.push(col('note', 3, 'text'));
    m.tables.push({ ...table(m, 'tenants'), name: 'audit', columns: [col('id', 1, 'uuid')] });
  }, want: [['extra:table:public.audit', 'LOW'], ['extra:column:public.tenants.note', 'LOW']] },
  { name: 'a changed default is MEDIUM', change: (m) => { table(m, 'ledger').columns[3].default = null; }, want: [['default_mismatch:column:public.ledger.state', 'MEDIUM']] },
];

describe('severities without an overlay', () => {
  it.each(CASES)('$name', ({ change, want }) => {
    const actual = structuredClone(baseModel());
    change(actual);
    const got = compareSchemas(baseModel(), actual, spec).map((d) => [d.id, d.severity]);
    expect(got).toEqual(want);
  });

  it('an identical pair has no divergence', () => {
    expect(compareSchemas(baseModel(), baseModel(), spec)).toEqual([]);
  });
});

describe('overlay against its canonical', () => {
  const withElements = (elements: Spec['elements']): Spec => ({ ...defaultSpec('o.yaml'), elements });
  it('accepts elements the canonical has, quoted or not', () => {
    const s = withElements([
      { type: 'table', object: 'public.ledger', phases: [] },
      { type: 'column', object: 'public."tenants".name', phases: [] },
      { type: 'rls', object: 'public.ledger', phases: [] },
      { type: 'index', object: 'public.ledger.idx_ledger_tenant', phases: [] },
      { type: 'function', object: 'public.deny_update()', phases: [] },
      { type: 'privilege', object: 'public.ledger:nobody_yet', phases: [] },
    ]);
    expect(elementsAbsentFromCanonical(s, baseModel())).toEqual([]);
  });
  it('lists every element the canonical lacks', () => {
    const s = withElements([
      { type: 'table', object: 'public.tenants', phases: [] },
      { type: 'table', object: 'public.nope', phases: [] },
      { type: 'column', object: 'public.tenants.api_key', phases: [] },
      { type: 'privilege', object: 'public.nope:app', phases: [] },
    ]);
    expect(elementsAbsentFromCanonical(s, baseModel()).map((e) => e.object)).toEqual(['public.nope', 'public.tenants.api_key', 'public.nope:app']);
  });
});
