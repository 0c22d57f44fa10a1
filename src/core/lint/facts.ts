/**
 * Facts gathered once per file, in statement order, for the rules that need context: which
 * tables the migration creates (a `CREATE INDEX` on a table created a few lines up takes no
 * lock anyone waits on), their columns, keys, indexes, CHECKs, comments, RLS and policies, and
 * where `lock_timeout` is set. Tables are matched by bare name within one file (a migration
 * rarely creates two tables of the same name in different schemas).
 */
import { as, bareName, rangeVarName, strings, typeNameOf, type AstNode } from './ast';
import { transactionFacts, type TransactionFacts } from './transactions';
import type { LintStatement } from './types';

export interface ColumnFact {
  table: string;
  name: string;
  type: ReturnType<typeof typeNameOf>;
  notNull: boolean;
  primaryKey: boolean;
  default: AstNode | null;
  /** Generated column expression (`GENERATED ALWAYS AS (…) STORED`). */
  generated: AstNode | null;
  /** `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY`: filled from its sequence. */
  identity: boolean;
  references: { table: string; columns: string[]; onDelete: string } | null;
  statement: LintStatement;
  /** Offset of the column definition in the statement text. */
  offset: number;
  /** Added by `ALTER TABLE … ADD COLUMN` (not in a CREATE TABLE). */
  added: boolean;
}

export interface IndexFact {
  table: string;
  /** Key columns in order; null for an expression key. */
  columns: (string | null)[];
  descending: boolean[];
  unique: boolean;
  /** Partial index predicate present. */
  partial: boolean;
  statement: LintStatement;
}

export interface ForeignKeyFact {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** libpg-query action letter: a no action, r restrict, c cascade, n set null, d set default. */
  onDelete: string;
  notValid: boolean;
  statement: LintStatement;
  offset: number;
}

export interface CheckFact {
  table: string;
  expr: AstNode;
  /** Set for a column constraint. */
  column: string | null;
  statement: LintStatement;
}

export interface CreatedTable {
  /** As written, e.g. `public.orders` or `orders`. */
  name: string;
  statement: LintStatement;
  /** Created with PARTITION OF / OF type / AS SELECT: columns and keys come from elsewhere. */
  derived: boolean;
  /** A materialized view counts as created (no one else holds it) but is not a table for the table rules. */
  kind: 'table' | 'matview';
}

export interface FileFacts {
  /** Bare name → the CREATE TABLE that made it in this file. */
  created: Map<string, CreatedTable>;
  columns: ColumnFact[];
  indexes: IndexFact[];
  foreignKeys: ForeignKeyFact[];
  checks: CheckFact[];
  /** Bare names with COMMENT ON TABLE. */
  tableComments: Set<string>;
  /** Bare names with ENABLE ROW LEVEL SECURITY. */
  rlsEnabled: Set<string>;
  /** Bare names with at least one CREATE POLICY. */
  policies: Set<string>;
  /** Bare names of tables that get a primary key (in CREATE TABLE or ALTER TABLE ADD). */
  primaryKeys: Set<string>;
  /** Index of the first statement setting lock_timeout (SET, SET LOCAL or set_config), else null. */
  lockTimeoutAt: number | null;
  /** Explicit transaction blocks (BEGIN … COMMIT) and the statements inside them. */
  transactions: TransactionFacts;
}

/** True when `table` was created by this file before statement `index` (so no one else holds it). */
export function isNewTable(facts: FileFacts, table: string, index: number): boolean {
  const c = facts.created.get(bareName(table));
  return c !== undefined && c.statement.index < index;
}

