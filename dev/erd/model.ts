/**
 * A generator of SchemaModel values for the ERD harness, the bench and tests (NOT real data:
 * every name says so, `gen_*`). Deterministic for a given seed: N tables under a `tenants` root,
 * each with `tenant_id` → tenants, 0–2 further FKs to earlier tables (some nullable, some 1:1),
 * occasional self-references, RLS forced / enabled-only / off, a policy per RLS table, indexes.
 * `driftedDump()` derives a dump with a missing table, a missing column, an extra table, an extra
 * column and a type change, plus the divergences the compare engine would report for them.
 */
import type { Column, Constraint, Index, Policy, SchemaModel, Table } from '../../src/core/model';
import { emptyModel } from '../../src/core/model';
import { mulberry32 } from '../../src/app/erd/community';
import type { Divergence } from '../../src/core/report/types';

const rng = mulberry32;

const NOUNS = ['account', 'invoice', 'event', 'session', 'channel', 'campaign', 'ledger', 'order', 'payment', 'refund',
  'attribution', 'touchpoint', 'visitor', 'product', 'segment', 'budget', 'report', 'export', 'webhook', 'credential'];
const EXTRA_COLS: [string, string][] = [['status', 'character varying(32)'], ['amount_cents', 'bigint'], ['payload', 'jsonb'],
  ['external_ref', 'text'], ['occurred_at', 'timestamp with time zone'], ['ratio', 'numeric(6,5)'], ['is_active', 'boolean'],
  ['label', 'character varying(255)'], ['note', 'text'], ['version', 'integer']];

function col(name: string, position: number, type: string, notNull: boolean, def: string | null = null): Column {
  return { name, position, type, notNull, default: def, identity: null, generated: null, collation: null, comment: null };
}

function con(schema: string, table: string, name: string, type: Constraint['type'], columns: string[], ref?: { table: string; cols: string[] }): Constraint {
  return {
    schema, table, name, type, columns,
    definition: type === 'primary key' ? `PRIMARY KEY (${columns.join(', ')})` : type === 'unique' ? `UNIQUE (${columns.join(', ')})`
      : `FOREIGN KEY (${columns.join(', ')}) REFERENCES ${ref!.table}(${ref!.cols.join(', ')})`,
    foreignKey: ref ? { refTable: ref.table, refColumns: ref.cols, onDelete: 'CASCADE', onUpdate: 'NO ACTION', match: 'SIMPLE' } : null,
    deferrable: false, initiallyDeferred: false, validated: true, comment: null,
  };
}

