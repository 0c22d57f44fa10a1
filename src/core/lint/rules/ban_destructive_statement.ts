import { as, bareName, rangeVarName, strings, type AstNode } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds, elementSeverity, overlayColumn } from '../helpers';
import type { LintContext, LintRule, RuleReport } from '../types';

const DROP_KIND: Record<string, string> = {
  OBJECT_TABLE: 'DROP TABLE', OBJECT_INDEX: 'DROP INDEX', OBJECT_POLICY: 'DROP POLICY', OBJECT_SCHEMA: 'DROP SCHEMA',
  OBJECT_VIEW: 'DROP VIEW', OBJECT_MATVIEW: 'DROP MATERIALIZED VIEW', OBJECT_SEQUENCE: 'DROP SEQUENCE', OBJECT_TYPE: 'DROP TYPE',
  OBJECT_DOMAIN: 'DROP DOMAIN', OBJECT_FUNCTION: 'DROP FUNCTION', OBJECT_PROCEDURE: 'DROP PROCEDURE', OBJECT_TRIGGER: 'DROP TRIGGER',
  OBJECT_EXTENSION: 'DROP EXTENSION', OBJECT_RULE: 'DROP RULE', OBJECT_FOREIGN_TABLE: 'DROP FOREIGN TABLE', OBJECT_AGGREGATE: 'DROP AGGREGATE',
};

/** Name of a dropped object as written (`a.b`, or `policy ON table`). */
function droppedName(obj: AstNode): string {
  const list = as(obj, 'List');
  if (list) return strings(list.items).join('.');
  const tw = as(obj, 'TypeName');
  if (tw) return strings(tw.names).join('.');
  const ow = as(obj, 'ObjectWithArgs');
  if (ow) return strings(ow.objname).join('.');
  const s = as(obj, 'String');
  return s ? String(s.sval) : '?';
}

/** Whether this is a DROP TABLE of a table this migration created earlier (scratch tables). */
function dropsOwnTable(ctx: LintContext, index: number, name: string): boolean {
  return isNewTable(ctx.facts, bareName(name), index);
}

/**
 * Destructive DDL (seed 004 §5, `scripts/validate-migration.sh`): DROP of a table, column,
 * constraint, index, policy, view, function…; TRUNCATE; DELETE without WHERE; DROP NOT NULL on a
 * column the overlay tags critical; DISABLE / NO FORCE ROW LEVEL SECURITY; DROP ROLE / OWNED.
 * A waiver `-- CI:DESTRUCTIVE_OK: <reason>` on the statement or the line above lets it through.
 * A downgrade (role `down`, or `def downgrade()` in an Alembic revision) is exempt: undoing the
 * upgrade is its purpose.
 */
export const rule: LintRule = {
  id: 'ban_destructive_statement',
  description: 'Destructive statements (DROP …, TRUNCATE, DELETE without WHERE, DROP NOT NULL on a critical column, DISABLE RLS) need a CI:DESTRUCTIVE_OK waiver with a reason.',
  severity: 'error',
  source: 'seed 004 §5 (validate-migration.sh, `# CI:DESTRUCTIVE_OK`); squawk ban-drop-column, ban-drop-table, ban-truncate-cascade',
  destructive: true,
  help: 'If the loss is intended, mark the statement with `-- CI:DESTRUCTIVE_OK: <reason, e.g. ADR-123>` (`# CI:DESTRUCTIVE_OK - …` in Python) on it or on the line above.',
  problem: 'These statements delete data or protection that a rollback cannot bring back: a dropped column\'s values, a truncated table, an index that queries depend on, a CHECK or RLS policy that kept bad rows or other tenants out. A review must see them and say why they are safe.',
  solution: 'Prefer an additive change (deprecate first, drop in a later release once nothing reads it). When the destructive change is intended, sign it with a waiver that names the decision record.',
  check(ctx) {
    if (ctx.role === 'down') return [];
    const out: RuleReport[] = [];
    const live = (s: { revisionFunction: string | null }) => s.revisionFunction !== 'downgrade';
    for (const s of ctx.statements) {
      if (!live(s)) continue;
      const n = s.node;
      if (n.DropStmt) {
        const kind = DROP_KIND[n.DropStmt.removeType];
        if (!kind) continue;
        const objs: string[] = (n.DropStmt.objects ?? []).map(droppedName);
        const lost = kind === 'DROP TABLE' ? objs.filter((o) => !dropsOwnTable(ctx, s.index, o)) : objs;
        if (lost.length) out.push({ statement: s, message: `${kind} ${lost.join(', ')}${n.DropStmt.behavior === 'DROP_CASCADE' ? ' CASCADE' : ''} is destructive` });
      } else if (n.TruncateStmt) {
        const names = (n.TruncateStmt.relations ?? []).map((r: AstNode) => rangeVarName(as(r, 'RangeVar') ?? undefined));
        out.push({ statement: s, message: `TRUNCATE ${names.join(', ')} deletes every row` });
      } else if (n.DeleteStmt && !n.DeleteStmt.whereClause) {
        out.push({ statement: s, message: `DELETE FROM ${rangeVarName(n.DeleteStmt.relation)} without WHERE deletes every row` });
      } else if (n.DropRoleStmt) {
        out.push({ statement: s, message: 'DROP ROLE is destructive' });
      } else if (n.DropOwnedStmt) {
        out.push({ statement: s, message: 'DROP OWNED drops every object the role owns' });
      }
    }
    for (const a of alterCmds(ctx)) {
      if (!live(a.statement)) continue;
      const table = a.table;
      switch (a.cmd.subtype) {
        case 'AT_DropColumn':
          if (!isNewTable(ctx.facts, table, a.statement.index)) out.push({ statement: a.statement, offset: a.offset, message: `DROP COLUMN ${table}.${a.cmd.name} deletes its data` });
          break;
        case 'AT_DropConstraint':
          out.push({ statement: a.statement, offset: a.offset, message: `DROP CONSTRAINT ${a.cmd.name} on ${table} removes a rule the data obeyed` });
          break;
        case 'AT_DisableRowSecurity':
          out.push({ statement: a.statement, offset: a.offset, message: `DISABLE ROW LEVEL SECURITY on ${table} exposes every tenant's rows` });
          break;
        case 'AT_NoForceRowSecurity':
          out.push({ statement: a.statement, offset: a.offset, message: `NO FORCE ROW LEVEL SECURITY on ${table} lets its owner bypass the policies` });
          break;
        case 'AT_DropNotNull': {
          const sev = elementSeverity(ctx, overlayColumn(ctx, table, a.cmd.name));
          if (sev === 'BLOCKING' || sev === 'HIGH') out.push({ statement: a.statement, offset: a.offset, message: `DROP NOT NULL on critical column ${table}.${a.cmd.name} (${sev} in the overlay)` });
          break;
        }
      }
    }
    return out;
  },
};
