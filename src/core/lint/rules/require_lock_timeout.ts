import { as, rangeVarName, type AstNode } from '../ast';
import { isNewTable } from '../facts';
import { optionOn, reindexConcurrently } from '../helpers';
import type { LintRule, LintStatement } from '../types';

/** `VACUUM FULL t` / `VACUUM (FULL) t`, not `(FULL false)`. */
const vacuumFull = (v: AstNode) => (v.options ?? []).some((o: AstNode) => as(o, 'DefElem')?.defname === 'full' && optionOn(as(o, 'DefElem')));

/** Table a statement locks heavily (ACCESS EXCLUSIVE / SHARE), when it is an existing one. */
function lockedTable(s: LintStatement, isNew: (t: string) => boolean): string | null {
  const n = s.node;
  const pick = (t: string) => (t && !isNew(t) ? t : null);
  if (n.AlterTableStmt) return pick(rangeVarName(n.AlterTableStmt.relation));
  if (n.IndexStmt && !n.IndexStmt.concurrent) return pick(rangeVarName(n.IndexStmt.relation));
  if (n.RenameStmt && n.RenameStmt.relation) return pick(rangeVarName(n.RenameStmt.relation));
  if (n.TruncateStmt) return pick(rangeVarName(as(n.TruncateStmt.relations?.[0], 'RangeVar') ?? undefined));
  if (n.CreateTrigStmt) return pick(rangeVarName(n.CreateTrigStmt.relation));
  if (n.DropStmt && n.DropStmt.removeType === 'OBJECT_TABLE') return 'a table';
  // LOCK waits like any DDL; VACUUM FULL and a plain REINDEX hold ACCESS EXCLUSIVE / SHARE for the whole rebuild.
  if (n.LockStmt) return pick(rangeVarName(as(n.LockStmt.relations?.[0], 'RangeVar') ?? undefined));
  if (n.VacuumStmt && vacuumFull(n.VacuumStmt)) return pick(rangeVarName(as(n.VacuumStmt.rels?.[0], 'VacuumRelation')?.relation));
  if (n.ReindexStmt && n.ReindexStmt.relation && !reindexConcurrently(n.ReindexStmt)) return pick(rangeVarName(n.ReindexStmt.relation));
  return null;
}

/**
 * A migration that locks an existing table without `SET lock_timeout` first: if anything holds
 * a conflicting lock (a long query, an idle transaction), the ALTER waits, and every query queued
 * behind it waits too, an outage. Seed 003 §2.2 asks for `SET lock_timeout = '30s'`.
 */
export const rule: LintRule = {
  id: 'require_lock_timeout',
  description: 'Set `lock_timeout` before the first statement that locks an existing table.',
  severity: 'warning',
  source: 'seed 003 §2.2 (MIGRATION_SAFETY_CHECKLIST.md); squawk require-timeout-settings',
  help: 'Start the migration with `SET lock_timeout = \'5s\';` (and a `statement_timeout`), and retry on timeout.',
  problem: 'An ALTER TABLE waiting for its lock blocks every later query on the table, reads included, for as long as it waits. Without lock_timeout it waits forever.',
  solution: 'Put `SET lock_timeout = \'…\';` (seed 003: 30s; a few seconds is safer) before the first locking statement so the migration fails fast and can be retried.',
  check(ctx) {
    const at = ctx.facts.lockTimeoutAt;
    for (const s of ctx.statements) {
      if (at !== null && at < s.index) return [];
      const t = lockedTable(s, (name) => isNewTable(ctx.facts, name, s.index));
      if (t) return [{ statement: s, message: `${t === 'a table' ? 'DROP TABLE' : `statement locks existing table ${t}`} without lock_timeout set before it` }];
    }
    return [];
  },
};
