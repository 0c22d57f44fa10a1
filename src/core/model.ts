/**
 * The one typed, JSON-serialisable model of a PostgreSQL schema.
 *
 * Both the canonical schema and every dump are loaded into their own PGlite and
 * introspected by the same code into this shape, so formatting differences in the
 * source SQL can never show up as drift. Every definition string comes from
 * Postgres itself (`format_type`, `pg_get_constraintdef`, `pg_get_indexdef`,
 * `pg_get_expr`, `pg_get_viewdef`, `pg_get_functiondef`, `pg_get_triggerdef`).
 *
 * Objects live in flat lists, each named by schema-qualified identity; indexes,
 * constraints, policies and triggers point at their table instead of being nested.
 * `normalizeModel()` (introspect/normalize.ts) sorts every list once so outputs
 * are deterministic.
 */

/** Schema-qualified name as Postgres would print it unquoted, e.g. `public.attribution_events`. */
export type QName = string;

export interface SchemaModel {
  /** User schemas (not pg_catalog, information_schema, pg_toast*, pg_temp*). */
  schemas: string[];
  extensions: Extension[];
  tables: Table[];
  constraints: Constraint[];
  indexes: Index[];
  policies: Policy[];
  triggers: Trigger[];
  functions: Func[];
  views: View[];
  sequences: Sequence[];
  types: TypeDef[];
  privileges: Privilege[];
  /** Roles referenced by grants, policies or ownership (never the bootstrap superuser). */
  roles: Role[];
  // Optional lists (issue 10): absent in models built before them, read as empty.
  /** Owner and COMMENT ON SCHEMA of each name in `schemas`. */
  namespaces?: Namespace[];
  /** CREATE COLLATION objects. */
  collations?: Collation[];
  /** CREATE EVENT TRIGGER objects (database-wide, no schema). */
  eventTriggers?: EventTrigger[];
  /** CREATE RULE on tables and views (not the `_RETURN` rule that makes a view). */
  rules?: Rule[];
  /** CREATE PUBLICATION objects (logical replication). */
  publications?: Publication[];
  /** CREATE SERVER objects (foreign data). */
  foreignServers?: ForeignServer[];
  /** Absent in models from before wrappers were introspected. */
  foreignDataWrappers?: ForeignDataWrapper[];
  /** ALTER DEFAULT PRIVILEGES entries, one per (role, schema, object kind, grantee). */
  defaultPrivileges?: DefaultPrivilege[];
}

export interface Namespace {
  name: string;
  /** e.g. `postgres` */
  owner: string;
  comment: string | null;
}

export interface Collation {
  schema: string;
  name: string;
  /** Provider, locale, deterministic, as one line, e.g. `provider = icu, locale = 'und-u-ks-level2', deterministic = false`. */
  definition: string;
  owner: string;
  comment: string | null;
}

export interface EventTrigger {
  name: string;
  /** e.g. `ddl_command_start` */
  event: string;
  /** WHEN TAG IN (…), sorted; empty for every command. */
  tags: string[];
  /** Function called, e.g. `public.log_ddl`. */
  function: QName;
  /** `O` enabled, `D` disabled, `R` replica, `A` always. */
  enabled: 'O' | 'D' | 'R' | 'A';
  owner: string;
  comment: string | null;
}

export interface Rule {
  schema: string;
  /** Table or view the rule is on. */
  table: string;
  name: string;
  /** pg_get_ruledef(oid), e.g. `CREATE RULE r AS ON DELETE TO public.t DO INSTEAD NOTHING;`. */
  definition: string;
  /** `O` enabled, `D` disabled, `R` replica, `A` always. */
  enabled: 'O' | 'D' | 'R' | 'A';
  comment: string | null;
}

export interface Publication {
  name: string;
  /** FOR ALL TABLES */
  allTables: boolean;
  /** Published actions, sorted subset of `delete`, `insert`, `truncate`, `update`. */
  actions: string[];
  /** publish_via_partition_root */
  viaRoot: boolean;
  /** Published tables, each `public.t` plus its column list / WHERE as Postgres prints them; sorted. */
  tables: string[];
  /** FOR TABLES IN SCHEMA …, sorted. */
  schemas: string[];
  owner: string;
  comment: string | null;
}