function idx(schema: string, table: string, name: string, cols: string[], unique: boolean, primary: boolean, constraint: string | null): Index {
  return {
    schema, table, name, unique, primary, method: 'btree',
    keys: cols.map((c) => ({ expression: c, isColumn: true, descending: false, nullsFirst: false, opclass: null })),
    include: [], predicate: null, nullsNotDistinct: false,
    definition: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${schema}.${table} USING btree (${cols.join(', ')})`,
    constraint, comment: null,
  };
}

export interface DevModelOptions { tables: number; seed?: number; schemas?: string[] }

export function devModel({ tables: n, seed = 42, schemas = ['public'] }: DevModelOptions): SchemaModel {
  const r = rng(seed);
  const m = emptyModel();
  m.schemas = [...schemas];
  const names: { schema: string; name: string }[] = [];
  const add = (t: Table, cons: Constraint[], idxs: Index[], pols: Policy[]): void => {
    m.tables.push(t); m.constraints.push(...cons); m.indexes.push(...idxs); m.policies.push(...pols);
    names.push({ schema: t.schema, name: t.name });
  };
  const base = (schema: string, name: string, cols: Column[], rls: 'forced' | 'enabled' | 'off', comment: string | null): Table => ({
    schema, name, kind: 'table', rlsEnabled: rls !== 'off', rlsForced: rls === 'forced', owner: 'postgres',
    comment, partitionKey: null, partitionOf: null, columns: cols,
  });
  add(base('public', 'tenants', [col('id', 1, 'uuid', true, 'gen_random_uuid()'), col('name', 2, 'character varying(255)', true),
    col('api_key_hash', 3, 'text', true), col('created_at', 4, 'timestamp with time zone', true, 'now()')], 'off', 'Generated tenant root (dev model).'),
  [con('public', 'tenants', 'tenants_pkey', 'primary key', ['id']), con('public', 'tenants', 'tenants_api_key_hash_key', 'unique', ['api_key_hash'])],
  [idx('public', 'tenants', 'tenants_pkey', ['id'], true, true, 'tenants_pkey'), idx('public', 'tenants', 'tenants_api_key_hash_key', ['api_key_hash'], true, false, 'tenants_api_key_hash_key')], []);

  for (let i = 1; i < n; i++) {
    const schema = schemas[i % schemas.length];
    const name = `gen_${NOUNS[i % NOUNS.length]}_${String(i).padStart(4, '0')}`;
    const cols = [col('id', 1, 'uuid', true, 'gen_random_uuid()'), col('tenant_id', 2, 'uuid', true)];
    const cons = [con(schema, name, `${name}_pkey`, 'primary key', ['id']),
      con(schema, name, `${name}_tenant_id_fkey`, 'foreign key', ['tenant_id'], { table: 'public.tenants', cols: ['id'] })];
    const idxs = [idx(schema, name, `${name}_pkey`, ['id'], true, true, `${name}_pkey`), idx(schema, name, `idx_${name}_tenant_id`, ['tenant_id'], false, false, null)];
    // FKs to earlier tables, mostly nearby so the graph has depth like a real schema.
    const fks = i < 2 ? 0 : Math.floor(r() * 3);
    for (let f = 0; f < fks; f++) {
      const j = 1 + Math.floor(Math.max(0, i - 1 - r() * Math.min(i - 1, 25)));
      const target = names[Math.min(j, names.length - 1)];
      if (target.name === 'tenants') continue;
      const c = `${target.name.replace(/^gen_/, '')}_id`;
      if (cols.some((x) => x.name === c)) continue;
      const nullable = r() < 0.35;
      cols.push(col(c, cols.length + 1, 'uuid', !nullable));
      cons.push(con(schema, name, `${name}_${c}_fkey`, 'foreign key', [c], { table: `${target.schema}.${target.name}`, cols: ['id'] }));
      if (r() < 0.12) {
        cons.push(con(schema, name, `${name}_${c}_key`, 'unique', [c]));
        idxs.push(idx(schema, name, `${name}_${c}_key`, [c], true, false, `${name}_${c}_key`));
      }
    }
    if (r() < 0.08) {
      cols.push(col('parent_id', cols.length + 1, 'uuid', false));
      cons.push(con(schema, name, `${name}_parent_id_fkey`, 'foreign key', ['parent_id'], { table: `${schema}.${name}`, cols: ['id'] }));
    }
    const extra = 1 + Math.floor(r() * 5);
    for (let e = 0; e < extra; e++) {
      const [cn, ct] = EXTRA_COLS[Math.floor(r() * EXTRA_COLS.length)];
      if (!cols.some((x) => x.name === cn)) cols.push(col(cn, cols.length + 1, ct, r() < 0.6));
    }
    cols.push(col('created_at', cols.length + 1, 'timestamp with time zone', true, 'now()'));
    const x = r();
    const rls = x < 0.8 ? 'forced' : x < 0.92 ? 'enabled' : 'off';
    const pols: Policy[] = rls === 'off' ? [] : [{
      schema, table: name, name: 'tenant_isolation_policy', command: 'ALL', permissive: true, roles: ['public'],
      using: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
      withCheck: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
    }];
    add(base(schema, name, cols, rls, r() < 0.3 ? `Generated table ${i} (dev model).` : null), cons, idxs, pols);
  }
  return m;
}

function div(severity: Divergence['severity'], kind: Divergence['kind'], type: Divergence['object_type'], object: string, table: string | null,
  expected: string | null, actual: string | null, message: string): Divergence {
  return { id: `${kind}:${type}:${object}`, severity, kind, object_type: type, object, table, invariant: null, expected, actual, phases: [], message };
}

/**
 * A drifted copy of `canonical`: drops table #2, drops a column of table #3, changes a type on
 * table #4, disables RLS on table #5, adds an extra table and an extra column. Returns the dump
 * and the divergences describing exactly those changes (generated, for the harness only).
 */
export function driftedDump(canonical: SchemaModel): { dump: SchemaModel; divergences: Divergence[] } {
  const dump: SchemaModel = structuredClone(canonical);
  const divergences: Divergence[] = [];
  const t = (i: number): Table => dump.tables[Math.min(i, dump.tables.length - 1)];
  const q = (x: { schema: string; name: string }): string => `${x.schema}.${x.name}`;

  const gone = t(2);
  const goneId = q(gone);
  dump.tables = dump.tables.filter((x) => x !== gone);
  dump.constraints = dump.constraints.filter((c) => `${c.schema}.${c.table}` !== goneId && c.foreignKey?.refTable !== goneId);
  dump.indexes = dump.indexes.filter((c) => `${c.schema}.${c.table}` !== goneId);
  dump.policies = dump.policies.filter((c) => `${c.schema}.${c.table}` !== goneId);
  divergences.push(div('BLOCKING', 'missing', 'table', goneId, goneId, 'table', null, `${gone.name} is missing from the dump`));

  const t3 = t(2);
  const dropped = t3.columns[t3.columns.length - 1];
  t3.columns = t3.columns.filter((c) => c !== dropped);
  divergences.push(div('HIGH', 'missing', 'column', `${q(t3)}.${dropped.name}`, q(t3), dropped.type, null, `${t3.name}.${dropped.name} is missing from the dump`));

  const t4 = t(3);
  const changed = t4.columns[1];
  divergences.push(div('MEDIUM', 'type_mismatch', 'column', `${q(t4)}.${changed.name}`, q(t4), changed.type, 'text', `${t4.name}.${changed.name} is text; canonical is ${changed.type}`));
  changed.type = 'text';

  const t5 = t(4);
  if (t5.rlsEnabled) {
    t5.rlsEnabled = false; t5.rlsForced = false;
    divergences.push(div('BLOCKING', 'rls_disabled', 'rls', q(t5), q(t5), 'ENABLE + FORCE', 'off', `${t5.name} has row level security off`));
  }

  const t6 = t(5);
  t6.columns.push(col('legacy_flag', t6.columns.length + 1, 'boolean', false));
  divergences.push(div('LOW', 'extra', 'column', `${q(t6)}.legacy_flag`, q(t6), null, 'boolean', `${t6.name}.legacy_flag is not in canonical`));

  dump.tables.push({ schema: 'public', name: 'gen_legacy_audit', kind: 'table', rlsEnabled: false, rlsForced: false, owner: 'postgres', comment: null,
    partitionKey: null, partitionOf: null, columns: [col('id', 1, 'bigint', true), col('tenant_id', 2, 'uuid', false), col('blob', 3, 'text', false)] });
  dump.constraints.push(con('public', 'gen_legacy_audit', 'gen_legacy_audit_pkey', 'primary key', ['id']),
    con('public', 'gen_legacy_audit', 'gen_legacy_audit_tenant_id_fkey', 'foreign key', ['tenant_id'], { table: 'public.tenants', cols: ['id'] }));
  divergences.push(div('MEDIUM', 'extra', 'table', 'public.gen_legacy_audit', 'public.gen_legacy_audit', null, 'table', 'gen_legacy_audit is not in canonical'));
  return { dump, divergences };
}
