/**
 * The shape of one RLS scenario (one file each in this folder, listed in index.ts): metadata for
 * docs and the app, and `run`, which judges one table on its own terms (the tenancy mode). With
 * the canonical as the oracle, oracle.ts compares what each side `observed` instead.
 */
import type { RlsTest } from '../../report/types';
import { errText, lit, result, type Probe, type SeededTable, type SuiteContext } from '../context';
import { quoteQName } from '../../pgtext';
import { hasSettings } from '../identity';
import { control, readEither } from '../probes';
import type { Principal } from '../principals';

export interface Scenario<Id extends string = string> {
  id: Id;
  title: string;
  /** One sentence: what a pass means. */
  summary: string;
  /** Repository-relative docs page, `docs/rules/rls/<id>.md`. */
  docPath: string;
  /**
   * `isolation`: a denial protects (other world, anonymous) — allowed where the canonical denies is a leak;
   * `access`: own-world access the application needs — denied where the canonical allows is a regression;
   * `catalog`: a catalog flag; `force`: owner bypass, required only when the overlay says so.
   */
  kind: 'isolation' | 'access' | 'catalog' | 'force';
  /** `anonymous` scenarios run on a fresh session where the identity settings were never set. */
  phase: 'main' | 'anonymous';
  /** Needs both worlds' rows in the table. */
  needsRows: boolean;
  /** Whether it applies to this schema at all (e.g. no identity settings for a role-per-tenant schema). */
  applies?(ctx: SuiteContext): boolean;
  /** The result, or null when the scenario does not apply to this table (said why in its docs). */
  run(ctx: SuiteContext, t: SeededTable): Promise<RlsTest | null>;
}

export function defineScenario<const Id extends string>(s: Omit<Scenario<Id>, 'docPath'>): Scenario<Id> {
  return { ...s, docPath: `docs/rules/rls/${s.id}.md` };
}

/** Report one probe as a test result (`read`: keep the rows it saw for the UI). */
export function fromProbe(t: SeededTable, id: string, outcome: RlsTest['outcome'], detail: string, p: Probe, who: Principal | string, read = false): RlsTest {
  const role = typeof who === 'string' ? who : who.role;
  const tenant = typeof who === 'string' ? null : who.value;
  const out = result(t, id, outcome, detail, p.sql, role, tenant, read && p.observed !== 'error' ? p.rows : undefined, p.observed);
  if (outcome === 'failed') out.severity = 'BLOCKING';
  return out;
}

/**
 * An isolation probe judged with its positive control: allowed is a leak; denied counts only when
 * principal a could read its own row in the same run; any other error is inconclusive.
 */
export function judgeIsolation(t: SeededTable, id: string, p: Probe, ctl: Probe, who: Principal | string, texts: { leak: string; denied: string }, read = false): RlsTest {
  if (p.observed === 'allowed') return fromProbe(t, id, 'failed', texts.leak, p, who, read);
  if (p.observed === 'error') return fromProbe(t, id, 'inconclusive', `failed for a reason other than RLS: ${errText(p.error!)}`, p, who, read);
  if (ctl.observed !== 'allowed') {
    const why = ctl.observed === 'error' ? `reading it failed: ${errText(ctl.error!)}` : 'it sees none of its own rows either';
    return fromProbe(t, id, 'inconclusive', `${texts.denied}, but there is no positive control: principal a cannot read its own row (${why}); seeing nothing is not isolation`, p, who, read);
  }
  return fromProbe(t, id, 'passed', `${texts.denied}${p.error ? ` (${errText(p.error)})` : ''}; control: principal a reads its own row`, p, who, read);
}

/** An own-world access probe: allowed passes, a denial fails (HIGH), another error is inconclusive. */
export function judgeAccess(t: SeededTable, id: string, p: Probe, who: Principal, texts: { ok: string; denied: string }, read = false): RlsTest {
  if (p.observed === 'allowed') return fromProbe(t, id, 'passed', texts.ok, p, who, read);
  if (p.observed === 'error') return fromProbe(t, id, 'inconclusive', `failed for a reason other than RLS: ${errText(p.error!)}`, p, who, read);
  const out = fromProbe(t, id, 'failed', `${texts.denied}${p.error ? `: ${errText(p.error)}` : ''}`, p, who, read);
  out.severity = 'HIGH';
  return out;
}

