import { as, strings, walk, type AstNode } from '../ast';
import { NON_VOLATILE_BUILTINS, VOLATILE_BUILTINS } from '../builtin-functions';
import { isNewTable } from '../facts';
import type { LintContext, LintRule, RuleReport } from '../types';

/** Built-in volatile functions that appear in defaults (pg_proc.provolatile = 'v'). */
export const VOLATILE = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7',
  'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'pg_current_xact_id', 'setseed', 'random_normal']);
export const SERIAL = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/**
 * Volatility of a function called in a default: `v`, `s`/`i` (not volatile), or null when
 * unknown. Functions the file creates or the base schema has decide first (a user function may
 * shadow a built-in name), then PostgreSQL's built-ins and the common extension functions.
 */
function volatilityOf(ctx: LintContext, funcname: string[], before: number): 'v' | 'i' | 's' | null {
  const name = funcname[funcname.length - 1];
  const schema = funcname.length > 1 ? funcname[funcname.length - 2] : null;
  for (const s of ctx.statements) {
    const f = s.node.CreateFunctionStmt;
    if (s.index >= before || !f || strings(f.funcname).slice(-1)[0] !== name) continue;
    const v = (f.options ?? []).map((o: AstNode) => as(o, 'DefElem')).find((d: AstNode | null) => d?.defname === 'volatility');
    const word = String(as(v?.arg, 'String')?.sval ?? 'volatile');
    return word === 'immutable' ? 'i' : word === 'stable' ? 's' : 'v';
  }
  const own = ctx.base?.functions.filter((f) => f.name === name && (!schema || f.schema === schema)) ?? [];
  if (own.length) return own.some((f) => f.volatility === 'v') ? 'v' : 's';
  if (VOLATILE.has(name)) return 'v';
  if (schema && schema !== 'pg_catalog') return null;
  if (VOLATILE_BUILTINS.has(name)) return 'v';
  return NON_VOLATILE_BUILTINS.has(name) ? 's' : null;
}

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
  help: 'Add the column without a default (or with a constant one), backfill in batches, then `SET DEFAULT` for new rows. A default calling your own function is flagged when its volatility is unknown (not in the file nor the base schema): declare it IMMUTABLE or STABLE if it is.',
  problem: 'Since PostgreSQL 11, `ADD COLUMN … DEFAULT <constant>` is instant. A volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`, a sequence via `serial`) or a stored generated column must be computed for every existing row: the whole table is rewritten while an ACCESS EXCLUSIVE lock blocks reads and writes.',
  solution: 'Add the column nullable or with a constant default, backfill existing rows in batches, then `ALTER COLUMN … SET DEFAULT <volatile>` for new rows.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const c of ctx.facts.columns) {
      if (!c.added || isNewTable(ctx.facts, c.table, c.statement.index)) continue;
      const calls = c.default ? [...walk(c.default)].filter(([t]) => t === 'FuncCall').map(([, n]) => strings(n.funcname)) : [];
      const fn = calls.find((f) => volatilityOf(ctx, f, c.statement.index) === 'v');
      const unknown = calls.find((f) => volatilityOf(ctx, f, c.statement.index) === null);
      const serial = SERIAL.has(c.type.name);
      if (fn) out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added with volatile default ${fn.join('.')}(): the table is rewritten` });
      else if (unknown) out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added with default ${unknown.join('.')}(), a function of unknown volatility: if it is VOLATILE the table is rewritten` });
      else if (serial) out.push({ statement: c.statement, offset: c.offset, message: `column ${c.table}.${c.name} is added as ${c.type.name}: its sequence default rewrites the table` });
      else if (c.generated) out.push({ statement: c.statement, offset: c.offset, message: `stored generated column ${c.table}.${c.name} is added: the table is rewritten` });
    }
    return out;
  },
};
