/**
 * SchemaModel + Spec → DictionaryEntry[]: what every table and view holds and what the
 * overlay says about each element. Pure and deterministic (sorted by qualified name).
 */
import type { Constraint, SchemaModel, Table, View } from '../model';
import { elementSeverity } from '../spec/classify';
import type { ElementType, Spec, SpecElement } from '../spec/types';
import { parseAllowedValues } from './check-values';
import type {
  DictColumn, DictConstraint, DictIndex, DictPolicy, DictReference, DictTag, DictTrigger, DictionaryEntry,
} from './types';

type Tagger = (type: ElementType, object: string) => DictTag | null;

function makeTagger(spec: Spec | null): Tagger {
  if (!spec) return () => null;
  const idx = new Map<string, SpecElement>(spec.elements.map((e) => [`${e.type}|${e.object}`, e]));
  return (type, object) => {
    const el = idx.get(`${type}|${object}`) ?? (type === 'view' ? idx.get(`materialized_view|${object}`) : undefined);
    if (!el) return null;
    return {
      invariant: el.invariant ?? null,
      severity: elementSeverity(spec, el),
      phases: [...el.phases].sort(),
      rationale: el.rationale ?? null,
    };
  };
}

const qn = (schema: string, name: string) => `${schema}.${name}`;

function columnKeys(table: string, column: string, constraints: Constraint[], uniqueIndexCols: Set<string>): DictColumn['keys'] {
  const keys = new Set<DictColumn['keys'][number]>();
  for (const c of constraints) {
    if (!c.columns.includes(column)) continue;
    if (c.type === 'primary key') keys.add('PK');
    if (c.type === 'foreign key') keys.add('FK');
    if (c.type === 'unique') keys.add('UNIQUE');
  }
  if (uniqueIndexCols.has(`${table}|${column}`)) keys.add('UNIQUE');
  return (['PK', 'FK', 'UNIQUE'] as const).filter((k) => keys.has(k));
}

function triggerSummary(t: SchemaModel['triggers'][number]): string {
  return `${t.timing} ${t.events.join(' OR ')} FOR EACH ${t.level}`;
}

function tableEntry(model: SchemaModel, t: Table, tag: Tagger, uniqueIndexCols: Set<string>): DictionaryEntry {
  const id = qn(t.schema, t.name);
  const mine = <T extends { schema: string; table: string }>(xs: T[]) => xs.filter((x) => x.schema === t.schema && x.table === t.name);
  const constraints = mine(model.constraints);

  const dConstraints: DictConstraint[] = constraints.map((c) => ({
    id: `${id}.${c.name}`, name: c.name, type: c.type, columns: c.columns, definition: c.definition,
    allowed: c.type === 'check' ? parseAllowedValues(c.definition) : null,
    validated: c.validated, comment: c.comment, tag: tag('constraint', `${id}.${c.name}`),
  }));

  const columns: DictColumn[] = t.columns.map((col) => {
    const check = dConstraints.find((c) => c.allowed && c.allowed.column === col.name);
    return {
      id: `${id}.${col.name}`, name: col.name, position: col.position, type: col.type, notNull: col.notNull,
      default: col.default, identity: col.identity, generated: col.generated,
      keys: columnKeys(id, col.name, constraints, uniqueIndexCols),
      references: constraints
        .filter((c) => c.type === 'foreign key' && c.foreignKey && c.columns.includes(col.name))
        .map((c) => `${c.foreignKey!.refTable}.${c.foreignKey!.refColumns[c.columns.indexOf(col.name)] ?? c.foreignKey!.refColumns[0]}`),
      allowed: check && check.allowed ? { ...check.allowed, constraint: check.name } : null,
      comment: col.comment, tag: tag('column', `${id}.${col.name}`),
    };
  });

  const indexes: DictIndex[] = mine(model.indexes).map((i) => ({
    id: `${id}.${i.name}`, name: i.name, unique: i.unique, primary: i.primary, method: i.method,
    definition: i.definition, constraint: i.constraint, comment: i.comment, tag: tag('index', `${id}.${i.name}`),
  }));
  const policies: DictPolicy[] = mine(model.policies).map((p) => ({
    id: `${id}.${p.name}`, name: p.name, command: p.command, permissive: p.permissive, roles: p.roles,
    using: p.using, withCheck: p.withCheck, tag: tag('policy', `${id}.${p.name}`),
  }));
  const triggers: DictTrigger[] = mine(model.triggers).map((tr) => ({
    id: `${id}.${tr.name}`, name: tr.name, summary: triggerSummary(tr), function: tr.function,
    enabled: tr.enabled !== 'D', definition: tr.definition, tag: tag('trigger', `${id}.${tr.name}`),
  }));
  const referencedBy: DictReference[] = model.constraints
    .filter((c) => c.type === 'foreign key' && c.foreignKey?.refTable === id)
    .map((c) => ({
      table: qn(c.schema, c.table), constraint: c.name, columns: c.columns,
      refColumns: c.foreignKey!.refColumns, onDelete: c.foreignKey!.onDelete,
    }));

  return finish({
    id, schema: t.schema, name: t.name, kind: t.kind === 'partitioned' ? 'partitioned table' : 'table',
    comment: t.comment, owner: t.owner,
    rls: { enabled: t.rlsEnabled, forced: t.rlsForced, tag: tag('rls', id) },
    partitionKey: t.partitionKey, partitionOf: t.partitionOf, viewDefinition: null,
    tag: tag('table', id), columns, constraints: dConstraints, indexes, policies, triggers, referencedBy,
    privileges: privilegesOf(model, id),
    phases: [], invariants: [],
  });
}

