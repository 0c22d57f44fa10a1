/** A small, hand-written SchemaModel for table-driven comparison tests (pure: no database). */
import type { Column, SchemaModel } from '../../src/core/model';

export const col = (name: string, position: number, type: string, extra: Partial<Column> = {}): Column => ({
  name, position, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, ...extra,
});

export function baseModel(): SchemaModel {
  return {
    schemas: ['public'],
    extensions: [{ name: 'plpgsql', schema: 'pg_catalog', version: '1.0' }],
    tables: [
      {
        schema: 'public', name: 'ledger', kind: 'table', rlsEnabled: true, rlsForced: true, owner: 'postgres', comment: 'Money', partitionKey: null, partitionOf: null,
        columns: [
          col('id', 1, 'uuid', { notNull: true, default: 'gen_random_uuid()' }),
          col('tenant_id', 2, 'uuid', { notNull: true }),
          col('amount_cents', 3, 'bigint', { notNull: true }),
          col('state', 4, 'character varying(20)', { notNull: true, default: "'pending'::character varying", comment: 'state machine' }),
          col('seq', 5, 'bigint', { notNull: true, identity: 'always' }),
        ],
      },
      {
        schema: 'public', name: 'tenants', kind: 'table', rlsEnabled: false, rlsForced: false, owner: 'postgres', comment: null, partitionKey: null, partitionOf: null,
        columns: [col('id', 1, 'uuid', { notNull: true }), col('name', 2, 'character varying(255)', { notNull: true })],
      },
    ],
    constraints: [
      { schema: 'public', table: 'ledger', name: 'ck_ledger_amount', type: 'check', columns: ['amount_cents'], definition: 'CHECK ((amount_cents >= 0))', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
      { schema: 'public', table: 'ledger', name: 'ledger_pkey', type: 'primary key', columns: ['id'], definition: 'PRIMARY KEY (id)', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
      {
        schema: 'public', table: 'ledger', name: 'ledger_tenant_id_fkey', type: 'foreign key', columns: ['tenant_id'], definition: 'FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE',
        foreignKey: { refTable: 'public.tenants', refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION', match: 'SIMPLE' }, deferrable: false, initiallyDeferred: false, validated: true, comment: null,
      },
      { schema: 'public', table: 'tenants', name: 'tenants_pkey', type: 'primary key', columns: ['id'], definition: 'PRIMARY KEY (id)', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
    ],
    indexes: [
      {
        schema: 'public', table: 'ledger', name: 'idx_ledger_tenant', unique: false, primary: false, method: 'btree',
        keys: [{ expression: 'tenant_id', isColumn: true, descending: false, nullsFirst: false, opclass: null }, { expression: 'state', isColumn: true, descending: true, nullsFirst: true, opclass: null }],
        include: ['amount_cents'], predicate: null, nullsNotDistinct: false,
        definition: 'CREATE INDEX idx_ledger_tenant ON public.ledger USING btree (tenant_id, state DESC) INCLUDE (amount_cents)', constraint: null, comment: null,
      },
      {
        schema: 'public', table: 'ledger', name: 'ledger_pkey', unique: true, primary: true, method: 'btree',
        keys: [{ expression: 'id', isColumn: true, descending: false, nullsFirst: false, opclass: null }], include: [], predicate: null, nullsNotDistinct: false,
        definition: 'CREATE UNIQUE INDEX ledger_pkey ON public.ledger USING btree (id)', constraint: 'ledger_pkey', comment: null,
      },
    ],
    policies: [{
      schema: 'public', table: 'ledger', name: 'tenant_isolation_policy', command: 'ALL', permissive: true, roles: ['public'],
      using: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)", withCheck: "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)",
    }],
    triggers: [{
      schema: 'public', table: 'ledger', name: 'trg_ledger', timing: 'BEFORE', events: ['UPDATE'], level: 'ROW', function: 'public.deny_update', enabled: 'O',
      definition: 'CREATE TRIGGER trg_ledger BEFORE UPDATE ON public.ledger FOR EACH ROW EXECUTE FUNCTION public.deny_update()',
    }],
    functions: [{
      schema: 'public', name: 'deny_update', identityArgs: '', kind: 'function', returns: 'trigger', language: 'plpgsql', securityDefiner: false, volatility: 'v',
      definition: 'CREATE OR REPLACE FUNCTION public.deny_update()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin raise exception \'no\'; end $function$\n', comment: null,
    }],
    views: [
      { schema: 'public', name: 'mv_totals', materialized: true, definition: ' SELECT tenant_id,\n    sum(amount_cents) AS total\n   FROM public.ledger\n  GROUP BY tenant_id;', columns: [{ name: 'tenant_id', type: 'uuid' }, { name: 'total', type: 'numeric' }], owner: 'postgres', comment: null },
      { schema: 'public', name: 'v_ledger', materialized: false, definition: ' SELECT id,\n    amount_cents\n   FROM public.ledger;', columns: [{ name: 'id', type: 'uuid' }, { name: 'amount_cents', type: 'bigint' }], owner: 'postgres', comment: null },
    ],
    sequences: [
      { schema: 'public', name: 'ledger_seq_seq', dataType: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cycle: false, ownedBy: 'public.ledger.seq' },
      { schema: 'public', name: 'free_seq', dataType: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cycle: false, ownedBy: null },
    ],
    types: [{ schema: 'public', name: 'mood', kind: 'enum', labels: ['ok', 'bad'], definition: "ENUM ('ok', 'bad')", comment: null }],
    privileges: [
      { object: 'public.ledger', objectType: 'table', grantee: 'app_rw', privileges: ['INSERT', 'SELECT'], grantable: [] },
      { object: 'public.ledger', objectType: 'table', grantee: 'app_ro', privileges: ['SELECT'], grantable: [] },
      { object: 'public.deny_update()', objectType: 'function', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: [] },
    ],
    roles: [{ name: 'app_ro', superuser: false, login: false, bypassRls: false, inherit: true }, { name: 'app_rw', superuser: false, login: false, bypassRls: false, inherit: true }],
  };
}
