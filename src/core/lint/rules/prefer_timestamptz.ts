import { alterCmds } from '../helpers';
import { as, typeNameOf } from '../ast';
import type { LintRule, RuleReport } from '../types';

/** `timestamp` (without time zone) columns, created, added or retyped. */
export const rule: LintRule = {
  id: 'prefer_timestamptz',
  description: 'Use `timestamptz` (timestamp with time zone), not `timestamp`.',
  severity: 'warning',
  source: 'squawk prefer-timestamptz; PostgreSQL wiki "Don\'t Do This"',
  help: 'Use `timestamptz`; it stores an instant and converts on display.',
  problem: '`timestamp` stores a wall-clock reading without its zone: the same instant written from two sessions with different `TimeZone` settings gets two values, and arithmetic across DST changes is wrong.',
  solution: 'Declare instants as `timestamptz`. Keep `timestamp` only for deliberately zone-less values (a local opening hour).',
  check(ctx) {
    const out: RuleReport[] = ctx.facts.columns
      .filter((c) => c.type.name === 'timestamp')
      .map((c) => ({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is timestamp without time zone` }));
    for (const a of alterCmds(ctx)) {
      if (a.cmd.subtype !== 'AT_AlterColumnType') continue;
      if (typeNameOf(as(a.cmd.def, 'ColumnDef')?.typeName).name === 'timestamp') out.push({ statement: a.statement, offset: a.offset, message: `column ${a.table}.${a.cmd.name} is changed to timestamp without time zone` });
    }
    return out;
  },
};
