/**
 * The isolation scenarios, one per behaviour, each a separate result per tenant table.
 * A scenario that needs seeded rows is inconclusive (never passed) when the table could not be
 * seeded. Each runs inside BEGIN … ROLLBACK in the scratch copy, as the probe role unless said.
 *
 * Order matters for one reason: once a session has set a custom GUC (even with SET LOCAL),
 * Postgres keeps it defined as '' for the rest of the session, so "unset" can only be observed
 * before any scenario sets it. The suite runs every `phase: 'unset'` scenario first.
 */
import type { RlsTest } from '../report/types';
import { quoteIdent } from '../pgtext';
import { SynthError } from '../synth/synth';
import {
  errText, isolated, isRlsViolation, lit, result, runAs, sessionSql, target, tenantCol,
  type SeededTable, type SuiteContext,
} from './context';

export interface Scenario {
  id: string;
  /** What a pass means, for docs and the UI. */
  description: string;
  needsRows: boolean;
  phase: 'unset' | 'main';
  run(ctx: SuiteContext, t: SeededTable): Promise<RlsTest>;
}

const flags = async (ctx: SuiteContext, t: SeededTable) => {
  const sql = `SELECT relrowsecurity, relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = ${lit(`${quoteIdent(t.table.schema)}.${quoteIdent(t.table.name)}`)}::regclass`;
  const r = await ctx.db.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(sql);
  return { sql, row: r.rows[0] };
};

/** Rows visible as the probe with the GUC in some state: pass when none (or an error). */
function denied(id: string, state: 'unset' | 'empty' | 'null', description: string): Scenario {
  return {
    id, description, needsRows: true, phase: state === 'unset' ? 'unset' : 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const tenant = state === 'unset' ? 'unset' : state === 'empty' ? '' : null;
      const session = sessionSql(ctx, ctx.roles.probe, tenant);
      const sql = `SELECT * FROM ${target(t)} LIMIT 5`;
      const r = await runAs(ctx, session, sql);
      const shown = state === 'unset' ? null : tenant === '' ? '' : null;
      if (r.error) return result(t, id, 'passed', `denied with an error (${errText(r.error)})`, [...session, sql], ctx.roles.probe, shown);
      if (r.rows.length === 0) return result(t, id, 'passed', `no rows visible with the GUC ${state}`, [...session, sql], ctx.roles.probe, shown, []);
      return result(t, id, 'failed', `${r.rows.length}${r.rows.length === 5 ? '+' : ''} row(s) visible with ${ctx.tenancy.guc} ${state}`, [...session, sql], ctx.roles.probe, shown, r.rows);
    }),
  };
}

