import { as, bareName, strings, type AstNode } from '../ast';
import { statementsOf } from '../helpers';
import type { LintContext, LintRule, RuleReport } from '../types';

/** Bare names of the indexes created by the file before statement `index`. */
function createdIndexes(ctx: LintContext, before: number): Set<string> {
  const names = new Set<string>();
  for (const [s, ix] of statementsOf(ctx, 'IndexStmt')) if (s.index < before && ix.idxname) names.add(ix.idxname);
  return names;
}

/** DROP INDEX without CONCURRENTLY, of an index the migration did not create. */
export const rule: LintRule = {
  id: 'require_concurrent_index_deletion',
  description: '`DROP INDEX` of an existing index uses `CONCURRENTLY`.',
  severity: 'warning',
  source: 'squawk require-concurrent-index-deletion; PostgreSQL docs DROP INDEX',
  help: 'Use `DROP INDEX CONCURRENTLY` (one index per statement, outside a transaction block).',
  problem: 'A plain `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index\'s table: every read and write of the table waits for it, and it waits itself behind any running query on the table, so the queue grows while it waits.',
  solution: 'Drop indexes of live tables with `DROP INDEX CONCURRENTLY`: it waits for running transactions instead of blocking new ones. It takes one index per statement and cannot run inside a transaction block.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, d] of statementsOf(ctx, 'DropStmt')) {
      if (d.removeType !== 'OBJECT_INDEX' || d.concurrent) continue;
      const own = createdIndexes(ctx, s.index);
      const names = (d.objects ?? []).map((o: AstNode) => strings(as(o, 'List')?.items).join('.')).filter((n: string) => !own.has(bareName(n)));
      if (names.length) out.push({ statement: s, message: `DROP INDEX ${names.join(', ')} without CONCURRENTLY locks ${names.length > 1 ? 'their tables' : 'its table'} against reads and writes` });
    }
    return out;
  },
};
