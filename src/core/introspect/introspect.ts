/**
 * Reads a database's catalog into a SchemaModel. Canonical SQL and every dump go through
 * this same code, so how the SQL was written (formatting, casing, quoting, statement order,
 * `int` vs `integer`, inline vs ALTER TABLE constraints) never shows up as drift: every
 * definition is printed by Postgres.
 *
 * Cost: a fixed number of catalog queries (one per object kind, whole database), whatever
 * the number of tables.
 */
import type { Db } from '../db';
import type {
  Column, Constraint, ConstraintType, Extension, FkAction, Func, Index, IndexKey, Policy, PolicyCommand,
  Privilege, PrivilegeObjectType, Role, SchemaModel, Sequence, Table, Trigger, TypeDef, View,
} from '../model';
import { toCollation, toDefaultPrivilege, toEventTrigger, toForeignDataWrapper, toForeignServer, toNamespace, toPublication, toRule } from './rows-extra';
import { catalogQuery, type QueryName } from './queries';
import { normalizeModel } from './normalize';
import { applyRoundTrip, roundTripPlan, stabilizeMaterializedViews } from './roundtrip';

type Row = Record<string, unknown>;

export interface IntrospectOptions {
  /** Abort between catalog queries (the app cancels a check when the user loads another file). */
  signal?: AbortSignal;
}

/**
 * Introspects every user schema of `db` (not pg_catalog, information_schema, pg_toast*,
 * pg_temp*, nor objects that belong to extensions) into a normalized SchemaModel.
 *
 * The queries run in one transaction with `search_path = pg_catalog`, always rolled back: a
 * consistent snapshot, and every user object in a printed definition is schema-qualified the
 * same way whatever search_path the loaded script left behind (pg_dump empties it). Inside it,
 * the print-stability pass (roundtrip.ts) re-creates objects whose printed form Postgres would
 * re-read differently, so a dump of a schema and the schema itself print alike; the rollback
 * undoes it. Do not call this inside a transaction of your own.
 */
