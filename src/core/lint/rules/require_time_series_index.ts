import { tenantColumn } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** Columns that order a tenant's event stream (seed 003 §2.1 rule 7, gate 2.1.7). */
export const TIME_COLUMN = /^(occurred_at|event_time|event_timestamp|timestamp|ts|recorded_at|observed_at|posted_at)$/;

/**
 * Seed 003 §2.1 rule 7: a time-series tenant table (one with an event-time column such as
 * `occurred_at`) has an index led by `(tenant_id, <time> DESC)`.
 */
export const rule: LintRule = {
  id: 'require_time_series_index',
  description: 'A tenant time-series table has an index on (tenant_id, <event time> DESC).',
  severity: 'warning',
  source: 'seed 003 §2.1 rule 7, gate 2.1.7',
  help: 'Add `CREATE INDEX … ON <t> (tenant_id, <time column> DESC);`.',
  problem: 'Every read of a tenant\'s recent events filters by tenant and orders by time; without an index led by both, each such query scans the tenant\'s whole history (or the whole table) and sorts it.',
  solution: 'Create an index whose first key is the tenant column and second the event-time column, descending.',
  check(ctx) {
    const col = tenantColumn(ctx);
    if (!col) return [];
    const out: RuleReport[] = [];
    for (const [bare, t] of ctx.facts.created) {
      const cols = ctx.facts.columns.filter((c) => c.table === bare);
      if (!cols.some((c) => c.name === col)) continue;
      const time = cols.find((c) => TIME_COLUMN.test(c.name) && /^timestamp/.test(c.type.name));
      if (!time) continue;
      const ok = ctx.facts.indexes.some((i) => i.table === bare && i.columns[0] === col && i.columns[1] === time.name && i.descending[1]);
      if (!ok) out.push({ statement: t.statement, offset: time.offset, message: `time-series table ${t.name} has no index on (${col}, ${time.name} DESC)` });
    }
    return out;
  },
};
