/**
 * Runs smoke tests in one scratch copy of the loaded dump, each isolated in BEGIN … ROLLBACK:
 * seeds (superuser, via the row synthesiser) → setup SQL (superuser) → SET LOCAL ROLE to the
 * test's role and set the tenant GUC → steps → expectation. Running as the application role with
 * a tenant set matters: a superuser would bypass both GRANTs and RLS and hide exactly the
 * problems these tests look for.
 *
 * `uses_index` runs `EXPLAIN (FORMAT JSON)` with `SET LOCAL enable_seqscan = off`: scratch tables
 * hold a handful of rows, where a sequential scan is always cheapest; disabling it asks "can the
 * planner use the index for this query at all", which is what a missing/wrong index breaks.
 */
import type { Db } from '../db';
import { pgErrorFields } from '../db';
import type { SchemaModel } from '../model';
import type { SmokeResult, SmokeSection, TestOutcome } from '../report/types';
import type { Tenancy } from '../spec/types';
import { tenantValues } from '../rls/tenants';
import { tenantTables } from '../rls/suite';
import { emptyOverrides, type SeedOverrides } from '../synth/overrides';
import { quoteIdent, quoteLiteral } from '../pgtext';
import { RowSynth } from '../synth/synth';
import { describeExpect, planIndexes, unmet, type StepOutcome } from './expect';
import { missingRequirement } from './requires';
import type { SmokeInsert, SmokeTest } from './types';
import { UNGUARDED, type ProbeGuard } from '../guard/probe';

export interface SmokeRunOptions {
  /** Only tests of these phases (lower-case ids); all when absent. */
  phases?: string[];
  signal?: AbortSignal;
  overrides?: SeedOverrides;
  /** The statement budget for each test (core/guard/probe.ts); default: unwatched. */
  guard?: ProbeGuard;
}

export async function runSmokeTests(db: Db, model: SchemaModel, tests: SmokeTest[], tenancy: Tenancy | null, opts: SmokeRunOptions = {}): Promise<SmokeSection> {
  const started = Date.now();
  const phases = opts.phases?.map((p) => p.toLowerCase());
  const selected = phases ? tests.filter((t) => phases.includes(t.phase)) : tests;
  const results: SmokeResult[] = [];
  if (selected.length) {
    const scratch = await db.clone();
    try {
      const roles = new Map((await scratch.query<{ rolname: string; rolsuper: boolean }>('SELECT rolname, rolsuper FROM pg_catalog.pg_roles')).rows.map((r) => [r.rolname, r.rolsuper]));
      const tables = tenancy ? tenantTables(model, tenancy) : [];
      const tenants = tenantValues(tables, tenancy?.column ?? 'tenant_id');
      const synth = new RowSynth(scratch, model, { tenancyColumn: tenancy?.column ?? null, overrides: opts.overrides ?? emptyOverrides() });
      const guard = opts.guard ?? UNGUARDED;
      for (const test of selected) {
        opts.signal?.throwIfAborted();
        const label = { suite: 'smoke' as const, table: null, scenario: test.id };
        results.push(await guard.attempt(label, () => runOne({ db: scratch, model, tenancy, roles, tenants, synth }, test),
          (why): SmokeResult => ({ id: test.id, phase: test.phase, title: test.title, outcome: 'inconclusive', passed: false, detail: why, sql: '', requires: test.requires })));
      }
    } finally {
      await scratch.close();
    }
  }
  const summary = { passed: 0, failed: 0, inconclusive: 0 };
  for (const r of results) summary[r.outcome]++;
  return { tests: results, summary, ms: Date.now() - started };
}

interface Ctx {
  db: Db;
  model: SchemaModel;
  tenancy: Tenancy | null;
  roles: Map<string, boolean>;
  tenants: { a: string; b: string };
  synth: RowSynth;
}

