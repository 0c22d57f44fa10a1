/**
 * What the diagram exporters read from a SchemaModel (pure): the tables to export, in model order,
 * with each table's primary key, single-column unique keys and the foreign keys between exported
 * tables (an FK to a table left out would be a dangling reference in Mermaid or DBML).
 */
import type { Column, Constraint, SchemaModel, Table } from '../model';

export interface ExportTable {
  table: Table;
  /** Primary-key columns in key order (empty when none). */
  pk: string[];
  /** Columns with a single-column UNIQUE constraint. */
  unique: Set<string>;
  /** Columns in some foreign key. */
  fk: Set<string>;
}

export interface ExportFk {
  constraint: Constraint;
  /** Child (referencing) and parent (referenced) table ids, `schema.table`. */
  from: string;
  to: string;
  /** Any FK column nullable. */
  nullable: boolean;
  /** The FK columns are exactly the child's primary key or a unique key: one-to-one. */
  oneToOne: boolean;
}

export interface ExportSelection { tables: ExportTable[]; fks: ExportFk[] }

export const tableKey = (t: { schema: string; name: string }): string => `${t.schema}.${t.name}`;

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The tables whose `schema.table` id is in `only` (all when omitted) and the FKs among them. */
export function selectForExport(model: SchemaModel, only?: ReadonlySet<string>): ExportSelection {
  const tables = model.tables.filter((t) => !only || only.has(tableKey(t)));
  const byId = new Map(tables.map((t) => [tableKey(t), t] as const));
  const cons = new Map<string, Constraint[]>();
  for (const c of model.constraints) {
    const id = `${c.schema}.${c.table}`;
    if (!byId.has(id)) continue;
    const list = cons.get(id);
    if (list) list.push(c);
    else cons.set(id, [c]);
  }
  const out: ExportTable[] = [];
  const fks: ExportFk[] = [];
  for (const t of tables) {
    const id = tableKey(t);
    const list = cons.get(id) ?? [];
    const pk = list.find((c) => c.type === 'primary key')?.columns ?? [];
    const keys = list.filter((c) => c.type === 'unique' || c.type === 'primary key').map((c) => c.columns);
    const unique = new Set(list.filter((c) => c.type === 'unique' && c.columns.length === 1).map((c) => c.columns[0]));
    const fk = new Set<string>();
    for (const c of list) {
      if (c.type !== 'foreign key' || !c.foreignKey) continue;
      for (const col of c.columns) fk.add(col);
      if (!byId.has(c.foreignKey.refTable)) continue;
      const cols = c.columns.map((n) => t.columns.find((x) => x.name === n)).filter((x): x is Column => !!x);
      fks.push({ constraint: c, from: id, to: c.foreignKey.refTable, nullable: cols.some((x) => !x.notNull),
        oneToOne: keys.some((k) => sameSet(k, c.columns)) });
    }
    out.push({ table: t, pk, unique, fk });
  }
  return { tables: out, fks };
}
