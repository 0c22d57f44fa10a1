import { as, type AstNode } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds } from '../helpers';
import type { LintRule, RuleReport } from '../types';

const KIND: Record<string, string> = { CONSTR_UNIQUE: 'UNIQUE', CONSTR_PRIMARY: 'PRIMARY KEY' };

/**
 * ADD UNIQUE / PRIMARY KEY (as a table constraint or inline on ADD COLUMN) on an existing table
 * without USING INDEX: PostgreSQL builds the index inside the ALTER TABLE, under its ACCESS
 * EXCLUSIVE lock, for as long as the build takes.
 */
export const rule: LintRule = {
  id: 'require_unique_using_index',
  description: 'UNIQUE and PRIMARY KEY constraints on existing tables are added `USING INDEX` an index built `CONCURRENTLY` first.',
  severity: 'warning',
  source: 'squawk disallowed-unique-constraint, adding-serial-primary-key-field; PostgreSQL docs ALTER TABLE "ADD table_constraint_using_index"',
  help: 'Build the index with `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX …` (or `PRIMARY KEY USING INDEX`).',
  problem: 'Adding a UNIQUE or PRIMARY KEY constraint builds its unique index inside the ALTER TABLE, which holds an ACCESS EXCLUSIVE lock: no one can read or write the table until every row is indexed. A PRIMARY KEY also scans for NULLs first.',
  solution: 'Build the unique index concurrently (reads and writes continue), then attach it: `ADD CONSTRAINT … UNIQUE USING INDEX idx` only updates the catalog. For a PRIMARY KEY make the columns NOT NULL through a validated CHECK first. On a table the migration creates the plain form is fine.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const a of alterCmds(ctx)) {
      if (isNewTable(ctx.facts, a.table, a.statement.index)) continue;
      if (a.cmd.subtype === 'AT_AddConstraint') {
        const con = as(a.cmd.def, 'Constraint');
        const kind = con && KIND[con.contype];
        if (!kind || con.indexname) continue;
        out.push({ statement: a.statement, offset: a.offset, message: `${kind} constraint ${con.conname ?? ''} on existing table ${a.table} builds its index under ACCESS EXCLUSIVE`.replace('  ', ' ') });
      } else if (a.cmd.subtype === 'AT_AddColumn') {
        const col = as(a.cmd.def, 'ColumnDef');
        const con = (col?.constraints ?? []).map((x: AstNode) => as(x, 'Constraint')).find((x: AstNode | null) => x && KIND[x.contype]);
        if (con) out.push({ statement: a.statement, offset: a.offset, message: `column ${a.table}.${col?.colname} is added ${KIND[con.contype]}: its index is built under ACCESS EXCLUSIVE` });
      }
    }
    return out;
  },
};
