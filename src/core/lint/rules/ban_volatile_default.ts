import { strings, walk } from '../ast';
import { isNewTable } from '../facts';
import type { LintRule, RuleReport } from '../types';

/** Built-in volatile functions that appear in defaults (pg_proc.provolatile = 'v'). */
export const VOLATILE = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7',
  'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'pg_current_xact_id', 'setseed', 'random_normal']);
export const SERIAL = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/**
 * ADD COLUMN with a volatile default (or a serial type, or a stored generated column) on an
 * existing table: PostgreSQL 11+ stores a constant default in the catalog, but a volatile one
 * must be evaluated per row, so the table is rewritten under ACCESS EXCLUSIVE.
 */
export const rule: LintRule = {
  id: 'ban_volatile_default',
  description: 'Adding a column to an existing table with a volatile default (or serial / stored generated) rewrites the table.',
  severity: 'warning',
  source: 'squawk adding-field-with-default; PostgreSQL docs ALTER TABLE "Notes"',
  help: 'Add the column without a default (or with a constant one), backfill in batches, then `SET DEFAULT` for new rows.',
  problem: 'Since PostgreSQL 11, `ADD COLUMN … DEFAULT <constant>` is instant. A volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`, a sequence via `serial`) or a stored generated column must be computed for every existing row: the whole table is rewritten while an ACCESS EXCLUSIVE lock blocks reads and writes.',
  solution: 'Add the column nullable or with a constant default, backfill existing rows in batches, then `ALTER COLUMN … SET DEFAULT <volatile>` for new rows.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const c of ctx.facts.columns) {
      if (!c.added || isNewTable(ctx.facts, c.table, c.statement.index)) continue;
      const fn = c.default ? [...walk(c.default)].find(([t, n]) => t === 'FuncCall' && VOLATILE.has(strings(n.funcname).slice(-1)[0])) : undefined;
      const serial = SERIAL.has(c.type.name);
      if (fn) out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added with volatile default ${strings(fn[1].funcname).join('.')}(): the table is rewritten` });
      else if (serial) out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added as ${c.type.name}: its sequence default rewrites the table` });
      else if (c.generated) out.push({ statement: c.statement, offset: c.offset, message: `stored generated column ${c.table}.${c.name} is added: the table is rewritten` });
    }
    return out;
  },
};
