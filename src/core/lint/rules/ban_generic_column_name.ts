import type { LintRule } from '../types';

/** Names that say nothing about what the column holds (seed 003 §2.1 rule 2). */
export const GENERIC = new Set(['data', 'misc', 'other', 'stuff', 'info', 'value', 'values', 'details', 'extra', 'tmp', 'temp', 'blob']);

export const rule: LintRule = {
  id: 'ban_generic_column_name',
  description: 'No generic column names (data, misc, other, stuff, info, value, details, extra, tmp, temp, blob).',
  severity: 'warning',
  source: 'seed 003 §2.1 rule 2 (DDL_LINT_RULES.md)',
  help: 'Name the column after what it holds, e.g. `raw_payload`, `error_detail`, `display_name`.',
  problem: 'A column called `data` or `misc` becomes a dumping ground: its contents drift, nothing constrains it and contracts cannot map to it. Skeldir gate 2.1.3 forbids such names.',
  solution: 'Use a name that states the content and, where it is structured, a type that enforces it.',
  check(ctx) {
    return ctx.facts.columns
      .filter((c) => GENERIC.has(c.name.toLowerCase()))
      .map((c) => ({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} has a generic name` }));
  },
};