export async function introspect(db: Db, options: IntrospectOptions = {}): Promise<SchemaModel> {
  const { signal } = options;
  signal?.throwIfAborted();
  await db.exec('BEGIN; SET LOCAL search_path = pg_catalog;');
  try {
    const run = async (name: QueryName): Promise<Row[]> => {
      signal?.throwIfAborted();
      try {
        return (await db.query<Row>(catalogQuery(name))).rows;
      } catch (err) {
        throw new Error(`introspection query "${name}" failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      }
    };
    const schemas = (await run('schemas')).map((r) => str(r.name));
    const extensions = (await run('extensions')).map(toExtension);
    const columns = await run('columns');
    const tables = (await run('tables')).map(toTable);
    const views = (await run('views')).map(toView);
    attachColumns(tables, views, columns);
    const model: SchemaModel = {
      schemas,
      extensions,
      tables,
      constraints: (await run('constraints')).map(toConstraint),
      indexes: (await run('indexes')).map(toIndex),
      policies: (await run('policies')).map(toPolicy),
      triggers: (await run('triggers')).map(toTrigger),
      functions: (await run('functions')).map(toFunc),
      views,
      sequences: (await run('sequences')).map(toSequence),
      types: (await run('types')).map(toType),
      privileges: (await run('privileges')).map(toPrivilege),
      roles: (await run('roles')).map(toRole),
      namespaces: (await run('namespaces')).map(toNamespace),
      collations: (await run('collations')).map(toCollation),
      eventTriggers: (await run('event_triggers')).map(toEventTrigger),
      rules: (await run('rules')).map(toRule),
      publications: (await run('publications')).map(toPublication),
      foreignServers: (await run('foreign_servers')).map(toForeignServer),
      foreignDataWrappers: (await run('foreign_data_wrappers')).map(toForeignDataWrapper),
      defaultPrivileges: (await run('default_privileges')).map(toDefaultPrivilege),
    };
    const plan = roundTripPlan(model);
    if ((await applyRoundTrip(db, plan.statements, signal)) > 0) {
      // Re-read what the pass changed (the kinds it re-created); everything else stays as first read.
      const { touches } = plan;
      if (touches.relations) {
        const again = (await run('tables')).map(toTable);
        const againViews = (await run('views')).map(toView);
        attachColumns(again, againViews, await run('columns'));
        model.tables = again;
        model.views = againViews;
      }
      // A re-created constraint or index is a new object: carry its COMMENT over.
      const key = (o: { schema: string; table: string; name: string }) => `${o.schema}.${o.table}.${o.name}`;
      if (touches.constraints) {
        const constraintComments = new Map(model.constraints.map((c) => [key(c), c.comment]));
        model.constraints = (await run('constraints')).map(toConstraint).map((c) => ({ ...c, comment: constraintComments.get(key(c)) ?? c.comment }));
      }
      if (touches.indexes) {
        const indexComments = new Map(model.indexes.map((i) => [key(i), i.comment]));
        model.indexes = (await run('indexes')).map(toIndex).map((i) => ({ ...i, comment: indexComments.get(key(i)) ?? i.comment }));
      }
      if (touches.policies) model.policies = (await run('policies')).map(toPolicy);
    }
    model.views = await stabilizeMaterializedViews(db, model.views, signal);
    return normalizeModel(model);
  } finally {
    await db.exec('ROLLBACK');
  }
}

// ---- row → model mapping (the only place that knows the catalog column names) ----

export function str(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`introspection: expected text, got ${v === null ? 'null' : typeof v}`);
  return v;
}
export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : str(v);
}
export function bool(v: unknown): boolean {
  return v === true || v === 't' || v === 'true';
}
/** text[] arrives as a JS array from PGlite; tolerate the `{a,b}` literal form too. */
export function strArray(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return parsePgArray(v);
  throw new Error(`introspection: expected an array, got ${typeof v}`);
}
function parsePgArray(s: string): string[] {
  const inner = s.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quoted) {
      if (ch === '\\') cur += inner[++i];
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
const tableKey = (schema: string, name: string) => `${schema}\u0000${name}`;

function toExtension(r: Row): Extension {
  return { name: str(r.name), schema: str(r.schema), version: str(r.version), comment: strOrNull(r.comment) };
}

function toTable(r: Row): Table {
  return {
    schema: str(r.schema),
    name: str(r.name),
    kind: r.kind === 'partitioned' ? 'partitioned' : 'table',
    rlsEnabled: bool(r.rls_enabled),
    rlsForced: bool(r.rls_forced),
    owner: str(r.owner),
    comment: strOrNull(r.comment),
    partitionKey: strOrNull(r.partition_key),
    partitionOf: strOrNull(r.partition_of),
    partitionBound: strOrNull(r.partition_bound),
    inherits: strArray(r.inherits),
    persistence: r.persistence === 'unlogged' ? 'unlogged' : 'permanent',
    options: strArray(r.options),
    clusterOn: strOrNull(r.cluster_on),
    replicaIdentity: str(r.replica_identity),
    foreign: r.foreign_server === null || r.foreign_server === undefined ? null : { server: str(r.foreign_server), options: strArray(r.foreign_options) },
    columns: [],
  };
}

function toView(r: Row): View {
  return {
    schema: str(r.schema),
    name: str(r.name),
    materialized: bool(r.materialized),
    definition: str(r.definition),
    columns: [],
    owner: str(r.owner),
    comment: strOrNull(r.comment),
    options: strArray(r.options),
  };
}

/** One columns query serves tables and views; route each row to its relation. */
function attachColumns(tables: Table[], views: View[], rows: Row[]): void {
  const tablesByKey = new Map(tables.map((t) => [tableKey(t.schema, t.name), t]));
  const viewsByKey = new Map(views.map((v) => [tableKey(v.schema, v.name), v]));
  for (const r of rows) {
    const key = tableKey(str(r.schema), str(r.table));
    const t = tablesByKey.get(key);
    if (t) {
      t.columns.push(toColumn(r));
      continue;
    }
    viewsByKey.get(key)?.columns.push({ name: str(r.name), type: str(r.type), comment: strOrNull(r.comment) });
  }
}

function toColumn(r: Row): Column {
  const identity = r.identity === 'always' || r.identity === 'by default' ? r.identity : null;
  return {
    name: str(r.name),
    position: Number(r.position),
    type: str(r.type),
    notNull: bool(r.not_null),
    default: strOrNull(r.default),
    identity,
    generated: strOrNull(r.generated),
    collation: strOrNull(r.collation),
    comment: strOrNull(r.comment),
    statistics: r.statistics === null || r.statistics === undefined ? null : Number(r.statistics),
    storage: strOrNull(r.storage),
  };
}

const FK_ACTIONS: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const FK_MATCH: Record<string, 'SIMPLE' | 'FULL' | 'PARTIAL'> = { s: 'SIMPLE', f: 'FULL', p: 'PARTIAL' };

function toConstraint(r: Row): Constraint {
  const type = str(r.type) as ConstraintType;
  return {
    schema: str(r.schema),
    table: str(r.table),
    name: str(r.name),
    type,
    columns: strArray(r.columns),
    definition: str(r.definition),
    foreignKey: type === 'foreign key'
      ? {
        refTable: str(r.ref_table),
        refColumns: strArray(r.ref_columns),
        onDelete: FK_ACTIONS[str(r.on_delete)] ?? 'NO ACTION',
        onUpdate: FK_ACTIONS[str(r.on_update)] ?? 'NO ACTION',
        match: FK_MATCH[str(r.match)] ?? 'SIMPLE',
      }
      : null,
    deferrable: bool(r.deferrable),
    initiallyDeferred: bool(r.initially_deferred),
    validated: bool(r.validated),
    comment: strOrNull(r.comment),
  };
}

function toIndex(r: Row): Index {
  const keys = (json<IndexKey[] | null>(r.keys) ?? []).map((k) => ({
    expression: String(k.expression),
    isColumn: Boolean(k.isColumn),
    descending: Boolean(k.descending),
    nullsFirst: Boolean(k.nullsFirst),
    opclass: k.opclass ?? null,
  }));
  return {
    schema: str(r.schema),
    table: str(r.table),
    name: str(r.name),
    unique: bool(r.unique),
    primary: bool(r.primary),
    method: str(r.method),
    keys,
    include: strArray(r.include),
    predicate: strOrNull(r.predicate),
    nullsNotDistinct: bool(r.nulls_not_distinct),
    definition: str(r.definition),
    constraint: strOrNull(r.constraint),
    comment: strOrNull(r.comment),
    attachedTo: strOrNull(r.attached_to),
    valid: bool(r.valid),
  };
}

function toPolicy(r: Row): Policy {
  return {
    schema: str(r.schema),
    table: str(r.table),
    name: str(r.name),
    command: str(r.command) as PolicyCommand,
    permissive: bool(r.permissive),
    roles: strArray(r.roles),
    using: strOrNull(r.using),
    withCheck: strOrNull(r.with_check),
    comment: strOrNull(r.comment),
  };
}

function toTrigger(r: Row): Trigger {
  return {
    schema: str(r.schema),
    table: str(r.table),
    name: str(r.name),
    timing: str(r.timing) as Trigger['timing'],
    events: strArray(r.events),
    level: r.level === 'ROW' ? 'ROW' : 'STATEMENT',
    function: str(r.function),
    enabled: str(r.enabled) as Trigger['enabled'],
    definition: str(r.definition),
    comment: strOrNull(r.comment),
  };
}

function toFunc(r: Row): Func {
  return {
    schema: str(r.schema),
    name: str(r.name),
    identityArgs: str(r.identity_args),
    kind: str(r.kind) as Func['kind'],
    returns: strOrNull(r.returns),
    language: str(r.language),
    securityDefiner: bool(r.security_definer),
    volatility: str(r.volatility) as Func['volatility'],
    definition: str(r.definition),
    comment: strOrNull(r.comment),
    owner: str(r.owner),
  };
}

function toSequence(r: Row): Sequence {
  return {
    schema: str(r.schema),
    name: str(r.name),
    dataType: str(r.data_type),
    start: str(r.start),
    increment: str(r.increment),
    min: str(r.min),
    max: str(r.max),
    cycle: bool(r.cycle),
    ownedBy: strOrNull(r.owned_by),
    cache: str(r.cache),
    identity: bool(r.identity),
    owner: str(r.owner),
    comment: strOrNull(r.comment),
  };
}

function toType(r: Row): TypeDef {
  return {
    schema: str(r.schema),
    name: str(r.name),
    kind: str(r.kind) as TypeDef['kind'],
    labels: strArray(r.labels),
    definition: strOrNull(r.definition) ?? '',
    comment: strOrNull(r.comment),
    owner: str(r.owner),
    ...(r.constraint_comments ? { constraintComments: JSON.parse(str(r.constraint_comments)) as Record<string, string> } : {}),
  };
}

function toPrivilege(r: Row): Privilege {
  return {
    object: str(r.object),
    objectType: str(r.object_type) as PrivilegeObjectType,
    grantee: str(r.grantee),
    privileges: strArray(r.privileges),
    grantable: strArray(r.grantable),
  };
}

function toRole(r: Row): Role {
  return {
    name: str(r.name),
    superuser: bool(r.superuser),
    login: bool(r.login),
    bypassRls: bool(r.bypass_rls),
    inherit: bool(r.inherit),
  };
}
