import { as, rangeVarName, strings, type AstNode } from '../ast';
import { reindexConcurrently } from '../helpers';
import type { LintRule, LintStatement, RuleReport } from '../types';

/** What a statement does CONCURRENTLY (PostgreSQL refuses each inside a transaction block), else null. */
function concurrentWork(s: LintStatement): string | null {
  const n = s.node;
  if (n.IndexStmt?.concurrent) return `CREATE INDEX CONCURRENTLY ${n.IndexStmt.idxname ?? ''}`.trimEnd();
  if (n.DropStmt?.removeType === 'OBJECT_INDEX' && n.DropStmt.concurrent) {
    return `DROP INDEX CONCURRENTLY ${(n.DropStmt.objects ?? []).map((o: AstNode) => strings(as(o, 'List')?.items).join('.')).join(', ')}`;
  }
  if (n.ReindexStmt && reindexConcurrently(n.ReindexStmt)) return `REINDEX CONCURRENTLY ${n.ReindexStmt.relation ? rangeVarName(n.ReindexStmt.relation) : n.ReindexStmt.name ?? ''}`.trimEnd();
  const detach = (n.AlterTableStmt?.cmds ?? []).map((c: AstNode) => as(c, 'AlterTableCmd')).find((c: AstNode | null) => c?.subtype === 'AT_DetachPartition' && as(c.def, 'PartitionCmd')?.concurrent);
  if (detach) return `DETACH PARTITION ${rangeVarName(as(detach.def, 'PartitionCmd')?.name)} CONCURRENTLY`;
  return null;
}

/**
 * CREATE / DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY inside
 * an explicit `BEGIN … COMMIT`: PostgreSQL rejects them ("cannot run inside a transaction block"),
 * so the migration fails at that statement and the block rolls back. An Alembic revision runs in
 * one transaction on PostgreSQL, so the same holds there outside `autocommit_block()`.
 */
export const rule: LintRule = {
  id: 'ban_concurrent_index_in_transaction',
  description: '`CREATE` / `DROP INDEX CONCURRENTLY`, `REINDEX CONCURRENTLY` and `DETACH PARTITION CONCURRENTLY` are not inside a transaction block.',
  severity: 'error',
  source: 'squawk ban-concurrent-index-creation-in-transaction; PostgreSQL docs CREATE INDEX "Building Indexes Concurrently"',
  help: 'Move the concurrent statement out of the BEGIN … COMMIT block, into its own migration that runs without a transaction (Alembic: `with op.get_context().autocommit_block():`).',
  problem: 'A concurrent index build (or drop, reindex, partition detach) commits several transactions of its own so that writes can continue; PostgreSQL therefore refuses to run it inside a transaction block with "cannot run inside a transaction block". The migration fails at that statement and everything before it in the block is rolled back.',
  solution: 'Run the concurrent statement outside any BEGIN … COMMIT: in a migration of its own that the runner does not wrap in a transaction. Keep the rest of the change in a transactional migration before or after it.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const s of ctx.statements) {
      if (!ctx.facts.transactions.inBlock[s.index]) continue;
      const what = concurrentWork(s);
      if (!what) continue;
      const where = ctx.facts.transactions.block[s.index] === -1 ? 'inside the Alembic revision\'s transaction (outside `autocommit_block()`)' : 'inside a transaction block';
      out.push({ statement: s, message: `${what} ${where} fails: PostgreSQL cannot run it inside a transaction` });
    }
    return out;
  },
};
