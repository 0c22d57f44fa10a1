import { as, typeNameOf } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds, knownColumnType } from '../helpers';
import { charLength, typeText } from '../types-of';
import type { LintRule, RuleReport } from '../types';

/**
 * ALTER COLUMN … TYPE on an existing table. Only binary-coercible changes (varchar(n) →
 * varchar(m ≥ n) or text) skip the rewrite; everything else rewrites the table and its indexes
 * under ACCESS EXCLUSIVE.
 */
export const rule: LintRule = {
  id: 'ban_column_type_change',
  description: 'Changing a column\'s type on an existing table rewrites it under an ACCESS EXCLUSIVE lock.',
  severity: 'warning',
  source: 'squawk changing-column-type; PostgreSQL docs ALTER TABLE "Notes"',
  help: 'Add a new column of the new type, backfill, switch readers, then drop the old column.',
  problem: 'Most type changes rewrite every row and rebuild every index on the table while reads and writes wait. Application code may also still send values of the old type.',
  solution: 'Expand and contract with a new column; or, when the change is binary-coercible (widening a varchar, varchar → text), it is cheap and this rule does not fire.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const a of alterCmds(ctx)) {
      if (a.cmd.subtype !== 'AT_AlterColumnType' || isNewTable(ctx.facts, a.table, a.statement.index)) continue;
      const to = typeNameOf(as(a.cmd.def, 'ColumnDef')?.typeName);
      const from = knownColumnType(ctx, a.table, a.cmd.name, a.statement.index);
      const fromLen = from ? charLength(from) : null;
      const toLen = charLength(typeText(to));
      if (fromLen !== null && toLen !== null && toLen >= fromLen && !/^(char|character|bpchar)/.test(to.name)) continue; // widening: no rewrite
      out.push({ statement: a.statement, offset: a.offset, message: `column ${a.table}.${a.cmd.name} changes type${from ? ` from ${from}` : ''} to ${typeText(to)}: the table is rewritten` });
    }
    return out;
  },
};