/** A row the probe inserts for `tenant`, validated as insertable by the superuser first. */
async function insertProbe(ctx: SuiteContext, t: SeededTable, tenant: 'a' | 'b') {
  const value = ctx.tenants[tenant];
  try {
    const row = await ctx.synth.insert(t.qname, { [ctx.tenancy.column]: lit(value) }, { freshParents: true, validateOnly: true });
    return { sql: row.sql, error: null as SynthError | null };
  } catch (err) {
    if (err instanceof SynthError) return { sql: err.sql ?? '', error: err };
    throw err;
  }
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'rls_enabled', description: 'ALTER TABLE … ENABLE ROW LEVEL SECURITY is in effect (pg_class.relrowsecurity).',
    needsRows: false, phase: 'unset',
    async run(ctx, t) {
      const { sql, row } = await flags(ctx, t);
      return result(t, 'rls_enabled', row?.relrowsecurity ? 'passed' : 'failed', row?.relrowsecurity ? 'relrowsecurity = true' : 'row level security is disabled', [sql], 'superuser', null);
    },
  },
  {
    id: 'rls_forced', description: 'ALTER TABLE … FORCE ROW LEVEL SECURITY is in effect (pg_class.relforcerowsecurity).',
    needsRows: false, phase: 'unset',
    async run(ctx, t) {
      const { sql, row } = await flags(ctx, t);
      return result(t, 'rls_forced', row?.relforcerowsecurity ? 'passed' : 'failed', row?.relforcerowsecurity ? 'relforcerowsecurity = true' : 'row level security is not forced: the owner bypasses it', [sql], 'superuser', null);
    },
  },
  denied('unset_guc_denied', 'unset', 'With the tenant GUC never set in the session, no rows are visible (or the query errors).'),
  {
    id: 'own_rows_visible', description: "The tenant sees its own rows.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      const sql = `SELECT * FROM ${target(t)} WHERE ${tenantCol(ctx)} = ${lit(ctx.tenants.a)}`;
      const r = await runAs(ctx, session, sql);
      if (r.error) return result(t, 'own_rows_visible', 'failed', `own rows not readable: ${errText(r.error)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      const ok = r.rows.length >= 1;
      return result(t, 'own_rows_visible', ok ? 'passed' : 'failed', ok ? `saw ${r.rows.length} own row(s)` : 'saw none of the tenant\'s own rows', [...session, sql], ctx.roles.probe, ctx.tenants.a, r.rows);
    }),
  },
  {
    id: 'cross_tenant_invisible', description: "No row of another tenant is visible.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      const sql = `SELECT * FROM ${target(t)} WHERE ${tenantCol(ctx)} IS DISTINCT FROM ${lit(ctx.tenants.a)} LIMIT 5`;
      const r = await runAs(ctx, session, sql);
      if (r.error) return result(t, 'cross_tenant_invisible', 'passed', `denied with an error (${errText(r.error)})`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      const ok = r.rows.length === 0;
      return result(t, 'cross_tenant_invisible', ok ? 'passed' : 'failed', ok ? 'no other tenant\'s rows visible' : `${r.rows.length}${r.rows.length === 5 ? '+' : ''} row(s) of other tenants visible`, [...session, sql], ctx.roles.probe, ctx.tenants.a, r.rows);
    }),
  },
  {
    id: 'cross_tenant_insert_rejected', description: "Inserting a row for another tenant fails with a row-level security violation.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const ins = await insertProbe(ctx, t, 'b');
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      if (ins.error) return result(t, 'cross_tenant_insert_rejected', 'inconclusive', `could not build a valid row for tenant b: ${ins.error.message}`, [ins.sql], 'superuser', ctx.tenants.a);
      const r = await runAs(ctx, session, ins.sql);
      if (isRlsViolation(r.error)) return result(t, 'cross_tenant_insert_rejected', 'passed', `rejected: ${errText(r.error!)}`, [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
      if (r.error) return result(t, 'cross_tenant_insert_rejected', 'inconclusive', `failed for a reason other than RLS (the superuser could insert the same row): ${errText(r.error)}`, [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
      return result(t, 'cross_tenant_insert_rejected', 'failed', `tenant a inserted a row for tenant b (${r.affected ?? 1} row)`, [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
    }),
  },
  {
    id: 'cross_tenant_update_zero_rows', description: "An UPDATE aimed at another tenant's rows touches none.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => writeOther(ctx, t, 'cross_tenant_update_zero_rows', `UPDATE ${target(t)} SET ${tenantCol(ctx)} = ${tenantCol(ctx)} WHERE ${tenantCol(ctx)} = ${lit(ctx.tenants.b)}`)),
  },
  {
    id: 'cross_tenant_delete_zero_rows', description: "A DELETE aimed at another tenant's rows removes none.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => writeOther(ctx, t, 'cross_tenant_delete_zero_rows', `DELETE FROM ${target(t)} WHERE ${tenantCol(ctx)} = ${lit(ctx.tenants.b)}`)),
  },
  {
    id: 'cross_tenant_reassign_rejected', description: "Moving an own row to another tenant (UPDATE … SET tenant column) is rejected or touches nothing.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      const sql = `UPDATE ${target(t)} SET ${tenantCol(ctx)} = ${lit(ctx.tenants.b)} WHERE ${tenantCol(ctx)} = ${lit(ctx.tenants.a)}`;
      const r = await runAs(ctx, session, sql);
      if (isRlsViolation(r.error)) return result(t, 'cross_tenant_reassign_rejected', 'passed', `rejected: ${errText(r.error!)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      if (r.error) return result(t, 'cross_tenant_reassign_rejected', 'inconclusive', `failed for a reason other than RLS: ${errText(r.error)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      if (!r.affected) return result(t, 'cross_tenant_reassign_rejected', 'passed', 'no row moved (0 rows updated)', [...session, sql], ctx.roles.probe, ctx.tenants.a);
      return result(t, 'cross_tenant_reassign_rejected', 'failed', `${r.affected} own row(s) moved to tenant b`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
    }),
  },
  {
    id: 'own_insert_allowed', description: "The tenant can insert its own rows (a write-denying policy fails here).", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const ins = await insertProbe(ctx, t, 'a');
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      if (ins.error) return result(t, 'own_insert_allowed', 'inconclusive', `could not build a valid row for tenant a: ${ins.error.message}`, [ins.sql], 'superuser', ctx.tenants.a);
      const r = await runAs(ctx, session, ins.sql);
      if (isRlsViolation(r.error)) return result(t, 'own_insert_allowed', 'failed', `own insert rejected by RLS: ${errText(r.error!)}`, [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
      if (r.error) return result(t, 'own_insert_allowed', 'inconclusive', `failed for a reason other than RLS (the superuser could insert the same row): ${errText(r.error)}`, [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
      return result(t, 'own_insert_allowed', 'passed', 'own row inserted', [...session, ins.sql], ctx.roles.probe, ctx.tenants.a);
    }),
  },
  {
    id: 'own_update_allowed', description: "The tenant can update its own rows (`USING (false)` fails here).", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      const sql = `UPDATE ${target(t)} SET ${tenantCol(ctx)} = ${tenantCol(ctx)} WHERE ${tenantCol(ctx)} = ${lit(ctx.tenants.a)}`;
      const r = await runAs(ctx, session, sql);
      if (isRlsViolation(r.error)) return result(t, 'own_update_allowed', 'failed', `own update rejected by RLS: ${errText(r.error!)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      if (r.error) return result(t, 'own_update_allowed', 'inconclusive', `failed for a reason other than RLS: ${errText(r.error)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
      const ok = (r.affected ?? 0) >= 1;
      return result(t, 'own_update_allowed', ok ? 'passed' : 'failed', ok ? `${r.affected} own row(s) updated` : 'no own row could be updated (policy hides own rows from UPDATE)', [...session, sql], ctx.roles.probe, ctx.tenants.a);
    }),
  },
  denied('empty_guc_denied', 'empty', "With the tenant GUC set to '' no rows are visible (or the query errors)."),
  denied('null_guc_denied', 'null', 'With the tenant GUC set to NULL (set_config(…, NULL) — Postgres stores it as \'\') no rows are visible (or the query errors).'),
  {
    id: 'owner_cannot_bypass', description: "The table owner (a non-superuser) sees no more than the application role does: FORCE binds it.", needsRows: true, phase: 'main',
    run: (ctx, t) => isolated(ctx, async () => {
      const sql = `SELECT * FROM ${target(t)} WHERE ${tenantCol(ctx)} IS DISTINCT FROM ${lit(ctx.tenants.a)} LIMIT 5`;
      const probeSession = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
      await ctx.db.query('SAVEPOINT skeldir_probe_view');
      const asProbe = await runAs(ctx, probeSession, sql);
      await ctx.db.query('ROLLBACK TO SAVEPOINT skeldir_probe_view'); // back to the superuser
      const alter = `ALTER TABLE ${target(t)} OWNER TO ${quoteIdent(ctx.roles.owner)}`;
      await ctx.db.query(alter);
      const session = sessionSql(ctx, ctx.roles.owner, ctx.tenants.a);
      const r = await runAs(ctx, session, sql);
      const all = [alter, ...session, sql];
      if (r.error) return result(t, 'owner_cannot_bypass', 'passed', `owner denied with an error (${errText(r.error)})`, all, ctx.roles.owner, ctx.tenants.a);
      const probeSaw = asProbe.error ? 0 : asProbe.rows.length;
      if (r.rows.length <= probeSaw) {
        return result(t, 'owner_cannot_bypass', 'passed', r.rows.length === 0 ? 'owner sees no other tenant\'s rows' : `owner sees no more than the application role (${r.rows.length} row(s) of other tenants; see cross_tenant_invisible)`, all, ctx.roles.owner, ctx.tenants.a, r.rows);
      }
      return result(t, 'owner_cannot_bypass', 'failed', `the owner sees ${r.rows.length}${r.rows.length === 5 ? '+' : ''} row(s) of other tenants that the application role cannot: RLS is not forced`, all, ctx.roles.owner, ctx.tenants.a, r.rows);
    }),
  },
];

async function writeOther(ctx: SuiteContext, t: SeededTable, id: string, sql: string): Promise<RlsTest> {
  const session = sessionSql(ctx, ctx.roles.probe, ctx.tenants.a);
  const r = await runAs(ctx, session, sql);
  if (isRlsViolation(r.error)) return result(t, id, 'failed', `the other tenant's row was reached; only WITH CHECK stopped the write: ${errText(r.error!)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
  if (r.error) return result(t, id, 'inconclusive', `failed for a reason other than RLS: ${errText(r.error)}`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
  const n = r.affected ?? 0;
  return result(t, id, n === 0 ? 'passed' : 'failed', n === 0 ? '0 rows touched' : `${n} row(s) of tenant b touched`, [...session, sql], ctx.roles.probe, ctx.tenants.a);
}

export const SCENARIO_IDS = SCENARIOS.map((s) => s.id);
