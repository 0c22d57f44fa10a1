import { as } from '../ast';
import { isNewTable } from '../facts';
import type { LintRule, RuleReport } from '../types';
import { SERIAL } from './ban_volatile_default';

/**
 * ADD COLUMN … NOT NULL (or PRIMARY KEY) with no default on an existing table: every existing
 * row would get NULL, so PostgreSQL refuses ("column … contains null values") unless the table is
 * empty. Serial, identity and generated columns fill themselves and are left alone.
 */
export const rule: LintRule = {
  id: 'ban_add_not_null_without_default',
  description: 'A NOT NULL column added to an existing table has a default (or is identity / generated).',
  severity: 'error',
  source: 'squawk adding-required-field; PostgreSQL docs ALTER TABLE "ADD COLUMN"',
  help: 'Give the column a constant `DEFAULT`, or add it nullable, backfill it, then make it NOT NULL through a validated CHECK.',
  problem: 'A new column starts as NULL in every existing row (or as its default). Declared NOT NULL without a default, it fails on any table that has rows: the migration passes on an empty development database and breaks in production.',
  solution: 'Add it with a constant default (PostgreSQL 11+ stores it in the catalog, no rewrite), or add it nullable, backfill in batches, add `CHECK (col IS NOT NULL) NOT VALID`, validate it, then `SET NOT NULL`.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const c of ctx.facts.columns) {
      if (!c.added || !c.notNull || isNewTable(ctx.facts, c.table, c.statement.index)) continue;
      const nullDefault = !!as(c.default, 'A_Const')?.isnull;
      if ((c.default && !nullDefault) || c.generated || c.identity || SERIAL.has(c.type.name)) continue;
      out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added NOT NULL without a default: it fails on a table that has rows` });
    }
    return out;
  },
};
