/**
 * Build the ERD graph from the canonical model, an optional dump model and the divergences (pure).
 *
 * Modes: `canonical` draws the canonical schema, `dump` the dump as loaded (tables absent from
 * canonical greyed as extras), `both` overlays them: the union, with canonical-only objects as
 * `missing` ghosts and dump-only ones as `extra`. Divergences colour tables/columns by their worst
 * severity in every mode and give per-table counts.
 */
import type { Constraint, Index, SchemaModel, Table } from '../../core/model';
import type { Divergence } from '../../core/report/types';
import type { Severity } from '../../core/spec/types';
import { coversExactly, crowsFoot } from './cardinality';
import type { ErdColumn, ErdEdge, ErdGraph, ErdTable, OverlayMode, Presence, RlsState } from './types';

const RANK: Record<Severity, number> = { BLOCKING: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

/** The worse of two severities (null = none). */
export function worse(a: Severity | null, b: Severity | null): Severity | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export const tableId = (t: { schema: string; name: string }): string => `${t.schema}.${t.name}`;

export function rlsState(t: Table): RlsState {
  return t.rlsForced && t.rlsEnabled ? 'forced' : t.rlsEnabled ? 'enabled' : 'off';
}

/** Per-model indexes used while building: constraints and indexes grouped by table id. */
interface ModelIndex {
  tables: Map<string, Table>;
  constraints: Map<string, Constraint[]>;
  indexes: Map<string, Index[]>;
}

function indexModel(m: SchemaModel): ModelIndex {
  const tables = new Map(m.tables.map((t) => [tableId(t), t] as const));
  const constraints = new Map<string, Constraint[]>();
  for (const c of m.constraints) push(constraints, `${c.schema}.${c.table}`, c);
  const indexes = new Map<string, Index[]>();
  for (const i of m.indexes) push(indexes, `${i.schema}.${i.table}`, i);
  return { tables, constraints, indexes };
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Column keys of PK / UNIQUE constraints and unique indexes on a table. */
function uniqueKeys(ix: ModelIndex, id: string): string[][] {
  const keys: string[][] = [];
  for (const c of ix.constraints.get(id) ?? []) if (c.type === 'primary key' || c.type === 'unique') keys.push(c.columns);
  for (const i of ix.indexes.get(id) ?? [])
    if (i.unique && i.predicate === null && i.keys.every((k) => k.isColumn)) keys.push(i.keys.map((k) => k.expression));
  return keys;
}

interface DivergenceIndex {
  byTable: Map<string, Divergence[]>;
  byColumn: Map<string, Severity>;
}

function indexDivergences(divs: Divergence[]): DivergenceIndex {
  const byTable = new Map<string, Divergence[]>();
  const byColumn = new Map<string, Severity>();
  for (const d of divs) {
    const t = d.table ?? (d.object_type === 'table' || d.object_type === 'rls' ? d.object : null);
    if (t) push(byTable, t, d);
    if (d.object_type === 'column') byColumn.set(d.object, worse(byColumn.get(d.object) ?? null, d.severity)!);
  }
  return { byTable, byColumn };
}

/** Divergences attributed to a table id (its own and its columns', indexes', constraints', policies'). */
export function divergencesOf(divs: Divergence[], table: string): Divergence[] {
  return indexDivergences(divs).byTable.get(table) ?? [];
}

function columnsOf(t: Table, ix: ModelIndex, presence: Presence, divs: DivergenceIndex): ErdColumn[] {
  const id = tableId(t);
  const cons = ix.constraints.get(id) ?? [];
  const pk = new Set(cons.filter((c) => c.type === 'primary key').flatMap((c) => c.columns));
  const fk = new Set(cons.filter((c) => c.type === 'foreign key').flatMap((c) => c.columns));
  const single = uniqueKeys(ix, id).filter((k) => k.length === 1).map((k) => k[0]);
  const unique = new Set(single.filter((c) => !pk.has(c)));
  return t.columns.map((c) => ({
    id: `${id}.${c.name}`,
    name: c.name,
    type: c.type,
    notNull: c.notNull,
    pk: pk.has(c.name),
    fk: fk.has(c.name),
    unique: unique.has(c.name),
    presence,
    severity: divs.byColumn.get(`${id}.${c.name}`) ?? null,
    comment: c.comment,
  }));
}

/** Canonical columns in order, then dump-only columns as extras; canonical-only ones missing. */
function mergeColumns(canon: ErdColumn[], dump: ErdColumn[]): ErdColumn[] {
  const inDump = new Map(dump.map((c) => [c.name, c] as const));
  const inCanon = new Set(canon.map((c) => c.name));
  const merged = canon.map((c) => {
    const d = inDump.get(c.name);
    return d ? { ...c, fk: c.fk || d.fk, pk: c.pk || d.pk } : { ...c, presence: 'missing' as const };
  });
  for (const d of dump) if (!inCanon.has(d.name)) merged.push({ ...d, presence: 'extra' });
  return merged;
}

function erdTable(t: Table, columns: ErdColumn[], presence: Presence, divs: DivergenceIndex): ErdTable {
  const id = tableId(t);
  const counts: Record<Severity, number> = { BLOCKING: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
  let severity: Severity | null = null;
  for (const d of divs.byTable.get(id) ?? []) {
    counts[d.severity]++;
    severity = worse(severity, d.severity);
  }
  return { id, schema: t.schema, name: t.name, columns, presence, rls: rlsState(t), severity, counts, comment: t.comment };
}

function fkEdges(m: SchemaModel, ix: ModelIndex, presence: Presence): Map<string, ErdEdge> {
  const edges = new Map<string, ErdEdge>();
  for (const c of m.constraints) {
    if (c.type !== 'foreign key' || !c.foreignKey) continue;
    const from = `${c.schema}.${c.table}`;
    const t = ix.tables.get(from);
    if (!t) continue;
    const notNull = c.columns.map((name) => t.columns.find((col) => col.name === name)?.notNull ?? false);
    const card = crowsFoot({ columnsNotNull: notNull, unique: coversExactly(c.columns, uniqueKeys(ix, from)) });
    const id = `${from}.${c.name}`;
    edges.set(id, {
      id, name: c.name, from, fromColumns: c.columns, to: c.foreignKey.refTable, toColumns: c.foreignKey.refColumns,
      ...card, presence, selfRef: from === c.foreignKey.refTable,
    });
  }
  return edges;
}

/**
 * Build the diagram graph. With `dump === null` the mode is forced to `canonical`.
 * Edges whose tables are not in the graph are dropped (e.g. a FK to a schema not introspected).
 */
export function buildGraph(canonical: SchemaModel, dump: SchemaModel | null, divergences: Divergence[], mode: OverlayMode): ErdGraph {
  const divs = indexDivergences(divergences);
  const ci = indexModel(canonical);
  const effective: OverlayMode = dump ? mode : 'canonical';
  const di = dump ? indexModel(dump) : null;
  const tables: ErdTable[] = [];
  let edges: ErdEdge[];

  if (effective === 'canonical' || !dump || !di) {
    for (const t of canonical.tables) tables.push(erdTable(t, columnsOf(t, ci, 'same', divs), 'same', divs));
    edges = [...fkEdges(canonical, ci, 'same').values()];
  } else if (effective === 'dump') {
    for (const t of dump.tables) {
      const p: Presence = ci.tables.has(tableId(t)) ? 'same' : 'extra';
      const ct = ci.tables.get(tableId(t));
      const cols = columnsOf(t, di, p, divs).map((c) =>
        p === 'same' && ct && !ct.columns.some((x) => x.name === c.name) ? { ...c, presence: 'extra' as const } : c);
      tables.push(erdTable(t, cols, p, divs));
    }
    const canonEdges = fkEdges(canonical, ci, 'same');
    edges = [...fkEdges(dump, di, 'same').values()].map((e) => (canonEdges.has(e.id) ? e : { ...e, presence: 'extra' as const }));
  } else {
    for (const t of canonical.tables) {
      const d = di.tables.get(tableId(t));
      if (!d) tables.push(erdTable(t, columnsOf(t, ci, 'missing', divs), 'missing', divs));
      else tables.push(erdTable(t, mergeColumns(columnsOf(t, ci, 'same', divs), columnsOf(d, di, 'same', divs)), 'same', divs));
      if (d) tables[tables.length - 1].rls = rlsState(d);
    }
    for (const t of dump.tables)
      if (!ci.tables.has(tableId(t))) tables.push(erdTable(t, columnsOf(t, di, 'extra', divs), 'extra', divs));
    const ce = fkEdges(canonical, ci, 'same');
    const de = fkEdges(dump, di, 'same');
    edges = [...ce.values()].map((e) => (de.has(e.id) ? e : { ...e, presence: 'missing' as const }));
    for (const e of de.values()) if (!ce.has(e.id)) edges.push({ ...e, presence: 'extra' });
  }
  const ids = new Set(tables.map((t) => t.id));
  edges = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const schemas = [...new Set(tables.map((t) => t.schema))].sort();
  return { tables, edges, schemas };
}
