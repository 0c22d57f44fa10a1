/**
 * The probes scenarios are built from: read a world's row, write to it, insert into a world —
 * each as a principal (or anonymously), inside BEGIN … ROLLBACK, classified as allowed / denied /
 * error. Only SQLSTATE 42501 (permission denied, WITH CHECK violation) and "no row" count as
 * denied; any other error is reported as an error, so a scenario can say *inconclusive* with it.
 */
import type { PgErrorFields } from '../db';
import { SynthError, insertSql, type World } from '../synth/synth';
import { quoteIdent, quoteLiteral } from '../pgtext';
import {
  errText, isDenial, isolated, rowWhere, runAs, sessionSql, target,
  type Probe, type Row, type SeededTable, type SuiteContext,
} from './context';
import { identitySettings, type Anonymous, type Principal, type PrincipalKey } from './principals';
import { worldFixed } from './worlds';

export const LIMIT = 5;

function classify(rows: Record<string, unknown>[], affected: number | undefined, error: PgErrorFields | null, isWrite: boolean): Probe['observed'] {
  if (error) return isDenial(error) ? 'denied' : 'error';
  if (isWrite) return (affected ?? 0) > 0 ? 'allowed' : 'denied';
  return rows.length > 0 ? 'allowed' : 'denied';
}

async function probe(ctx: SuiteContext, who: Principal | Anonymous, sql: string, isWrite: boolean, pre: string[] = []): Promise<Probe> {
  return isolated(ctx, async () => {
    const session = sessionSql(ctx, who);
    const r = await runAs(ctx, session, sql);
    return { observed: classify(r.rows, r.affected, r.error, isWrite), rows: r.rows as Row[], affected: r.affected ?? 0, error: r.error, sql: [...pre, ...session, sql] };
  });
}

/** SELECT the row standing for `whose` world. */
export function readRow(ctx: SuiteContext, t: SeededTable, who: Principal | Anonymous, whose: PrincipalKey): Promise<Probe> {
  return probe(ctx, who, `SELECT * FROM ${target(t)} WHERE ${rowWhere(t, t.rows![whose])}`, false);
}

/** SELECT either world's row (anonymous probes). */
export function readEither(ctx: SuiteContext, t: SeededTable, who: Anonymous): Promise<Probe> {
  return probe(ctx, who, `SELECT * FROM ${target(t)} WHERE (${rowWhere(t, t.rows!.a)}) OR (${rowWhere(t, t.rows!.b)}) LIMIT ${LIMIT}`, false);
}

/**
 * A no-op UPDATE of the row standing for `whose` world: `SET c = c` on its first column that may
 * be assigned (not generated, not GENERATED ALWAYS AS IDENTITY — those reject any value, 428C9).
 */
export function touchRow(ctx: SuiteContext, t: SeededTable, who: Principal, whose: PrincipalKey): Promise<Probe> {
  const col = t.table.columns.find((c) => c.generated === null && c.identity !== 'always') ?? t.table.columns[0];
  const k = quoteIdent(col.name);
  return probe(ctx, who, `UPDATE ${target(t)} SET ${k} = ${k} WHERE ${rowWhere(t, t.rows![whose])}`, true);
}

export function deleteRow(ctx: SuiteContext, t: SeededTable, who: Principal, whose: PrincipalKey): Promise<Probe> {
  return probe(ctx, who, `DELETE FROM ${target(t)} WHERE ${rowWhere(t, t.rows![whose])}`, true);
}

/**
 * Columns that tie a row to its world: identity columns and foreign keys (to other tables).
 * Moving a row to another world means giving these the other world's values.
 */
export function linkColumns(ctx: SuiteContext, t: SeededTable): string[] {
  const ids = Object.keys(ctx.identity.columns[t.qname] ?? {});
  const fks = ctx.synth.foreignKeysOf(t.qname).filter((f) => f.refTable !== t.qname).flatMap((f) => f.columns);
  const assignable = (c: string) => t.table.columns.some((x) => x.name === c && x.generated === null && x.identity !== 'always');
  return [...new Set([...ids, ...fks])].filter((c) => assignable(c) && (!t.key.includes(c) || ids.includes(c)));
}

