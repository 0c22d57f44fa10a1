import { as, bareName, columnRefName, type AstNode } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** `col IS NOT NULL` (alone or in an AND). */
function provesNotNull(expr: AstNode, column: string): boolean {
  const t = as(expr, 'NullTest');
  if (t) return t.nulltesttype === 'IS_NOT_NULL' && columnRefName(t.arg) === column;
  const b = as(expr, 'BoolExpr');
  return !!b && b.boolop === 'AND_EXPR' && (b.args ?? []).some((x: AstNode) => provesNotNull(x, column));
}

/**
 * A CHECK or FOREIGN KEY added to an existing table without NOT VALID, or SET NOT NULL on an
 * existing column: PostgreSQL verifies every row while holding a lock that blocks writes
 * (ACCESS EXCLUSIVE for SET NOT NULL and CHECK; SHARE ROW EXCLUSIVE on both tables for a FK); or a
 * VALIDATE in the same transaction block as its ADD … NOT VALID, which keeps that lock for the scan.
 */
export const rule: LintRule = {
  id: 'require_not_valid',
  description: 'CHECK / FOREIGN KEY constraints on existing tables are added NOT VALID, then validated in a later transaction; NOT NULL goes through a validated CHECK.',
  severity: 'warning',
  source: 'squawk constraint-missing-not-valid, adding-not-nullable-field; PostgreSQL docs ALTER TABLE',
  help: 'Add it `NOT VALID`, then `ALTER TABLE … VALIDATE CONSTRAINT …` in a later statement (it takes a lighter lock).',
  problem: 'Adding a CHECK or foreign key validates all existing rows while writes to the table wait; `SET NOT NULL` scans the table under ACCESS EXCLUSIVE. On a large table this is an outage.',
  solution: 'Add the constraint with `NOT VALID` (instant), then `VALIDATE CONSTRAINT` separately (SHARE UPDATE EXCLUSIVE: reads and writes continue), in a later transaction: validated inside the ADD\'s own transaction, the scan runs while the ADD\'s lock is still held. For NOT NULL: add `CHECK (col IS NOT NULL) NOT VALID`, validate it, then `SET NOT NULL` (PostgreSQL 12+ skips the scan) and drop the CHECK.',
  check(ctx) {
    const out: RuleReport[] = [];
    const block = ctx.facts.transactions.block;
    // Constraints this file adds (table|name → the CHECK expression, and the block of a NOT VALID add).
    const added = new Map<string, { expr: AstNode | null; notValidBlock: number | null }>();
    // Per table: the constraints validated so far (their CHECK expression when the file defines it).
    const validated = new Map<string, (AstNode | null)[]>();
    for (const a of alterCmds(ctx)) {
      const table = bareName(a.table);
      const key = (name: string) => `${table}|${name}`;
      if (a.cmd.subtype === 'AT_AddConstraint') {
        const con = as(a.cmd.def, 'Constraint');
        if (con?.conname) added.set(key(con.conname), { expr: con.raw_expr ?? null, notValidBlock: con.skip_validation ? block[a.statement.index] ?? null : null });
        if (con?.contype === 'CONSTR_CHECK' && !con.skip_validation) validated.set(table, [...(validated.get(table) ?? []), con.raw_expr ?? null]);
      }
      if (isNewTable(ctx.facts, a.table, a.statement.index)) continue;
      if (a.cmd.subtype === 'AT_AddConstraint') {
        const con = as(a.cmd.def, 'Constraint');
        if (!con || (con.contype !== 'CONSTR_CHECK' && con.contype !== 'CONSTR_FOREIGN') || con.skip_validation) continue;
        out.push({ statement: a.statement, offset: a.offset, message: `${con.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY'} constraint ${con.conname ?? ''} on existing table ${a.table} is added without NOT VALID`.replace('  ', ' ') });
      } else if (a.cmd.subtype === 'AT_ValidateConstraint') {
        const def = added.get(key(a.cmd.name));
        validated.set(table, [...(validated.get(table) ?? []), def ? def.expr : null]);
        const here = block[a.statement.index];
        if (def && here !== null && here !== undefined && def.notValidBlock === here) {
          out.push({ statement: a.statement, offset: a.offset, message: `VALIDATE CONSTRAINT ${a.cmd.name} runs in the same transaction as its ADD … NOT VALID: the ADD's lock is held for the whole scan` });
        }
      } else if (a.cmd.subtype === 'AT_SetNotNull') {
        // PostgreSQL 12+: a validated CHECK (col IS NOT NULL) proves the column and SET NOT NULL skips the scan.
        // A constraint validated here but defined in an earlier migration is taken to be that CHECK.
        const proofs = validated.get(table) ?? [];
        if (proofs.some((e) => e === null || provesNotNull(e, a.cmd.name))) continue;
        out.push({ statement: a.statement, offset: a.offset, message: `SET NOT NULL on ${a.table}.${a.cmd.name} scans the table under ACCESS EXCLUSIVE` });
      }
    }
    return out;
  },
};
