import { rangeVarName } from '../ast';
import { isNewTable } from '../facts';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

export const rule: LintRule = {
  id: 'ban_rename_table',
  description: 'Renaming an existing table breaks the code that uses it.',
  severity: 'warning',
  source: 'squawk renaming-table',
  help: 'Create the new table (or a view with the new name), migrate readers and writers, then drop the old name later.',
  problem: 'Queries in the running application name the old table and fail from the moment the migration commits until new code is deployed; grants and RLS policies move with the table but external tools (ETL, BI) break silently.',
  solution: 'Expand and contract: introduce the new name alongside the old (for example an updatable view), move every client, then remove the old name.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, r] of statementsOf(ctx, 'RenameStmt')) {
      if (r.renameType !== 'OBJECT_TABLE') continue;
      const table = rangeVarName(r.relation);
      if (isNewTable(ctx.facts, table, s.index)) continue;
      out.push({ statement: s, offset: s.offsetOf(r.relation?.location), message: `table ${table} is renamed to ${r.newname}` });
    }
    return out;
  },
};
