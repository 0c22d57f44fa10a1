import { typeRule } from '../type-rule';

/** Key columns are identity columns, not `serial` / `bigserial`. */
export const rule = typeRule({
  id: 'prefer_identity',
  description: 'Key columns are identity columns, not `serial` / `bigserial`.',
  severity: 'warning',
  source: 'squawk prefer-identity; PostgreSQL wiki Don\'t Do This "Don\'t use serial"',
  help: 'Use `bigint GENERATED ALWAYS AS IDENTITY` (or `BY DEFAULT`).',
  problem: '`serial` is a macro for a separately owned sequence plus a DEFAULT: its permissions, ownership and dumps are handled apart from the column, `CREATE TABLE … (LIKE …)` shares the sequence, and nothing stops writes that bypass it. Identity columns are the SQL-standard replacement (PostgreSQL 10+).',
  solution: 'Declare `id bigint GENERATED ALWAYS AS IDENTITY` (`BY DEFAULT` when rows are sometimes inserted with explicit ids).',
  types: ['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial'],
  reason: 'use an identity column',
});
