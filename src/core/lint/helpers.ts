/** Shared walks for the rules: ALTER TABLE sub-commands with their positions, tenancy, overlay lookups. */
import { as, bareName, rangeVarName, typeNameOf, type AstNode } from './ast';
import type { LintContext, LintStatement } from './types';

export interface AlterCmd {
  statement: LintStatement;
  /** Table as written. */
  table: string;
  cmd: AstNode;
  /** Offset of the sub-command in the statement text. */
  offset: number;
}

/** Every `ALTER TABLE` sub-command of the file, in order. */
export function* alterCmds(ctx: LintContext): Generator<AlterCmd> {
  for (const s of ctx.statements) {
    const a = s.node.AlterTableStmt;
    if (!a || (a.objtype && a.objtype !== 'OBJECT_TABLE')) continue;
    const table = rangeVarName(a.relation);
    const cmds: AstNode[] = a.cmds ?? [];
    for (let i = 0; i < cmds.length; i++) {
      const cmd = as(cmds[i], 'AlterTableCmd');
      if (cmd) yield { statement: s, table, cmd, offset: s.alterCmdOffsets[i] ?? s.offsetOf(a.relation?.location) };
    }
  }
}

/** Statements of one node type, with the inner node. */
export function* statementsOf(ctx: LintContext, type: string): Generator<[LintStatement, AstNode]> {
  for (const s of ctx.statements) if (s.node[type]) yield [s, s.node[type]];
}

/** The tenant column name: the overlay's tenancy, else null (the tenancy rules need an overlay). */
export const tenantColumn = (ctx: LintContext) => ctx.spec?.tenancy?.column ?? null;
/** Bare name of the tenants table (overlay `tenants_table`, default `tenants`). */
export const tenantsTable = (ctx: LintContext) => bareName(ctx.spec?.tenancy?.tenantsTable ?? 'tenants');

/** Overlay column elements (`public.t.col`) matching a table and column by bare names. */
export function overlayColumn(ctx: LintContext, table: string, column: string) {
  const t = bareName(table);
  return ctx.spec?.elements.find((e) => {
    if (e.type !== 'column') return false;
    const parts = e.object.split('.');
    return parts[parts.length - 1] === column && parts[parts.length - 2] === t;
  });
}

/** Severity an overlay element carries (explicit, else through its invariant). */
export function elementSeverity(ctx: LintContext, el: { severity?: string; invariant?: string } | undefined): string | null {
  if (!el) return null;
  return el.severity ?? (el.invariant ? ctx.spec?.invariants[el.invariant] ?? null : null);
}

/** Columns of a table known from the file (CREATE TABLE / ADD COLUMN) or the base schema. */
export function knownColumnType(ctx: LintContext, table: string, column: string, before: number): string | null {
  const t = bareName(table);
  const fromFile = [...ctx.facts.columns].reverse().find((c) => c.table === t && c.name === column && c.statement.index < before);
  if (fromFile) return fromFile.type.mods.length ? `${fromFile.type.name}(${fromFile.type.mods.join(',')})` : fromFile.type.name;
  const base = ctx.base?.tables.find((x) => x.name === t);
  return base?.columns.find((c) => c.name === column)?.type ?? null;
}

export interface WrittenType {
  statement: LintStatement;
  /** Table as written. */
  table: string;
  column: string;
  type: ReturnType<typeof typeNameOf>;
  /** Offset of the type name in the statement text. */
  offset: number;
}

/** Every column type the file writes: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN … TYPE. */
export function* writtenColumnTypes(ctx: LintContext): Generator<WrittenType> {
  const of = (s: LintStatement, table: string, col: AstNode | null, name?: string): WrittenType | null => (col?.typeName
    ? { statement: s, table, column: name ?? col.colname, type: typeNameOf(col.typeName), offset: s.offsetOf(col.typeName.location ?? col.location) }
    : null);
  for (const s of ctx.statements) {
    const c = s.node.CreateStmt;
    if (c) {
      for (const el of c.tableElts ?? []) {
        const w = of(s, rangeVarName(c.relation), as(el, 'ColumnDef'));
        if (w) yield w;
      }
      continue;
    }
    const a = s.node.AlterTableStmt;
    if (!a || (a.objtype && a.objtype !== 'OBJECT_TABLE')) continue;
    for (const x of a.cmds ?? []) {
      const cmd = as(x, 'AlterTableCmd');
      if (cmd?.subtype !== 'AT_AddColumn' && cmd?.subtype !== 'AT_AlterColumnType') continue;
      const w = of(s, rangeVarName(a.relation), as(cmd.def, 'ColumnDef'), cmd.subtype === 'AT_AlterColumnType' ? cmd.name : undefined);
      if (w) yield w;
    }
  }
}

/** A boolean option (`DefElem`) is on: written bare, or with true / on / 1 (`(CONCURRENTLY false)` is off). */
export function optionOn(d: AstNode | null | undefined): boolean {
  if (!d) return false;
  if (!d.arg) return true;
  const v = String(as(d.arg, 'String')?.sval ?? as(d.arg, 'Integer')?.ival ?? 0).toLowerCase();
  return !['false', 'off', '0', 'no'].includes(v);
}

/** `REINDEX (CONCURRENTLY)`, `REINDEX … CONCURRENTLY`; `(CONCURRENTLY false)` is a plain REINDEX. */
export const reindexConcurrently = (r: AstNode): boolean =>
  optionOn((r.params ?? []).map((x: AstNode) => as(x, 'DefElem')).find((d: AstNode | null) => d?.defname === 'concurrently'));