export function gatherFacts(statements: LintStatement[]): FileFacts {
  const f: FileFacts = {
    created: new Map(), columns: [], indexes: [], foreignKeys: [], checks: [], tableComments: new Set(),
    rlsEnabled: new Set(), policies: new Set(), primaryKeys: new Set(), lockTimeoutAt: null,
    transactions: transactionFacts(statements),
  };
  for (const s of statements) {
    const n = s.node;
    if (n.CreateStmt) createTable(f, s, n.CreateStmt);
    else if (n.CreateTableAsStmt && (n.CreateTableAsStmt.objtype === 'OBJECT_TABLE' || n.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW')) {
      const name = rangeVarName(n.CreateTableAsStmt.into?.rel);
      f.created.set(bareName(name), { name, statement: s, derived: true, kind: n.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW' ? 'matview' : 'table' });
    } else if (n.AlterTableStmt) alterTable(f, s, n.AlterTableStmt);
    else if (n.IndexStmt) {
      const ix = n.IndexStmt;
      f.indexes.push({
        table: bareName(rangeVarName(ix.relation)),
        columns: (ix.indexParams ?? []).map((p: AstNode) => (as(p, 'IndexElem')?.name as string | undefined) ?? null),
        descending: (ix.indexParams ?? []).map((p: AstNode) => as(p, 'IndexElem')?.ordering === 'SORTBY_DESC'),
        unique: !!ix.unique, partial: !!ix.whereClause, statement: s,
      });
    } else if (n.CommentStmt && n.CommentStmt.objtype === 'OBJECT_TABLE') {
      const parts = strings(as(n.CommentStmt.object, 'List')?.items);
      if (parts.length) f.tableComments.add(parts[parts.length - 1]);
    } else if (n.CreatePolicyStmt) f.policies.add(bareName(rangeVarName(n.CreatePolicyStmt.table)));
    if (f.lockTimeoutAt === null && setsLockTimeout(n)) f.lockTimeoutAt = s.index;
  }
  return f;
}

/** `SET [LOCAL] lock_timeout …` or `SELECT set_config('lock_timeout', …)`. */
function setsLockTimeout(n: AstNode): boolean {
  if (n.VariableSetStmt) return n.VariableSetStmt.name === 'lock_timeout' && n.VariableSetStmt.kind !== 'VAR_RESET';
  if (!n.SelectStmt) return false;
  return JSON.stringify(n.SelectStmt).includes('"sval":"set_config"') && JSON.stringify(n.SelectStmt).includes('"sval":"lock_timeout"');
}

function createTable(f: FileFacts, s: LintStatement, c: AstNode): void {
  const name = rangeVarName(c.relation);
  const table = bareName(name);
  f.created.set(table, { name, statement: s, derived: !!c.partbound || !!c.ofTypename || (c.inhRelations?.length ?? 0) > 0, kind: 'table' });
  for (const el of c.tableElts ?? []) {
    const col = as(el, 'ColumnDef');
    if (col) columnDef(f, s, table, col, false);
    const con = as(el, 'Constraint');
    if (con) tableConstraint(f, s, table, con);
  }
}

function alterTable(f: FileFacts, s: LintStatement, a: AstNode): void {
  const table = bareName(rangeVarName(a.relation));
  (a.cmds ?? []).forEach((c: AstNode) => {
    const cmd = as(c, 'AlterTableCmd');
    if (!cmd) return;
    if (cmd.subtype === 'AT_AddColumn') {
      const col = as(cmd.def, 'ColumnDef');
      if (col) columnDef(f, s, table, col, true);
    } else if (cmd.subtype === 'AT_AddConstraint') {
      const con = as(cmd.def, 'Constraint');
      if (con) tableConstraint(f, s, table, con);
    } else if (cmd.subtype === 'AT_EnableRowSecurity' || cmd.subtype === 'AT_ForceRowSecurity') {
      if (cmd.subtype === 'AT_EnableRowSecurity') f.rlsEnabled.add(table);
    }
  });
}

const FK_ACTION: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
export const fkActionName = (letter: string) => FK_ACTION[letter] ?? 'NO ACTION';

function columnDef(f: FileFacts, s: LintStatement, table: string, col: AstNode, added: boolean): void {
  const cons: AstNode[] = (col.constraints ?? []).map((x: AstNode) => as(x, 'Constraint')).filter(Boolean);
  const fk = cons.find((x) => x.contype === 'CONSTR_FOREIGN');
  const primaryKey = cons.some((x) => x.contype === 'CONSTR_PRIMARY');
  const fact: ColumnFact = {
    table, name: col.colname, type: typeNameOf(col.typeName),
    notNull: primaryKey || cons.some((x) => x.contype === 'CONSTR_NOTNULL') || !!col.is_not_null,
    primaryKey,
    default: cons.find((x) => x.contype === 'CONSTR_DEFAULT')?.raw_expr ?? col.raw_default ?? null,
    generated: cons.find((x) => x.contype === 'CONSTR_GENERATED')?.raw_expr ?? null,
    identity: cons.some((x) => x.contype === 'CONSTR_IDENTITY'),
    references: fk ? { table: bareName(rangeVarName(fk.pktable)), columns: strings(fk.pk_attrs), onDelete: fk.fk_del_action ?? 'a' } : null,
    statement: s, offset: s.offsetOf(col.location), added,
  };
  f.columns.push(fact);
  if (primaryKey) {
    f.primaryKeys.add(table);
    f.indexes.push({ table, columns: [col.colname], descending: [false], unique: true, partial: false, statement: s });
  }
  if (cons.some((x) => x.contype === 'CONSTR_UNIQUE')) f.indexes.push({ table, columns: [col.colname], descending: [false], unique: true, partial: false, statement: s });
  if (fk) {
    f.foreignKeys.push({
      table, columns: [col.colname], refTable: bareName(rangeVarName(fk.pktable)), refColumns: strings(fk.pk_attrs),
      onDelete: fk.fk_del_action ?? 'a', notValid: !!fk.skip_validation, statement: s, offset: s.offsetOf(fk.location ?? col.location),
    });
  }
  for (const x of cons) if (x.contype === 'CONSTR_CHECK' && x.raw_expr) f.checks.push({ table, expr: x.raw_expr, column: col.colname, statement: s });
}

function tableConstraint(f: FileFacts, s: LintStatement, table: string, con: AstNode): void {
  switch (con.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      if (con.contype === 'CONSTR_PRIMARY') f.primaryKeys.add(table);
      const keys = strings(con.keys);
      if (keys.length) f.indexes.push({ table, columns: keys, descending: keys.map(() => false), unique: true, partial: false, statement: s });
      break;
    }
    case 'CONSTR_EXCLUSION':
      f.indexes.push({ table, columns: (con.exclusions ?? []).map((e: AstNode) => as(as(e, 'List')?.items?.[0], 'IndexElem')?.name ?? null), descending: [], unique: false, partial: !!con.where_clause, statement: s });
      break;
    case 'CONSTR_FOREIGN':
      f.foreignKeys.push({
        table, columns: strings(con.fk_attrs), refTable: bareName(rangeVarName(con.pktable)), refColumns: strings(con.pk_attrs),
        onDelete: con.fk_del_action ?? 'a', notValid: !!con.skip_validation, statement: s, offset: s.offsetOf(con.location),
      });
      break;
    case 'CONSTR_CHECK':
      if (con.raw_expr) f.checks.push({ table, expr: con.raw_expr, column: null, statement: s });
      break;
  }
}
