import { as, type AstNode } from '../ast';
import { alterCmds } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** Sub-commands that are safe to run twice (re-running them changes nothing) or guarded by IF [NOT] EXISTS. */
const IDEMPOTENT = new Set([
  'AT_SetNotNull', 'AT_DropNotNull', 'AT_ColumnDefault', 'AT_EnableRowSecurity', 'AT_DisableRowSecurity', 'AT_ForceRowSecurity',
  'AT_NoForceRowSecurity', 'AT_SetRelOptions', 'AT_ResetRelOptions', 'AT_ValidateConstraint', 'AT_SetStatistics', 'AT_SetStorage',
]);
const DROPS = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_TYPE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_DOMAIN']);
const GUARDED = 'the migration cannot be re-run after it fails part-way';

/**
 * A migration run outside a transaction block that fails half-way leaves part of its work done;
 * re-running it then fails on the first statement that already happened. Statements inside
 * BEGIN … COMMIT are rolled back together and need no guard; CREATE INDEX CONCURRENTLY runs
 * outside one anyway and leaves an INVALID index behind when it fails.
 */
export const rule: LintRule = {
  id: 'prefer_robust_stmts',
  description: 'Outside a transaction block, statements can run twice: CREATE … IF NOT EXISTS, DROP … IF EXISTS, ADD COLUMN IF NOT EXISTS.',
  severity: 'off',
  source: 'squawk prefer-robust-stmts',
  help: 'Add `IF NOT EXISTS` / `IF EXISTS`, or wrap the statements in BEGIN … COMMIT.',
  problem: 'Without a transaction, a migration that fails part-way keeps what it already did. Re-running it fails on the first statement that already took effect ("relation already exists", "column does not exist"), so the fix needs hand edits in production. A failed CREATE INDEX CONCURRENTLY also leaves an INVALID index of that name.',
  solution: 'Wrap the migration in BEGIN … COMMIT where PostgreSQL allows it. Where it cannot (concurrent index builds), guard each statement: `CREATE INDEX CONCURRENTLY IF NOT EXISTS`, `DROP INDEX CONCURRENTLY IF EXISTS`, `ADD COLUMN IF NOT EXISTS`, `DROP CONSTRAINT IF EXISTS` before re-adding a constraint. Off by default (many runners wrap every migration in a transaction); turn it on in the overlay.',
  check(ctx) {
    const out: RuleReport[] = [];
    const inBlock = (i: number) => ctx.facts.transactions.inBlock[i];
    for (const s of ctx.statements) {
      const n = s.node;
      if (n.CreateStmt && !n.CreateStmt.if_not_exists && !inBlock(s.index) && !(n.CreateStmt.relation?.relpersistence === 't' && n.CreateStmt.oncommit === 'ONCOMMIT_DROP')) {
        out.push({ statement: s, message: `CREATE TABLE without IF NOT EXISTS: ${GUARDED}` });
      } else if (n.IndexStmt && n.IndexStmt.idxname && !n.IndexStmt.if_not_exists && (n.IndexStmt.concurrent || !inBlock(s.index))) {
        out.push({ statement: s, message: `CREATE INDEX ${n.IndexStmt.idxname} without IF NOT EXISTS: ${GUARDED}` });
      } else if (n.DropStmt && DROPS.has(n.DropStmt.removeType) && !n.DropStmt.missing_ok && !inBlock(s.index)) {
        out.push({ statement: s, message: `DROP without IF EXISTS: ${GUARDED}` });
      }
    }
    // Constraints dropped earlier in the file: re-adding one after `DROP CONSTRAINT IF EXISTS` is the robust pattern.
    const dropped = new Set<string>();
    for (const a of alterCmds(ctx)) {
      const c = a.cmd;
      if (c.subtype === 'AT_DropConstraint' && c.name) dropped.add(c.name);
      if (inBlock(a.statement.index) || c.missing_ok || IDEMPOTENT.has(c.subtype)) continue;
      const con: AstNode | null = c.subtype === 'AT_AddConstraint' ? as(c.def, 'Constraint') : null;
      if (con?.conname && dropped.delete(con.conname)) continue; // a second ADD of it is not guarded any more
      const what = c.subtype === 'AT_AddColumn' ? 'ADD COLUMN without IF NOT EXISTS'
        : c.subtype === 'AT_DropColumn' ? 'DROP COLUMN without IF EXISTS'
          : c.subtype === 'AT_DropConstraint' ? 'DROP CONSTRAINT without IF EXISTS'
            : c.subtype === 'AT_AddConstraint' ? `ADD CONSTRAINT${con?.conname ? ` ${con.conname}` : ''} outside a transaction, with no DROP CONSTRAINT IF EXISTS before it`
              : `ALTER TABLE ${a.table} outside a transaction`;
      out.push({ statement: a.statement, offset: a.offset, message: `${what}: ${GUARDED}` });
    }
    return out.sort((x, y) => x.statement.index - y.statement.index || (x.offset ?? 0) - (y.offset ?? 0));
  },
};
