/**
 * Which statements the loader may send together in one round trip, and how many.
 *
 * A multi-statement query string runs in one implicit transaction: if any statement fails, the
 * whole string is rolled back and the loader re-runs it statement by statement (same errors,
 * notes and role creation as a script that never batched). So a batch must hold only statements
 * whose effect does not depend on running in a transaction of their own.
 */
import { leadingCommentsStripped } from './statements';

/** Most statements in one batch. */
export const BATCH_MAX_STATEMENTS = 200;
/** Most characters in one batch (UTF-16 units; roughly bytes for SQL). */
export const BATCH_MAX_CHARS = 256 * 1024;
/** Smallest batch after failures; one statement runs on its own. */
const BATCH_MIN_STATEMENTS = 4;

/**
 * Statements that cannot run inside a transaction block, behave differently inside one, or can
 * end one: each runs alone, in its own transaction, exactly as psql would send it.
 * (`LOCK`, cursors and `SET LOCAL` fail or warn outside a block; `ALTER TYPE … ADD VALUE` makes a
 * label that the same transaction may not use; `CALL` may COMMIT. A `DO` block that commits fails
 * in a batch and is re-run alone by the fallback.)
 */
const ALONE = [
  /^(create|drop|alter)\s+(database|tablespace|subscription|system)\b/,
  /^(vacuum|cluster|reindex|call|lock|declare|fetch|move|close|listen|unlisten|discard|checkpoint)\b/,
  /^set\s+(local|transaction|session\s+characteristics)\b/,
  /^(commit|rollback)\s+prepared\b/,
  /^alter\s+type\b[\s\S]*\badd\s+value\b/,
  /\bconcurrently\b/,
  // Statements whose point is to run code (a DO block, a query, a procedure): the likeliest to
  // run past the statement budget. Alone, a stop names them at once instead of stopping a whole
  // batch first (core/guard); pg_dump writes few of them (set_config, setval).
  /^(do|select|with|values|explain|table)\b/,
];

/**
 * True when `text` (one SQL statement ending in `;`) may share a batch. Conservative: a false
 * "no" only costs a round trip.
 */
export function batchable(text: string): boolean {
  if (!/;\s*$/.test(text)) return false;
  const head = leadingCommentsStripped(text).slice(0, 400).toLowerCase();
  return !ALONE.some((re) => re.test(head));
}

/**
 * Batch size that adapts to the script: it halves after a batch that failed (and was re-run one
 * statement at a time) and doubles back after one that succeeded, so a script with many failing
 * statements does not pay for each of them twice over.
 */
export class BatchSize {
  private size = BATCH_MAX_STATEMENTS;

  get limit(): number {
    return this.size;
  }

  succeeded(): void {
    this.size = Math.min(BATCH_MAX_STATEMENTS, this.size * 2);
  }

  failed(): void {
    this.size = Math.max(BATCH_MIN_STATEMENTS, Math.floor(this.size / 2));
  }
}
