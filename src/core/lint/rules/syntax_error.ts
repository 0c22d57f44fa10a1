import type { LintRule } from '../types';

/** Emitted by the engine for a statement PostgreSQL's grammar rejects (or SQL that cannot be read statically). */
export const rule: LintRule = {
  id: 'syntax_error',
  description: 'The statement does not parse (PostgreSQL 18 grammar), or its SQL is computed at run time and cannot be read.',
  severity: 'error',
  source: 'libpg-query (PostgreSQL\'s parser)',
  help: 'Fix the statement; for an Alembic revision, write the SQL as a literal string so it can be checked.',
  problem: 'A statement the parser rejects fails when the migration runs; SQL assembled at run time (f-strings, `%` formatting) cannot be linted at all, so none of the other rules saw it.',
  solution: 'Make the statement valid SQL; in Alembic, pass literal SQL to `op.execute` (bind values with `sa.text(…).bindparams(…)`).',
  check: () => [],
};
