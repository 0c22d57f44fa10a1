/**
 * A hand-built SchemaModel + Spec (two tables, FK, CHECK, unique index, RLS, policy, trigger,
 * view) in the shape introspection produces, for pure dictionary tests.
 */
import { emptyModel, type Column, type SchemaModel } from '../../src/core/model';
import type { Spec } from '../../src/core/spec/types';

const col = (name: string, position: number, type: string, extra: Partial<Column> = {}): Column => ({
  name, position, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, ...extra,
});

export function sampleModel(): SchemaModel {
  const m = emptyModel();
  m.schemas = ['public'];
  m.tables = [
    {
      schema: 'public', name: 'tenants', kind: 'table', rlsEnabled: false, rlsForced: false, owner: 'postgres',
      comment: 'One row per customer. Purpose: tenancy root.', partitionKey: null, partitionOf: null,
      columns: [
        col('id', 1, 'uuid', { notNull: true, default: 'gen_random_uuid()' }),
        col('api_key_hash', 2, 'character varying(255)', { notNull: true, comment: 'bcrypt hash | never the key <b>' }),
      ],
    },
    {
      schema: 'public', name: 'dead_events', kind: 'table', rlsEnabled: true, rlsForced: true, owner: 'postgres',
      comment: 'Dead-letter queue', partitionKey: null, partitionOf: null,
      columns: [
        col('id', 1, 'uuid', { notNull: true, default: 'gen_random_uuid()' }),
        col('tenant_id', 2, 'uuid', { notNull: true }),
        col('remediation_status', 3, 'character varying(20)', { notNull: true, default: "'pending'::character varying" }),
      ],
    },
  ];
  m.constraints = [
    { schema: 'public', table: 'tenants', name: 'tenants_pkey', type: 'primary key', columns: ['id'], definition: 'PRIMARY KEY (id)', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
    { schema: 'public', table: 'dead_events', name: 'dead_events_pkey', type: 'primary key', columns: ['id'], definition: 'PRIMARY KEY (id)', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
    {
      schema: 'public', table: 'dead_events', name: 'dead_events_tenant_id_fkey', type: 'foreign key', columns: ['tenant_id'],
      definition: 'FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE',
      foreignKey: { refTable: 'public.tenants', refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION', match: 'SIMPLE' },
      deferrable: false, initiallyDeferred: false, validated: true, comment: null,
    },
    {
      schema: 'public', table: 'dead_events', name: 'ck_dead_events_remediation_status_valid', type: 'check', columns: ['remediation_status'],
      definition: "CHECK (((remediation_status)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying, 'resolved'::character varying, 'abandoned'::character varying])::text[])))",
      foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null,
    },
  ];
  m.indexes = [
    {
      schema: 'public', table: 'tenants', name: 'idx_tenants_api_key_hash', unique: true, primary: false, method: 'btree',
      keys: [{ expression: 'api_key_hash', isColumn: true, descending: false, nullsFirst: false, opclass: null }], include: [], predicate: null,
      nullsNotDistinct: false, definition: 'CREATE UNIQUE INDEX idx_tenants_api_key_hash ON public.tenants USING btree (api_key_hash)', constraint: null, comment: null,
    },
  ];
  m.policies = [{
    schema: 'public', table: 'dead_events', name: 'tenant_isolation_policy', command: 'ALL', permissive: true, roles: ['public'],
    using: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)", withCheck: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
  }];
  m.triggers = [{
    schema: 'public', table: 'dead_events', name: 'trg_touch', timing: 'BEFORE', events: ['INSERT', 'UPDATE'], level: 'ROW',
    function: 'public.touch', enabled: 'O', definition: 'CREATE TRIGGER trg_touch BEFORE INSERT OR UPDATE ON public.dead_events FOR EACH ROW EXECUTE FUNCTION touch()',
  }];
  m.views = [{ schema: 'public', name: 'mv_status', materialized: true, definition: ' SELECT count(*) AS n\n   FROM dead_events;', columns: [{ name: 'n', type: 'bigint' }], owner: 'postgres', comment: null }];
  m.privileges = [{ object: 'public.dead_events', objectType: 'table', grantee: 'app_rw', privileges: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'], grantable: [] }];
  return m;
}

export function sampleSpec(): Spec {
  return {
    name: 'Sample', invariants: { auth_critical: 'BLOCKING', processing_critical: 'HIGH' },
    defaults: { untagged: 'MEDIUM', extra: 'LOW' }, tenancy: null, phases: [], source: 'sample.yaml',
    elements: [
      { type: 'column', object: 'public.tenants.api_key_hash', invariant: 'auth_critical', phases: ['b0.3'], rationale: 'API auth looks tenants up by hash' },
      { type: 'constraint', object: 'public.dead_events.ck_dead_events_remediation_status_valid', invariant: 'processing_critical', phases: ['b0.3', 'b0.4'] },
      { type: 'rls', object: 'public.dead_events', severity: 'BLOCKING', phases: ['b0.3'] },
      { type: 'column', object: 'public.dead_events.remediation_status', invariant: 'processing_critical', severity: 'LOW', phases: [] },
    ],
  };
}