/** CREATE FOREIGN DATA WRAPPER (not one an extension created, e.g. postgres_fdw's). */
export interface ForeignDataWrapper {
  name: string;
  /** HANDLER / VALIDATOR / OPTIONS as one line, e.g. `HANDLER public.h VALIDATOR public.v OPTIONS (debug 'true')`; '' for none. */
  definition: string;
  owner: string;
  comment: string | null;
}

export interface ForeignServer {
  name: string;
  /** Foreign-data wrapper, e.g. `postgres_fdw`. */
  wrapper: string;
  /** TYPE / VERSION / OPTIONS as one line, e.g. `OPTIONS (host 'db', port '5432')`. */
  definition: string;
  owner: string;
  comment: string | null;
}

export interface DefaultPrivilege {
  /** Role whose future objects get the grant (FOR ROLE …). */
  role: string;
  /** IN SCHEMA …; null for every schema. */
  schema: string | null;
  /** `tables`, `sequences`, `functions`, `types` or `schemas`. */
  objectType: string;
  /** Role name, or `PUBLIC`. */
  grantee: string;
  /** Sorted privilege keywords; the grant option spelled `SELECT WITH GRANT OPTION`. */
  privileges: string[];
}

export interface Extension {
  /** e.g. `pgcrypto` */
  name: string;
  /** schema the extension objects live in, e.g. `public` */
  schema: string;
  version: string;
  /** COMMENT ON EXTENSION (the control file's, unless the script set another); absent in older snapshots. */
  comment?: string | null;
}

export interface Table {
  schema: string;
  name: string;
  /** `table` (relkind r) or `partitioned` (relkind p). */
  kind: 'table' | 'partitioned';
  /** relrowsecurity: ALTER TABLE … ENABLE ROW LEVEL SECURITY. */
  rlsEnabled: boolean;
  /** relforcerowsecurity: ALTER TABLE … FORCE ROW LEVEL SECURITY (owner is subject to RLS too). */
  rlsForced: boolean;
  /** Owning role name, e.g. `postgres`, `migration_owner`. Informational: OWNER TO is dump noise. */
  owner: string;
  /** COMMENT ON TABLE text; null when none. */
  comment: string | null;
  /** Partition key as pg_get_partkeydef prints it, e.g. `RANGE (created_at)`; null when not partitioned. */
  partitionKey: string | null;
  /** Parent table when this is a partition, e.g. `public.events`; null otherwise. */
  partitionOf: QName | null;
  /** Partition bound as pg_get_expr prints it, e.g. `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`, `DEFAULT`; null when not a partition. */
  partitionBound?: string | null;
  /** Parents by plain inheritance (INHERITS), in order; partitions use partitionOf. */
  inherits?: QName[];
  /** `unlogged` for CREATE UNLOGGED TABLE, else `permanent`. */
  persistence?: 'permanent' | 'unlogged';
  /** Storage parameters (reloptions) as stored, sorted, e.g. `['autovacuum_enabled=false', 'fillfactor=70']`. */
  options?: string[];
  /** Index named by ALTER TABLE … CLUSTER ON; null when none. */
  clusterOn?: string | null;
  /** REPLICA IDENTITY: `DEFAULT`, `FULL`, `NOTHING` or `USING INDEX name`. */
  replicaIdentity?: string;
  /** A foreign table: its server and OPTIONS as Postgres prints them; null for a regular table. */
  foreign?: { server: string; options: string[] } | null;
  /** Columns in attnum order (dropped columns excluded). */
  columns: Column[];
}