function viewEntry(model: SchemaModel, v: View, tag: Tagger): DictionaryEntry {
  const id = qn(v.schema, v.name);
  const indexes: DictIndex[] = model.indexes.filter((i) => i.schema === v.schema && i.table === v.name).map((i) => ({
    id: `${id}.${i.name}`, name: i.name, unique: i.unique, primary: i.primary, method: i.method,
    definition: i.definition, constraint: i.constraint, comment: i.comment, tag: tag('index', `${id}.${i.name}`),
  }));
  return finish({
    id, schema: v.schema, name: v.name, kind: v.materialized ? 'materialized view' : 'view',
    comment: v.comment, owner: v.owner, rls: null, partitionKey: null, partitionOf: null,
    viewDefinition: v.definition, tag: tag(v.materialized ? 'materialized_view' : 'view', id),
    columns: v.columns.map((c, i) => ({
      id: `${id}.${c.name}`, name: c.name, position: i + 1, type: c.type, notNull: false, default: null,
      identity: null, generated: null, keys: [], references: [], allowed: null, comment: null,
      tag: tag('column', `${id}.${c.name}`),
    })),
    constraints: [], indexes, policies: [], triggers: [], referencedBy: [], privileges: privilegesOf(model, id),
    phases: [], invariants: [],
  });
}

function privilegesOf(model: SchemaModel, id: string) {
  return model.privileges
    .filter((p) => p.object === id)
    .map((p) => ({ grantee: p.grantee, privileges: p.privileges }))
    .sort((a, b) => a.grantee.localeCompare(b.grantee));
}

/** Fill the roll-ups (phases, invariants) from every tag in the entry. */
function finish(e: DictionaryEntry): DictionaryEntry {
  const tags: (DictTag | null)[] = [
    e.tag, e.rls?.tag ?? null, ...e.columns.map((x) => x.tag), ...e.constraints.map((x) => x.tag),
    ...e.indexes.map((x) => x.tag), ...e.policies.map((x) => x.tag), ...e.triggers.map((x) => x.tag),
  ];
  const present = tags.filter((t): t is DictTag => t !== null);
  e.phases = [...new Set(present.flatMap((t) => t.phases))].sort();
  e.invariants = [...new Set(present.map((t) => t.invariant).filter((x): x is string => x !== null))].sort();
  return e;
}

/**
 * One entry per table (partitions included) and per view / materialized view, sorted by
 * qualified name. `spec` may be null: the dictionary then carries no tags.
 */
export function buildDictionary(model: SchemaModel, spec: Spec | null): DictionaryEntry[] {
  const tag = makeTagger(spec);
  // Single-column unique indexes make a column UNIQUE even without a UNIQUE constraint
  // (e.g. `CREATE UNIQUE INDEX idx_tenants_api_key_hash ON tenants (api_key_hash)`).
  const uniqueIndexCols = new Set(
    model.indexes
      .filter((i) => i.unique && !i.primary && i.predicate === null && i.keys.length === 1 && i.keys[0].isColumn)
      .map((i) => `${qn(i.schema, i.table)}|${i.keys[0].expression}`),
  );
  const entries = [
    ...model.tables.map((t) => tableEntry(model, t, tag, uniqueIndexCols)),
    ...model.views.map((v) => viewEntry(model, v, tag)),
  ];
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