/**
 * UPDATE every row a may update so that its world links are b's. Deliberately without a WHERE
 * clause: a WHERE that reads columns needs SELECT rights, and then Postgres also holds the new
 * row to the SELECT policies — which would hide a dropped WITH CHECK that a plain
 * `UPDATE t SET account_id = …` (what an attacker writes) gets through.
 */
export function reassignRow(ctx: SuiteContext, t: SeededTable, who: Principal, cols: string[]): Promise<Probe> {
  const set = cols.map((c) => `${quoteIdent(c)} = ${t.rows!.b[c] === null ? 'NULL' : quoteLiteral(t.rows!.b[c])}`).join(', ');
  return probe(ctx, who, `UPDATE ${target(t)} SET ${set}`, true);
}

/**
 * INSERT a new row belonging to `into`'s world, as `who`. The row is first validated as the
 * superuser with `into`'s identity in effect (so it is a row Postgres accepts apart from the
 * policies); when that fails the probe is an error with the reason, never a denial.
 */
export async function insertInto(ctx: SuiteContext, t: SeededTable, who: Principal, into: PrincipalKey): Promise<Probe & { buildError?: string }> {
  const world = ctx.worlds[into];
  return isolated(ctx, async () => {
    const pre = identitySettings(ctx.identity, world.principal, ctx.targetRole);
    for (const s of pre) await ctx.db.query(s);
    // A copy: parents written for this probe are rolled back with it. Every identity column is
    // explicit here (even those the world left to a default reading the identity): the row must
    // belong to `into`'s world whoever sends it.
    const copy: World = { ...world.world, fixed: worldFixed(ctx.identity, world.principal), rows: new Map([...world.world.rows].map(([k, v]) => [k, [...v]])) };
    ctx.synth.world = copy;
    let sql: string;
    try {
      let row;
      try {
        row = await ctx.synth.insert(t.qname, {}, { validateOnly: true });
      } catch (err) {
        if (!(err instanceof SynthError) || err.code !== '23505') throw err;
        try {
          row = await ctx.synth.insert(t.qname, {}, { validateOnly: true, freshParents: true });
        } catch (again) {
          if (!(again instanceof SynthError) || again.code !== '23505' || !pre.length) throw again;
          // A trigger on the fresh parent acted for its creator and wrote this very row (the
          // owner's membership of a new account): build the parents with no identity in effect,
          // as a back-office job would, so the row the probe inserts is still new.
          for (const s of identitySettings(ctx.identity, 'empty', ctx.targetRole)) await ctx.db.query(s);
          row = await ctx.synth.insert(t.qname, {}, { validateOnly: true, freshParents: true });
        }
      }
      sql = insertSql(t.table, row.values);
    } catch (err) {
      if (!(err instanceof SynthError)) throw err;
      return { observed: 'error' as const, rows: [], affected: 0, error: { message: err.message, code: err.code ?? undefined }, sql: [err.sql ?? ''], buildError: err.message };
    } finally {
      ctx.synth.world = null;
    }
    await ctx.db.query('SAVEPOINT skeldir_probe');
    const session = sessionSql(ctx, who);
    const r = await runAs(ctx, session, sql);
    return { observed: classify([], r.affected ?? (r.error ? 0 : 1), r.error, true), rows: [], affected: r.affected ?? 0, error: r.error, sql: [...session, sql] };
  });
}

/**
 * Is the table keyed by the identity itself (`orgs.id = current_setting('app.tenant')`, a profile
 * keyed by the user id)? Then each principal has exactly one row there and a new row "in a world"
 * cannot exist: the insert scenarios do not apply.
 */
export function identityKeyed(ctx: SuiteContext, t: SeededTable): boolean {
  const ids = ctx.identity.columns[t.qname] ?? {};
  return t.key.length > 0 && t.key.every((c) => c in ids);
}

/** Principal a reading its own row, once per table: the positive control every denial needs. */
export function control(ctx: SuiteContext, t: SeededTable): Promise<Probe> {
  let p = ctx.controls.get(t.qname);
  if (!p) {
    p = readRow(ctx, t, ctx.principals.a, 'a');
    ctx.controls.set(t.qname, p);
  }
  return p;
}

export function describeError(p: Probe): string {
  return p.error ? errText(p.error) : 'no error';
}
