import type { LintRule } from '../types';

/** A BEGIN with no COMMIT before the end of the file: the session ends and PostgreSQL rolls it back. */
export const rule: LintRule = {
  id: 'ban_uncommitted_transaction',
  description: 'Every transaction block the migration opens is committed (or rolled back) before the file ends.',
  severity: 'error',
  source: 'squawk ban-uncommitted-transaction; PostgreSQL docs BEGIN',
  help: 'End the block with `COMMIT;`.',
  problem: 'When a script ends inside an open transaction block, the session closes and PostgreSQL rolls the block back: `psql -f` still exits 0, so the migration looks applied while none of its changes exist.',
  solution: 'Close every BEGIN / START TRANSACTION with COMMIT in the same file.',
  check(ctx) {
    const open = ctx.facts.transactions.unclosed;
    return open ? [{ statement: open, message: 'transaction block opened here is never committed: PostgreSQL rolls it back when the session ends' }] : [];
  },
};
