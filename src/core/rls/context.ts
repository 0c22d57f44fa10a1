/** What every scenario gets: the scratch database, roles, tenants and the seeded rows. */
import type { Db } from '../db';
import { pgErrorFields, type PgErrorFields } from '../db';
import type { Table } from '../model';
import type { RlsTest, TestOutcome } from '../report/types';
import type { Tenancy } from '../spec/types';
import type { InsertedRow, RowSynth, SynthError } from '../synth/synth';
import { quoteIdent, quoteLiteral, quoteQName } from '../pgtext';
import type { ProbeRoles } from './roles';

export interface SeededTable {
  table: Table;
  qname: string;
  /** Seeded rows per tenant key, or why seeding failed. */
  rows: { a: InsertedRow; b: InsertedRow } | null;
  seedError: SynthError | null;
}

export interface SuiteContext {
  db: Db;
  tenancy: Tenancy;
  synth: RowSynth;
  roles: ProbeRoles;
  /** Tenant values (raw text) for tenant a and b. */
  tenants: { a: string; b: string };
}

export const ROW_SAMPLE = 3;

export function target(t: SeededTable): string {
  return quoteQName(t.table.schema, t.table.name);
}

export function tenantCol(ctx: SuiteContext): string {
  return quoteIdent(ctx.tenancy.column);
}

export function lit(v: string): string {
  return quoteLiteral(v);
}

/** The statements that put a session in a role and a tenant, as shown in reports. */
export function sessionSql(ctx: SuiteContext, role: string, tenant: string | null | 'unset', guc = ctx.tenancy.guc): string[] {
  const out = [`SET LOCAL ROLE ${quoteIdent(role)}`];
  if (tenant !== 'unset') out.push(`SELECT set_config(${quoteLiteral(guc)}, ${tenant === null ? 'NULL' : quoteLiteral(tenant)}, true)`);
  return out;
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
  sql: string[], role: string, tenant: string | null, rows?: Record<string, unknown>[],
): RlsTest {
  const out: RlsTest = { table: t.qname, scenario, outcome, passed: outcome === 'passed', detail, sql: sql.join(';\n') + ';', role, tenant };
  if (rows) out.rows = sample(rows);
  return out;
}
