import type { LintRule } from '../types';

/** A table created without a primary key (and none added later in the migration). */
export const rule: LintRule = {
  id: 'require_primary_key',
  description: 'Every table created by the migration has a primary key.',
  severity: 'warning',
  source: 'squawk prefer-identity / PostgreSQL logical replication (REPLICA IDENTITY)',
  help: 'Declare a primary key, e.g. `id uuid PRIMARY KEY DEFAULT gen_random_uuid()` or `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`.',
  problem: 'Without a primary key rows cannot be addressed reliably: duplicates creep in, ORMs misbehave, and logical replication cannot replicate UPDATE or DELETE on the table (no replica identity).',
  solution: 'Give every table a primary key in the statement that creates it (or in the same migration).',
  check(ctx) {
    return [...ctx.facts.created.entries()].filter(([, t]) => t.kind === 'table')
      .filter(([bare, t]) => !t.derived && !ctx.facts.primaryKeys.has(bare))
      .map(([, t]) => ({ statement: t.statement, offset: t.statement.offsetOf(t.statement.node.CreateStmt?.relation?.location ?? t.statement.node.CreateTableAsStmt?.into?.rel?.location), message: `table ${t.name} has no primary key` }));
  },
};