export const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** A write aimed at b's row: reaching it is a leak even when WITH CHECK then rejects the new row. */
export function crossWrite(t: SeededTable, id: string, p: Probe, ctl: Probe, who: Principal, verb: string): RlsTest {
  if (p.error && p.error.code === '42501' && /row-level security/i.test(p.error.message)) {
    return fromProbe(t, id, 'failed', `b\u2019s row was reached; only WITH CHECK stopped the write: ${errText(p.error)}`, p, who);
  }
  return judgeIsolation(t, id, p, ctl, who, { leak: `${p.affected} row(s) of b\u2019s world ${verb}`, denied: '0 rows touched' });
}

/**
 * Anonymous reads (identity settings unset, '' or NULL): any row of either world is a leak. An
 * error raised by the policy itself on a plain SELECT (e.g. 22P02 casting '' to uuid, 42704
 * for a setting never defined) fails closed: no row can come back, so it counts as denied —
 * still only beside the positive control.
 */
export function judgeAnonymous(t: SeededTable, id: string, p: Probe, ctl: Probe, state: string): RlsTest {
  if (p.observed === 'error') p = { ...p, observed: 'denied' };
  const out = judgeIsolation(t, id, p, ctl, 'anonymous', { leak: `${p.rows.length}${p.rows.length >= 5 ? '+' : ''} row(s) visible with the identity ${state}`, denied: p.error ? `fails closed with the identity ${state}` : `no rows visible with the identity ${state}` }, true);
  out.role = p.sql[0]?.replace(/^SET LOCAL ROLE /, '') ?? out.role;
  return out;
}

/** The three anonymous scenarios differ only in the state the identity settings are left in. */
export function anonymousScenario<const Id extends string>(id: Id, state: 'unset' | 'empty' | 'null', title: string, summary: string): Scenario<Id> {
  return defineScenario({
    id, title, summary, kind: 'isolation', phase: state === 'unset' ? 'anonymous' : 'main', needsRows: true,
    applies: (ctx) => hasSettings(ctx.identity),
    async run(ctx, t) {
      const taken = state === 'unset' ? ctx.unsetReads?.get(t.qname) : undefined;
      if (typeof taken === 'string') return result(t, id, 'inconclusive', taken, [], 'anonymous', null);
      if (state === 'unset' && ctx.unsetReads && !taken) return result(t, id, 'inconclusive', 'no read with the identity never set could be taken for this table', [], 'anonymous', null);
      const p = taken ?? await readEither(ctx, t, state);
      const own = state === 'unset' ? (ctx.main ?? ctx).unsetControls : undefined;
      if (own && !own.has(t.qname)) return result(t, id, 'inconclusive', 'no positive control could be taken on the rows the identity-never-set read saw', p.sql, 'anonymous', null);
      const ctl = own?.get(t.qname) ?? await control(ctx.main ?? ctx, t);
      return judgeAnonymous(t, id, p, ctl, state);
    },
  });
}

/** A pg_class flag (relrowsecurity, relforcerowsecurity): set protects, unset leaks. */
export async function catalogFlag(ctx: SuiteContext, t: SeededTable, id: string, flag: 'relrowsecurity' | 'relforcerowsecurity', texts: { on: string; off: string }): Promise<RlsTest> {
  const sql = `SELECT ${flag} AS flag FROM pg_catalog.pg_class WHERE oid = ${lit(quoteQName(t.table.schema, t.table.name))}::regclass`;
  const on = (await ctx.db.query<{ flag: boolean }>(sql)).rows[0]?.flag === true;
  const out = result(t, id, on ? 'passed' : 'failed', on ? texts.on : texts.off, [sql], 'superuser', null, undefined, on ? 'denied' : 'allowed');
  if (!on) out.severity = 'BLOCKING';
  return out;
}
