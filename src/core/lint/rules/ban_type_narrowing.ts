import { as, typeNameOf } from '../ast';
import { alterCmds, knownColumnType } from '../helpers';
import { charLength, intWidth, typeText } from '../types-of';
import type { LintRule, RuleReport } from '../types';

/**
 * Narrowing a column type (varchar(255) → varchar(50), text → varchar(n), bigint → integer):
 * rows that do not fit make the migration fail, or with an explicit USING cast are truncated.
 * The old type comes from the migration itself or the base schema; unknown → no finding here.
 */
export const rule: LintRule = {
  id: 'ban_type_narrowing',
  description: 'Narrowing a column type (shorter varchar, text → varchar(n), smaller integer) can fail or lose data.',
  severity: 'error',
  source: 'seed 004 §5 destructive DDL; squawk changing-column-type',
  destructive: true,
  help: 'Check the longest value first, or keep the wider type and add a CHECK; waive with `-- CI:DESTRUCTIVE_OK: <reason>` when intended.',
  problem: 'A narrower type rejects existing values (the migration fails half-way in production) or, with `USING left(col, n)`, silently cuts them. It also rewrites the table under ACCESS EXCLUSIVE.',
  solution: 'Keep the wider type and enforce the new limit with a `CHECK (length(col) <= n) NOT VALID`, validated later; or verify the data and sign the change with a waiver that says why it is safe.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const a of alterCmds(ctx)) {
      if (a.cmd.subtype !== 'AT_AlterColumnType') continue;
      const from = knownColumnType(ctx, a.table, a.cmd.name, a.statement.index);
      if (!from) continue;
      const to = typeText(typeNameOf(as(a.cmd.def, 'ColumnDef')?.typeName));
      const [fl, tl] = [charLength(from), charLength(to)];
      const [fw, tw] = [intWidth(from), intWidth(to)];
      if ((fl !== null && tl !== null && tl < fl) || (fw !== null && tw !== null && tw < fw)) {
        out.push({ statement: a.statement, offset: a.offset, message: `column ${a.table}.${a.cmd.name} narrows from ${from} to ${to}` });
      }
    }
    return out;
  },
};
