import { rangeVarName } from '../ast';
import { isNewTable } from '../facts';
import { statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

export const rule: LintRule = {
  id: 'ban_rename_column',
  description: 'Renaming a column of an existing table breaks the code that uses it.',
  severity: 'warning',
  source: 'squawk renaming-column',
  help: 'Add the new column, write both, backfill, move readers, then drop the old one in a later release.',
  problem: 'The running application still selects and writes the old name; between the migration and the deploy of new code every such query fails. Views and functions keep working (they bind by attribute number) but their text now shows the new name, which surprises reviewers.',
  solution: 'Expand and contract: add the new column, dual-write, backfill, switch readers, and drop the old column later.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, r] of statementsOf(ctx, 'RenameStmt')) {
      if (r.renameType !== 'OBJECT_COLUMN') continue;
      const table = rangeVarName(r.relation);
      if (isNewTable(ctx.facts, table, s.index)) continue;
      out.push({ statement: s, message: `column ${table}.${r.subname} is renamed to ${r.newname}` });
    }
    return out;
  },
};