export interface Column {
  name: string;
  /** 1-based ordinal among live columns. */
  position: number;
  /** format_type(atttypid, atttypmod), e.g. `character varying(255)`, `numeric(6,5)`, `timestamp with time zone`, `uuid`. */
  type: string;
  /** attnotnull */
  notNull: boolean;
  /** pg_get_expr(adbin) for a plain default, e.g. `'pending'::character varying`, `now()`, `gen_random_uuid()`; null means no default. */
  default: string | null;
  /** Identity column: `always` (GENERATED ALWAYS AS IDENTITY), `by default`, or null. */
  identity: 'always' | 'by default' | null;
  /** Stored generated column expression (GENERATED ALWAYS AS (expr) STORED); null otherwise. */
  generated: string | null;
  /** Non-default collation name, e.g. `C`; null for the type's default. */
  collation: string | null;
  /** COMMENT ON COLUMN text; null when none. */
  comment: string | null;
  /** ALTER COLUMN … SET STATISTICS n; null for the default (-1). */
  statistics?: number | null;
  /** ALTER COLUMN … SET STORAGE when it differs from the type's default: `plain`, `external`, `extended`, `main`; null otherwise. */
  storage?: string | null;
}

export type ConstraintType = 'primary key' | 'foreign key' | 'unique' | 'check' | 'exclude' | 'not null';

export interface Constraint {
  schema: string;
  table: string;
  /** Constraint name, e.g. `ck_revenue_ledger_state_valid`. */
  name: string;
  type: ConstraintType;
  /** Constrained columns in key order (empty for table-level CHECKs that name none). */
  columns: string[];
  /** pg_get_constraintdef(oid), e.g. `CHECK (((state)::text = ANY ((ARRAY['pending'::character varying])::text[])))`. */
  definition: string;
  /** Present for foreign keys only. */
  foreignKey: ForeignKey | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  /** convalidated: false for NOT VALID constraints. */
  validated: boolean;
  comment: string | null;
}

export type FkAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey {
  /** Referenced table, e.g. `public.tenants`. */
  refTable: QName;
  /** Referenced columns in key order, e.g. `['id']`. */
  refColumns: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
  /** `SIMPLE`, `FULL` or `PARTIAL`. */
  match: 'SIMPLE' | 'FULL' | 'PARTIAL';
}

export interface IndexKey {
  /** Column name, or the expression text for an expression key, e.g. `lower((email)::text)`. */
  expression: string;
  /** True when the key is a plain column reference. */
  isColumn: boolean;
  descending: boolean;
  /** NULLS FIRST (true) / NULLS LAST (false) as stored; defaults differ with ASC/DESC. */
  nullsFirst: boolean;
  /** Non-default operator class, e.g. `text_pattern_ops`; null for the default. */
  opclass: string | null;
}

export interface Index {
  schema: string;
  table: string;
  /** Index name, e.g. `idx_events_processing_status`. */
  name: string;
  unique: boolean;
  /** Backs the table's PRIMARY KEY. */
  primary: boolean;
  /** Access method: `btree`, `gin`, `gist`, `hash`, `brin`, … */
  method: string;
  /** Key columns/expressions in order (INCLUDE columns excluded). */
  keys: IndexKey[];
  /** INCLUDE (…) payload columns in order. */
  include: string[];
  /** Partial-index predicate as pg_get_expr prints it, e.g. `((processing_status)::text = 'pending'::text)`; null when not partial. */
  predicate: string | null;
  /** NULLS NOT DISTINCT (PG15+). */
  nullsNotDistinct: boolean;
  /** pg_get_indexdef(oid) with the index and table names as printed by Postgres. */
  definition: string;
  /** Name of the constraint this index implements (PK/UNIQUE/EXCLUDE), null for a plain index. */
  constraint: string | null;
  comment: string | null;
  /**
   * The partitioned index (`schema.name`) this index on a partition is attached to, null when it
   * is attached to none. Optional: models saved before it was introspected read as unknown.
   */
  attachedTo?: string | null;
  /** False for an invalid index, e.g. a partitioned index with a partition left unattached. */
  valid?: boolean;
}

export type PolicyCommand = 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface Policy {
  schema: string;
  table: string;
  /** e.g. `tenant_isolation_policy` */
  name: string;
  command: PolicyCommand;
  /** PERMISSIVE (true) policies are OR-ed; RESTRICTIVE (false) ones are AND-ed. */
  permissive: boolean;
  /** Role names the policy applies to, sorted; `['public']` means every role. */
  roles: string[];
  /** USING expression as pg_get_expr prints it; null when absent. */
  using: string | null;
  /** WITH CHECK expression as pg_get_expr prints it; null when absent. */
  withCheck: string | null;
  comment?: string | null;
}

