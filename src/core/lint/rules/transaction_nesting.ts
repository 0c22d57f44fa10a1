import type { LintRule, RuleReport } from '../types';

/**
 * BEGIN inside an open block, or COMMIT / ROLLBACK with none open. PostgreSQL only warns
 * ("there is already a transaction in progress", "there is no transaction in progress"), so the
 * script runs, but not as written: the first COMMIT ends the outer block too, and the statements
 * after it run outside any transaction.
 */
export const rule: LintRule = {
  id: 'transaction_nesting',
  description: 'No BEGIN inside an open transaction block, no COMMIT / ROLLBACK without one.',
  severity: 'warning',
  source: 'squawk transaction-nesting; PostgreSQL docs BEGIN, COMMIT',
  help: 'Keep one BEGIN … COMMIT per block; if the migration runner already wraps the file in a transaction, write neither.',
  problem: 'PostgreSQL has no nested transactions. A second BEGIN is ignored with a warning, so the first COMMIT commits the outer work as well and what follows runs outside any transaction: a failure half-way leaves the schema half-migrated. A COMMIT or ROLLBACK with no block open does nothing, which usually means the file and its runner disagree about who opens the transaction.',
  solution: 'Write one BEGIN … COMMIT pair per block, or none when the runner (Alembic, Flyway, Django…) opens the transaction itself. For a partial undo inside a block use SAVEPOINT / ROLLBACK TO SAVEPOINT.',
  check(ctx) {
    const t = ctx.facts.transactions;
    const out: RuleReport[] = [
      ...t.nestedBegins.map((s) => ({ statement: s, message: 'BEGIN inside an open transaction block is ignored: the first COMMIT ends the outer block too' })),
      ...t.strayEnds.map((s) => ({ statement: s, message: `${s.text.trim().split(/\s+/)[0].toUpperCase()} with no transaction block open does nothing` })),
    ];
    return out.sort((a, b) => a.statement.index - b.statement.index);
  },
};
