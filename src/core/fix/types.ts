/**
 * A corrective migration plan (pg-schema-diff's shape): an ordered list of statements, each
 * with its DDL, why it is there, the divergences it fixes, and typed hazards a reviewer reads
 * where the SQL is. Plain JSON values: the CLI prints them, the browser's worker posts them.
 */

/**
 * What can go wrong when a statement runs on a live database, as pg-schema-diff types it.
 * `TABLE_REWRITE` and `MAY_FAIL_ON_EXISTING_ROWS` are ours: a plan made from two schemas cannot
 * see the data, so it says where the data decides.
 */
export type HazardType =
  /** Rows or columns are removed (DROP TABLE / COLUMN, a type change that can lose precision). */
  | 'DELETES_DATA'
  /** CREATE INDEX: a full scan and sort; without CONCURRENTLY it blocks writes meanwhile. */
  | 'INDEX_BUILD'
  /** An index goes away: queries that used it may get slower. */
  | 'INDEX_DROPPED'
  /** Blocks every read and write of the table while it runs (most ALTER TABLE forms). */
  | 'ACQUIRES_ACCESS_EXCLUSIVE_LOCK'
  /** Blocks writes (CREATE INDEX without CONCURRENTLY). */
  | 'ACQUIRES_SHARE_LOCK'
  /** Who may do what changes: GRANT / REVOKE, policies, ROW LEVEL SECURITY, SECURITY DEFINER. */
  | 'AUTHZ_UPDATE'
  /** The table is rewritten (ALTER COLUMN … TYPE that is not binary-coercible, …). */
  | 'TABLE_REWRITE'
  /** Existing rows may violate the new rule (NOT NULL, CHECK, UNIQUE, FK, a cast): the statement then fails. */
  | 'MAY_FAIL_ON_EXISTING_ROWS'
  /** Behaviour changes for callers (a function body, a view, a trigger). */
  | 'CORRECTNESS'
  /** Heavier than usual on a busy database (a validation scan, a sequence reset). */
  | 'IMPACTS_DATABASE_PERFORMANCE';

export interface Hazard {
  type: HazardType;
  /** One sentence, e.g. `builds idx_x on public.t; to keep writes flowing run CREATE INDEX CONCURRENTLY outside a transaction`. */
  message: string;
}

/**
 * Where a statement sits in the script. Postgres accepts the script in this order: what
 * others depend on is dropped late and created early; dependants are dropped first and
 * re-created last. Lower runs first; `pre` runs before the transaction.
 */
export type Phase =
  | 'pre'                // outside the transaction: ALTER TYPE … ADD VALUE (usable only once committed)
  | 'create_namespace'   // schemas, extensions
  | 'create_type'        // new enums, domains, composite and range types
  | 'drop_dependant'     // views, triggers, policies that block a change below (pg_depend)
  | 'drop_constraint'    // foreign keys first, then other constraints
  | 'drop_index'
  | 'create_sequence'
  | 'create_function'
  | 'table'              // CREATE TABLE, partitions
  | 'column'             // RENAME / ADD / ALTER / DROP COLUMN
  | 'add_constraint'     // PK, UNIQUE, CHECK, EXCLUDE
  | 'create_index'
  | 'add_foreign_key'
  | 'validate'           // VALIDATE CONSTRAINT after NOT VALID
  | 'create_view'
  | 'view_index'         // indexes on materialized views created above
  | 'create_trigger'
  | 'create_policy'
  | 'rls'
  | 'drop_table'
  | 'drop_sequence'
  | 'drop_function'
  | 'drop_type'
  | 'drop_namespace'
  | 'privilege'
  | 'comment';

export const PHASES: readonly Phase[] = [
  'pre', 'create_namespace', 'create_type', 'drop_dependant', 'drop_constraint', 'drop_index', 'create_sequence',
  'create_function', 'table', 'column', 'add_constraint', 'create_index', 'add_foreign_key', 'validate', 'create_view', 'view_index',
  'create_trigger', 'create_policy', 'rls', 'drop_table', 'drop_sequence', 'drop_function', 'drop_type',
  'drop_namespace', 'privilege', 'comment',
];

export interface FixStatement {
  /** One SQL statement, ending with `;`. */
  sql: string;
  phase: Phase;
  /** Object the statement acts on, as compare names it, e.g. `public.t.c`. */
  object: string;
  /** The fixer's key for it (`view:public.v`, `column:public.t.c`), used to order dependants; absent for table-level steps. */
  key?: string;
  /** Why, for a reviewer: `-- canonical has …` printed above the statement. */
  why: string;
  /** Divergence ids (`kind:object_type:object`) this statement helps fix; empty for a dependant rebuilt around a change. */
  fixes: string[];
  hazards: Hazard[];
  /**
   * Removes data or an object data lives in: the script carries `-- CI:DESTRUCTIVE_OK: <reason>`
   * above it for a reviewer to sign (seed 004 §5.1).
   */
  destructive: boolean;
  /** Must run outside a transaction block (CONCURRENTLY). */
  outsideTransaction?: boolean;
  /** Another way to do it the reviewer may prefer (drop/add instead of a rename, CONCURRENTLY, NOT VALID …), as SQL. */
  alternative?: string;
}

/** A divergence the plan does not fix, and why (never skipped silently). */
export interface Unfixed {
  divergence: string;
  reason: string;
}

export interface FixPlan {
  /** Statements in execution order. */
  statements: FixStatement[];
  unfixed: Unfixed[];
  /** `SET lock_timeout` at the top of the script, e.g. `5s`. */
  lockTimeout: string;
  /** `SET statement_timeout`, e.g. `15min`. */
  statementTimeout: string;
}

/** What proving the plan found. */
export interface FixVerification {
  /** `verified`: the dump plus this script passes the whole check; `residual`: something remains; `inconclusive`: the proof could not run. */
  status: 'verified' | 'residual' | 'inconclusive';
  /** One sentence for people. */
  summary: string;
  /** Statements of the script that failed when applied, with the script line. */
  errors: { line: number; sqlstate: string; message: string; statement: string }[];
  /** Divergences still reported after applying the script (id + message). */
  residual: { id: string; severity: string; message: string }[];
  /** The verdict of the whole check (structure, RLS, smoke) on dump + script. */
  verdict: string | null;
  /** RLS / smoke tests that failed or were inconclusive after the fix. */
  behaviour: string[];
  ms: number;
}