export interface Trigger {
  schema: string;
  table: string;
  /** e.g. `trg_check_allocation_sum` */
  name: string;
  /** `BEFORE`, `AFTER` or `INSTEAD OF`. */
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  /** Sorted subset of INSERT, UPDATE, DELETE, TRUNCATE. */
  events: string[];
  /** `ROW` or `STATEMENT`. */
  level: 'ROW' | 'STATEMENT';
  /** Function called, e.g. `public.check_allocation_sum`. */
  function: QName;
  /** `O` enabled (origin), `D` disabled, `R` replica, `A` always. */
  enabled: 'O' | 'D' | 'R' | 'A';
  /** pg_get_triggerdef(oid) (constraint triggers print as CREATE CONSTRAINT TRIGGER … DEFERRABLE …). */
  definition: string;
  comment?: string | null;
}

export interface Func {
  schema: string;
  name: string;
  /** pg_get_function_identity_arguments, e.g. `` or `p_tenant uuid`. Part of the identity. */
  identityArgs: string;
  kind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_function_result, e.g. `trigger`, `integer`; null for procedures. */
  returns: string | null;
  /** e.g. `plpgsql`, `sql` */
  language: string;
  securityDefiner: boolean;
  /** `i` immutable, `s` stable, `v` volatile. */
  volatility: 'i' | 's' | 'v';
  /** pg_get_functiondef(oid) for functions/procedures; the aggregate signature for aggregates. */
  definition: string;
  comment: string | null;
  owner?: string;
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  /** pg_get_viewdef(oid, true). */
  definition: string;
  /** Output columns with format_type types (and COMMENT ON COLUMN), in order. */
  columns: { name: string; type: string; comment?: string | null }[];
  owner: string;
  comment: string | null;
  /** WITH (…) options, sorted, e.g. `['check_option=cascaded', 'security_barrier=true']`. */
  options?: string[];
}

export interface Sequence {
  schema: string;
  name: string;
  /** e.g. `bigint` */
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
  /** Column that owns the sequence, e.g. `public.t.id`; null when free-standing. */
  ownedBy: string | null;
  /** CACHE n */
  cache?: string;
  /** True for the sequence behind a GENERATED … AS IDENTITY column. */
  identity?: boolean;
  owner?: string;
  comment?: string | null;
}

export interface TypeDef {
  schema: string;
  name: string;
  kind: 'enum' | 'domain' | 'composite' | 'range';
  /** Enum labels in sort order (enum only). */
  labels: string[];
  /** Domain: base type + constraints; composite: attribute list; range: subtype. Printed by Postgres. */
  definition: string;
  comment: string | null;
  owner?: string;
  /** Domain only: COMMENT ON CONSTRAINT … ON DOMAIN, by constraint name (commented ones only). */
  constraintComments?: Record<string, string>;
}

export type PrivilegeObjectType = 'table' | 'view' | 'materialized view' | 'sequence' | 'function' | 'schema' | 'column' | 'foreign table';

export interface Privilege {
  /** Object the ACL is on, schema-qualified (`public.revenue_ledger`), a column (`public.t.c`), a function with args, or a schema name. */
  object: string;
  objectType: PrivilegeObjectType;
  /** Role name, or `PUBLIC`. */
  grantee: string;
  /** Sorted privilege keywords, e.g. `['INSERT', 'SELECT']`. */
  privileges: string[];
  /** Sorted subset of `privileges` held WITH GRANT OPTION. */
  grantable: string[];
}

export interface Role {
  name: string;
  superuser: boolean;
  login: boolean;
  bypassRls: boolean;
  inherit: boolean;
}

/** An empty model: the identity for tests and for a dump that created nothing. */
export function emptyModel(): SchemaModel {
  return {
    schemas: [], extensions: [], tables: [], constraints: [], indexes: [], policies: [],
    triggers: [], functions: [], views: [], sequences: [], types: [], privileges: [], roles: [],
    namespaces: [], collations: [], eventTriggers: [], rules: [], publications: [], foreignServers: [], foreignDataWrappers: [], defaultPrivileges: [],
  };
}
