import type { LintRule } from '../types';

/** Seed 003 §2.1 rule 1: every table the migration creates is described by COMMENT ON TABLE. */
export const rule: LintRule = {
  id: 'require_table_comment',
  description: 'Every table created by the migration has a COMMENT ON TABLE in the same migration.',
  severity: 'warning',
  source: 'seed 003 §2.1 rule 1 (DDL_LINT_RULES.md)',
  help: 'Add `COMMENT ON TABLE <table> IS \'…\';` saying what one row is and who writes it.',
  problem: 'A table without a comment leaves the next reader guessing what a row means; the data dictionary and the schema explorer show nothing for it. Skeldir gate 2.1.2 requires a comment on every table.',
  solution: 'Describe each new table with `COMMENT ON TABLE` in the migration that creates it.',
  check(ctx) {
    return [...ctx.facts.created.entries()].filter(([, t]) => t.kind === 'table')
      .filter(([bare]) => !ctx.facts.tableComments.has(bare))
      .map(([, t]) => ({ statement: t.statement, offset: t.statement.offsetOf(t.statement.node.CreateStmt?.relation?.location ?? t.statement.node.CreateTableAsStmt?.into?.rel?.location), message: `table ${t.name} has no COMMENT ON TABLE` }));
  },
};
