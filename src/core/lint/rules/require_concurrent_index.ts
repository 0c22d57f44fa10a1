import { rangeVarName } from '../ast';
import { isNewTable } from '../facts';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** CREATE INDEX without CONCURRENTLY on a table the migration did not create. */
export const rule: LintRule = {
  id: 'require_concurrent_index',
  description: '`CREATE INDEX` on an existing table uses `CONCURRENTLY`.',
  severity: 'warning',
  source: 'squawk require-concurrent-index-creation; PostgreSQL docs CREATE INDEX "Building Indexes Concurrently"',
  help: 'Use `CREATE INDEX CONCURRENTLY` (outside a transaction block; Alembic: `postgresql_concurrently=True` in an autocommit block).',
  problem: 'A plain `CREATE INDEX` takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until the whole index is built, minutes on a large table.',
  solution: 'Build indexes on existing tables with `CREATE INDEX CONCURRENTLY`. On a table created earlier in the same migration a plain build is fine: no one else can hold it.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, ix] of statementsOf(ctx, 'IndexStmt')) {
      const table = rangeVarName(ix.relation);
      if (ix.concurrent || isNewTable(ctx.facts, table, s.index)) continue;
      out.push({ statement: s, message: `index ${ix.idxname ?? '(unnamed)'} on existing table ${table} is built without CONCURRENTLY` });
    }
    return out;
  },
};
