/**
 * DDL lint: types shared by the engine, the rules and the renderers.
 *
 * Positions are 1-based line and column (UTF-16 code units, as editors count) in the file the
 * user gave (a .sql migration, an Alembic offline SQL script or an Alembic Python revision), so a
 * finding in an `op.execute("""…""")` block points into the Python file.
 */
import type { Spec } from '../spec/types';
import type { SchemaModel } from '../model';
import type { FileFacts } from './facts';
import type { AstNode } from './ast';

/** eslint's vocabulary: `error` fails the lint (exit 1), `warning` is reported, `off` is not run. */
export type LintSeverity = 'error' | 'warning' | 'off';

export interface Finding {
  /** Rule id, e.g. `ban_drop_column`. */
  rule: string;
  severity: Exclude<LintSeverity, 'off'>;
  message: string;
  file: string;
  line: number;
  column: number;
  /** How to fix it (one or two sentences). */
  help: string;
  /** Path of the rule's documentation page, e.g. `docs/rules/lint/ban_drop_column.md`. */
  docs: string;
  /** Set when a `CI:DESTRUCTIVE_OK: <reason>` waiver covers the finding: it is reported, not counted. */
  waived?: string;
}

/** One SQL statement of the file, parsed by PostgreSQL's own grammar (libpg-query). */
export interface LintStatement {
  /** 0-based index in the file's statement list. */
  index: number;
  /** The statement text as written (without the psql-only parts). */
  text: string;
  /** The parse tree of the statement: `{ AlterTableStmt: {…} }` etc. */
  node: AstNode;
  /** The node's type name, e.g. `AlterTableStmt`. */
  type: string;
  /** 1-based line/column of a character offset (UTF-16) inside `text`, in the user's file. */
  at(offset: number): { line: number; column: number };
  /** UTF-16 offset inside `text` of a parser location (a UTF-8 byte offset in the statement). */
  offsetOf(location: number | undefined): number;
  /** Start offsets (in `text`) of each `ALTER TABLE` sub-command, in order (they carry no location). */
  alterCmdOffsets: number[];
  /** Lexer tokens of `text` (libpg-query scan: comments included), offsets in UTF-16 units. */
  tokens: LintToken[];
  /** Where the statement came from: plain SQL, an `op.execute` block, or a translated `op.*` call. */
  origin: 'sql' | 'execute' | 'op';
  /** Alembic revision function the statement sits in (`upgrade`/`downgrade`), else null. */
  revisionFunction: 'upgrade' | 'downgrade' | null;
  /**
   * The migration runner wraps the statement in its own transaction: an Alembic revision on
   * PostgreSQL (transactional DDL), outside `with op.get_context().autocommit_block():`.
   */
  runnerTransaction: boolean;
  /** Waiver text found on the statement (its comments) or the line above, else null. */
  waiver: Waiver | null;
}

export interface LintToken {
  start: number;
  end: number;
  text: string;
  /** libpg-query token name: `IDENT`, `SCONST`, `SQL_COMMENT`, `C_COMMENT`, `ASCII_44` … */
  kind: string;
}

export interface Waiver {
  /** The reason after `CI:DESTRUCTIVE_OK` (trimmed; empty when none was written). */
  reason: string;
  line: number;
  column: number;
}

/** What a rule sees: the file's statements, facts gathered across them, and the options. */
export interface LintContext {
  file: string;
  statements: LintStatement[];
  facts: FileFacts;
  spec: Spec | null;
  /** The schema the migration applies to, when known (browser: the loaded canonical or dump). */
  base: SchemaModel | null;
  /** `down` for a downgrade script: destructive statements are its purpose, not a hazard. */
  role: 'up' | 'down';
}

/** What a rule reports; the engine adds rule id, severity, file, docs and waivers. */
export interface RuleReport {
  statement: LintStatement;
  /** UTF-16 offset inside the statement text (default: its start). */
  offset?: number;
  message: string;
  /** Overrides the rule's help for this finding. */
  help?: string;
}

export interface LintRule {
  /** snake_case, stable: used in overlays, reports and docs file names. */
  id: string;
  /** One line: what the rule forbids or requires. */
  description: string;
  /** Default severity; `off` for opinions a schema may not share (an overlay turns them on). */
  severity: LintSeverity;
  /** Default help text for its findings. */
  help: string;
  /** Docs page: why it is a problem (Postgres meaning: locks, rewrites, data loss). */
  problem: string;
  /** Docs page: what to write instead. */
  solution: string;
  /** Where it comes from: `seed 003 §2.1 rule 1`, `squawk ban-drop-column`, `PostgreSQL docs: ALTER TABLE`. */
  source: string;
  /** A destructive-change rule: a `CI:DESTRUCTIVE_OK: <reason>` waiver lets it through. */
  destructive?: boolean;
  check(ctx: LintContext): RuleReport[];
}
