/**
 * What every scenario gets: the scratch database, the identity the policies read, the two
 * principals with their seeded worlds, and helpers to act as one of them.
 */
import type { Db } from '../db';
import { pgErrorFields, type PgErrorFields } from '../db';
import type { Constraint, SchemaModel, Table } from '../model';
import type { RlsObserved, RlsTest, TestOutcome } from '../report/types';
import type { RowSynth } from '../synth/synth';
import { quoteIdent, quoteLiteral, quoteQName } from '../pgtext';
import type { Identity } from './identity';
import { actAs, type Anonymous, type Principal } from './principals';
import type { ProbeRoles } from './roles';
import type { SeededWorld } from './worlds';

export type Row = Record<string, string | null>;

export interface SeededTable {
  table: Table;
  qname: string;
  /** The row standing for each principal's world in this table, or null when seeding failed. */
  rows: { a: Row; b: Row } | null;
  /** Why seeding failed (with the statement), when it did. */
  seedError: { message: string; sql: string } | null;
  /** Columns that identify one row (primary key, else a unique key, else every seeded column). */
  key: string[];
}

export interface SuiteContext {
  db: Db;
  model: SchemaModel;
  identity: Identity;
  synth: RowSynth;
  roles: ProbeRoles;
  principals: { a: Principal; b: Principal };
  /** The role policies are written TO (first of them), used as the JWT `role` claim. */
  targetRole: string | null;
  worlds: { a: SeededWorld; b: SeededWorld };
  /** FORCE ROW LEVEL SECURITY and owner bypass are required (the overlay says so). */
  requireForce: boolean;
  /** Own-row read of principal a per table, run once and shared as the positive control. */
  controls: Map<string, Promise<Probe>>;
  /** For the anonymous phase (run on a fresh session): the main context, whose controls it uses. */
  main?: SuiteContext;
  /**
   * "Identity never set" reads, taken for every table before anything set the identity; a
   * string is why a table's could not be taken (then `unset_guc_denied` is inconclusive).
   */
  unsetReads?: Map<string, Probe | string>;
  /**
   * Principal a's own-row read of the very rows each "never set" read was taken on, when those
   * reads ran on throwaway worlds (seeding that must act as the principal): the positive
   * control of `unset_guc_denied` must see the rows the denial was judged on.
   */
  unsetControls?: Map<string, Probe>;
  /** Already inside a transaction the suite owns: `isolated` uses a savepoint instead of BEGIN. */
  nested?: boolean;
}

export const ROW_SAMPLE = 3;

/** What one probe saw: allowed (rows / a write went through), denied (none / 42501), or an unrelated error. */
export interface Probe {
  observed: RlsObserved;
  rows: Row[];
  affected: number;
  error: PgErrorFields | null;
  sql: string[];
}

export function target(t: SeededTable): string {
  return quoteQName(t.table.schema, t.table.name);
}

export function lit(v: string): string {
  return quoteLiteral(v);
}

/** `(k)::text = '…' AND …` selecting exactly `row` (text comparison works for every type, json included). */
export function rowWhere(t: SeededTable, row: Row): string {
  return t.key.map((c) => (row[c] === null || row[c] === undefined ? `${quoteIdent(c)} IS NULL` : `(${quoteIdent(c)})::text = ${quoteLiteral(row[c])}`)).join(' AND ') || 'false';
}

/** Key columns of a table: primary key, else a unique key whose values are all known, else every non-null seeded column. */
export function keyColumns(model: SchemaModel, table: Table, sample: Row | null): string[] {
  const cons = model.constraints.filter((c: Constraint) => c.schema === table.schema && c.table === table.name);
  const pk = cons.find((c) => c.type === 'primary key');
  if (pk) return pk.columns;
  const uq = cons.find((c) => c.type === 'unique' && c.columns.length && c.columns.every((x) => sample?.[x] != null));
  if (uq) return uq.columns;
  return sample ? Object.keys(sample).filter((c) => sample[c] !== null) : [];
}

/** The statements that make this transaction act as a principal (or anonymously), as shown in reports. */
export function sessionSql(ctx: SuiteContext, who: Principal | Anonymous): string[] {
  const role = typeof who === 'object' ? who.role : ctx.roles.probe;
  return actAs(ctx.identity, who, role, ctx.targetRole);
}