async function runOne(ctx: Ctx, test: SmokeTest): Promise<SmokeResult> {
  const shown: string[] = [];
  const done = (outcome: TestOutcome, detail: string): SmokeResult => ({
    id: test.id, phase: test.phase, title: test.title, outcome, passed: outcome === 'passed', detail, sql: shown.join(';\n') + (shown.length ? ';' : ''),
    requires: test.requires,
  });

  for (const r of test.requires) {
    const why = missingRequirement(ctx.model, r);
    if (why) return done('failed', `precondition missing: ${why}`);
  }
  const role = resolveRole(ctx, test);
  if ('error' in role) return done('inconclusive', role.error);
  if (test.tenant && !ctx.tenancy) return done('inconclusive', 'the test sets a tenant but the overlay names no tenancy (column, GUC)');
  if (test.tenant && !ctx.tenancy?.guc) return done('inconclusive', 'the test sets a tenant but the overlay\u2019s tenancy names no GUC to set it with (its identity is stated another way)');

  const vars: Record<string, string> = { tenant_a: ctx.tenants.a, tenant_b: ctx.tenants.b };
  if (test.tenant) {
    vars.tenant = ctx.tenants[test.tenant];
    vars.other_tenant = ctx.tenants[test.tenant === 'a' ? 'b' : 'a'];
  }
  const fill = (text: string) => text.replace(/\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s*\}\}/g, (m, name: string) => {
    if (!(name in vars)) throw new Error(`unknown placeholder ${m}`);
    return vars[name];
  });

  await ctx.db.query('BEGIN');
  ctx.synth.inTransaction = true;
  try {
    // Seeds and setup, as the superuser.
    try {
      for (const s of test.seed) {
        const fixed = literals(s, fill);
        withTenant(ctx, s.table, s.tenant, fixed);
        const row = await ctx.synth.insert(s.table, fixed);
        if (s.ref) for (const [k, v] of Object.entries(row.returned)) if (v !== null) vars[`${s.ref}.${k}`] = v;
      }
      for (const sql of test.setup) {
        const text = fill(sql);
        shown.push(text);
        await ctx.db.query(text);
      }
    } catch (err) {
      return done('inconclusive', `setup failed: ${(err as Error).message}`);
    }

    // Plan synthesised inserts now: their parent rows are created as the superuser.
    const texts: string[] = [];
    for (const step of test.steps) {
      if (step.sql !== null) { texts.push(fill(step.sql)); continue; }
      try {
        const fixed = literals(step.insert!, fill);
        withTenant(ctx, step.insert!.table, test.tenant, fixed);
        texts.push((await ctx.synth.plan(step.insert!.table, fixed, { freshParents: true })).sql);
      } catch (err) {
        return done('inconclusive', `could not build the row to insert: ${(err as Error).message}`);
      }
    }

    if (role.name) {
      const s = `SET LOCAL ROLE ${quoteIdent(role.name)}`;
      shown.push(s);
      await ctx.db.query(s);
    }
    if (test.tenant && ctx.tenancy) {
      const s = `SELECT set_config(${quoteLiteral(ctx.tenancy.guc)}, ${quoteLiteral(vars.tenant)}, true)`;
      shown.push(s);
      await ctx.db.query(s);
    }

    for (let i = 0; i < test.steps.length; i++) {
      const last = i === test.steps.length - 1;
      const expect = last ? test.expect : test.steps[i].expect;
      let out: StepOutcome;
      if (last && expect?.kind === 'uses_index') {
        await ctx.db.query('SET LOCAL enable_seqscan = off');
        shown.push('SET LOCAL enable_seqscan = off', `EXPLAIN (FORMAT JSON) ${texts[i]}`);
        out = await exec(ctx.db, `EXPLAIN (FORMAT JSON) ${texts[i]}`);
        if (!out.error) out.indexes = planIndexes(Object.values(out.rows[0] ?? {})[0]);
      } else {
        shown.push(texts[i]);
        out = await exec(ctx.db, texts[i]);
      }
      if (expect) {
        const why = unmet(expect, out);
        if (why) return done('failed', `${last ? '' : `step ${i + 1}: `}expected: ${describeExpect(expect)}; ${why}`);
        if (last) return done('passed', `${describeExpect(expect)}${out.error ? ` (${out.error.code}: ${out.error.message})` : ''}`);
      } else if (out.error) {
        return done('failed', `step ${i + 1} failed with ${out.error.code ?? 'XX000'}: ${out.error.message}`);
      }
    }
    return done('inconclusive', 'no step to check');
  } finally {
    ctx.synth.inTransaction = false;
    await ctx.db.query('ROLLBACK');
  }
}

/** Fill the tenancy column with the tenant's value when the table has one and the test did not set it. */
function withTenant(ctx: Ctx, qname: string, tenant: 'a' | 'b' | null, fixed: Record<string, string>): void {
  const tc = ctx.tenancy?.column;
  const table = ctx.model.tables.find((t) => `${t.schema}.${t.name}` === qname);
  if (tenant && tc && table?.columns.some((c) => c.name === tc) && !(tc in fixed)) fixed[tc] = quoteLiteral(ctx.tenants[tenant]);
}

function literals(ins: SmokeInsert, fill: (s: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(ins.values).map(([k, v]) => [k, v === null ? 'NULL' : quoteLiteral(fill(v))]));
}

async function exec(db: Db, sql: string): Promise<StepOutcome> {
  try {
    const r = await db.query<Record<string, unknown>>(sql);
    return { rows: r.rows, affected: r.affectedRows, error: null };
  } catch (err) {
    return { rows: [], affected: undefined, error: pgErrorFields(err) };
  }
}

function resolveRole(ctx: Ctx, test: SmokeTest): { name: string | null } | { error: string } {
  if (test.as === 'superuser') return { name: null };
  if (test.as === 'app') {
    const app = ctx.tenancy?.appRole;
    if (!app) return { error: 'runs as the application role, but the overlay names none (tenancy.app_role)' };
    if (!ctx.roles.has(app)) return { error: `application role ${app} does not exist in the loaded dump` };
    if (ctx.roles.get(app)) return { error: `application role ${app} is a superuser: it would bypass RLS and GRANTs` };
    return { name: app };
  }
  if (test.as === 'owner') {
    const first = test.requires[0]?.split('.').slice(0, 2).join('.');
    const t = ctx.model.tables.find((x) => `${x.schema}.${x.name}` === first);
    if (!t) return { error: '`as: owner` needs a table as the first `requires` entry' };
    return { name: ctx.roles.get(t.owner) ? null : t.owner };
  }
  if (!ctx.roles.has(test.as)) return { error: `role ${test.as} does not exist in the loaded dump` };
  return { name: test.as };
}
