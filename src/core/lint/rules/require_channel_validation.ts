import { columnRefName, walk } from '../ast';
import type { LintRule } from '../types';

const CHANNEL = /(^|_)channel(_code)?$/;

/** Seed 002 §4A (gate 4A.4): channel codes are validated by a CHECK or a foreign key. */
export const rule: LintRule = {
  id: 'require_channel_validation',
  description: 'A channel code column is validated by a CHECK constraint or a foreign key.',
  severity: 'warning',
  source: 'seed 002 gate 4A.4 (channel CHECK)',
  help: 'Add `CHECK (channel IN (…))` or a foreign key to a channel table.',
  problem: 'Free-text channel codes fragment attribution: `google`, `Google` and `google_ads` become three channels and the per-channel sums no longer match the totals.',
  solution: 'Constrain the column to the known codes with a CHECK, or reference a channel taxonomy table.',
  check(ctx) {
    return ctx.facts.columns
      .filter((c) => CHANNEL.test(c.name) && !c.references)
      .filter((c) => !ctx.facts.foreignKeys.some((f) => f.table === c.table && f.columns.includes(c.name)))
      .filter((c) => !ctx.facts.checks.some((k) => k.table === c.table && (k.column === c.name || [...walk(k.expr)].some(([t, n]) => t === 'ColumnRef' && columnRefName({ ColumnRef: n }) === c.name))))
      .map((c) => ({ statement: c.statement, offset: c.offset, message: `channel column ${c.table}.${c.name} is not validated by a CHECK or a foreign key` }));
  },
};