export interface RunResult {
  rows: Record<string, unknown>[];
  affected: number | undefined;
  error: PgErrorFields | null;
}

/** Run `sql` after `session`, return rows or the error (the caller owns the transaction). */
export async function runAs(ctx: SuiteContext, session: string[], sql: string): Promise<RunResult> {
  for (const s of session) await ctx.db.query(s);
  try {
    const r = await ctx.db.query<Record<string, unknown>>(sql);
    return { rows: wallClockRows(r.rows, r.fields), affected: r.affectedRows, error: null };
  } catch (err) {
    return { rows: [], affected: undefined, error: pgErrorFields(err) };
  }
}

/** BEGIN … ROLLBACK around `fn`: nothing a scenario does survives it. */
export async function isolated<T>(ctx: SuiteContext, fn: () => Promise<T>): Promise<T> {
  if (ctx.nested) {
    await ctx.db.query('SAVEPOINT skeldir_isolated');
    try {
      return await fn();
    } finally {
      await ctx.db.query('ROLLBACK TO SAVEPOINT skeldir_isolated');
      await ctx.db.query('RELEASE SAVEPOINT skeldir_isolated');
    }
  }
  await ctx.db.query('BEGIN');
  ctx.synth.inTransaction = true;
  try {
    return await fn();
  } finally {
    ctx.synth.inTransaction = false;
    await ctx.db.query('ROLLBACK');
  }
}

/** Is this the error Postgres raises when a row fails a policy's WITH CHECK? */
export function isRlsViolation(e: PgErrorFields | null): boolean {
  return !!e && e.code === '42501' && /row-level security/i.test(e.message);
}

/**
 * Is this a denial — a WITH CHECK violation or `permission denied` (both SQLSTATE 42501)?
 * Anything else (22P02 casting an identity, 23505, a trigger's exception) is not: the probe
 * did not show what the policy allows, so the test is inconclusive with the error.
 */
export function isDenial(e: PgErrorFields | null): boolean {
  return !!e && e.code === '42501';
}

export function errText(e: PgErrorFields): string {
  return `${e.code ?? 'XX000'}: ${e.message}`;
}

/** `timestamp` and `timestamp[]` (without time zone). */
const WALL_CLOCK_TYPES = new Set([1114, 1115]);

/**
 * PGlite parses a `timestamp without time zone` into a Date in the HOST's time zone, so its
 * ISO form would differ between a CI runner in UTC and a browser in Tokyo. Such values are
 * put back to the wall-clock text Postgres sent (`2025-01-01T00:00:05.000`, no zone), which is
 * the same everywhere. `timestamptz` and `date` are unambiguous and left as they are.
 */
export function wallClockRows(rows: Record<string, unknown>[], fields: { name: string; dataTypeID: number }[] | undefined): Record<string, unknown>[] {
  const local = (fields ?? []).filter((f) => WALL_CLOCK_TYPES.has(f.dataTypeID)).map((f) => f.name);
  if (local.length === 0) return rows;
  const fix = (v: unknown): unknown => (v instanceof Date ? wallClock(v) : Array.isArray(v) ? v.map(fix) : v);
  return rows.map((r) => {
    const out = { ...r };
    for (const k of local) if (k in out) out[k] = fix(out[k]);
    return out;
  });
}

function wallClock(d: Date): string {
  if (isNaN(d.getTime())) return String(d);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** JSON-safe copy of a few rows (Dates → ISO text, bigint → text, bytes → hex). */
export function sample(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.slice(0, ROW_SAMPLE).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonSafe(v)])));
}

function jsonSafe(v: unknown): unknown {
  if (v instanceof Date) return isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return `\\x${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

export function result(
  t: SeededTable, scenario: string, outcome: TestOutcome, detail: string,
  sql: string[], role: string, tenant: string | null, rows?: Record<string, unknown>[], observed?: RlsObserved,
): RlsTest {
  const out: RlsTest = { table: t.qname, scenario, outcome, passed: outcome === 'passed', detail, sql: sql.join(';\n') + (sql.length ? ';' : ''), role, tenant };
  if (rows) out.rows = sample(rows);
  if (observed) out.observed = observed;
  return out;
}
