/**
 * Transaction blocks written in the file: which statements run inside `BEGIN … COMMIT`, and the
 * transaction statements that do nothing or break the block. PostgreSQL's rules (docs: BEGIN,
 * COMMIT): a BEGIN inside a block is ignored with a WARNING, so the first COMMIT ends the outer
 * block too; a COMMIT / ROLLBACK outside a block only warns; a block still open at the end of the
 * session is rolled back. `COMMIT AND CHAIN` ends a block and opens the next one at once.
 * A statement the runner wraps in its own transaction (an Alembic revision, LintStatement.
 * runnerTransaction) is in a block too: the runner's, reported as block -1.
 */
import type { LintStatement } from './types';

export interface TransactionFacts {
  /** Per statement index: it runs inside an explicit transaction block. */
  inBlock: boolean[];
  /** Per statement index: the index of the statement that opened its block (-1: the runner's), else null. */
  block: (number | null)[];
  /** BEGIN / START TRANSACTION issued while a block is already open (ignored by PostgreSQL). */
  nestedBegins: LintStatement[];
  /** COMMIT / END / ROLLBACK / ABORT issued with no block open. */
  strayEnds: LintStatement[];
  /** The BEGIN of a block still open at the end of the file, else null. */
  unclosed: LintStatement | null;
}

const OPEN = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const CLOSE = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK']);

export function transactionFacts(statements: LintStatement[]): TransactionFacts {
  const t: TransactionFacts = { inBlock: [], block: [], nestedBegins: [], strayEnds: [], unclosed: null };
  let open: LintStatement | null = null;
  for (const s of statements) {
    const kind: string | undefined = s.node.TransactionStmt?.kind;
    if (kind && OPEN.has(kind)) {
      if (open) t.nestedBegins.push(s);
      else open = s;
    } else if (kind && CLOSE.has(kind)) {
      if (!open) t.strayEnds.push(s);
      open = s.node.TransactionStmt.chain ? s : null;
    }
    t.inBlock[s.index] = (open !== null || s.runnerTransaction) && !kind;
    t.block[s.index] = !t.inBlock[s.index] ? null : open ? open.index : -1;
  }
  t.unclosed = open;
  return t;
}
