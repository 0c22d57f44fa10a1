/**
 * runFix(): check → plan → prove. The plan is applied to a copy of the dump's database (the
 * same loader as any script: a failing statement is recorded with its line, the rest still
 * runs), and the WHOLE check runs again on the result — structure, RLS and smoke tests — so
 * "verified" means the dump plus this script passes, not merely "the SQL ran". With `down`, the
 * reverse plan is made from the fixed database back to the dump and proven the same way
 * (structurally: the dump's own behaviour is what it is).
 */
import type { Db, DbFactory } from '../db';
import { compareSchemas } from '../compare/compare';
import { introspect } from '../introspect/introspect';
import { loadScript } from '../load/load';
import type { SchemaModel } from '../model';
import { prepareCanonical, runCheck, specOf, type CheckInput, type EngineEnv, type PreparedCanonical } from '../pipeline';
import type { Divergence, Report } from '../report/types';
import { planFix } from './plan';
import { renderSql } from './render';
import type { FixPlan, FixVerification } from './types';

export interface FixRun {
  /** The check of the dump as given. */
  before: Report;
  plan: FixPlan;
  script: string;
  verification: FixVerification;
  down: { plan: FixPlan; script: string; verification: FixVerification } | null;
  timings: { check: number; plan: number; verify: number; down: number };
}

/** A factory whose every database is a copy of `db` (the script under proof runs there). */
export function cloneFactory(db: Db, base: DbFactory): DbFactory {
  const f: DbFactory = { create: () => db.clone(), withExtensions: () => f, supportsExtension: (n) => base.supportsExtension(n) };
  return f;
}

/**
 * What the proof loads: the script alone into a copy of the dump's database — or, when the
 * script creates an extension the dump's database was not started with (PGlite registers
 * extensions at start), the dump followed by the script into a fresh one; `offset` is the
 * number of dump lines before the script's first.
 */
function scriptOnDump(input: CheckInput, script: string, plan: FixPlan, dumpModel: SchemaModel): { dump: { name: string; sql: string }; clone: boolean; offset: number } {
  const had = new Set(dumpModel.extensions.map((e) => e.name));
  const needs = plan.statements.some((s) => { const m = /^CREATE EXTENSION IF NOT EXISTS (\S+)/.exec(s.sql); return m !== null && !had.has(m[1].replace(/"/g, '')); });
  if (!needs) return { dump: { name: 'fix.sql', sql: script }, clone: true, offset: 0 };
  const head = input.dump.sql.endsWith('\n') ? input.dump.sql : `${input.dump.sql}\n`;
  return { dump: { name: `${input.dump.name} + fix.sql`, sql: head + script }, clone: false, offset: head.split('\n').length - 1 };
}

const since = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function judge(report: Report, ms: number): FixVerification {
  const errors = report.load.dump.errors.map((e) => ({ line: e.line, sqlstate: e.sqlstate, message: e.message, statement: e.statement }));
  const residual = report.divergences.map((d) => ({ id: d.id, severity: d.severity, message: d.message }));
  // A probe the canonical (the oracle) could not run either says nothing about the fix: it is
  // counted in the summary, not as a residual.
  const unprobed = (report.rls?.tests ?? []).filter((t) => t.outcome === 'inconclusive' && t.canonical?.outcome === 'inconclusive');
  const behaviour = [...(report.rls?.tests ?? []).filter((t) => t.outcome !== 'passed' && !unprobed.includes(t)).map((t) => `RLS ${t.table} ${t.scenario}: ${t.outcome} (${t.detail})`),
    ...(report.smoke?.tests ?? []).filter((t) => t.outcome !== 'passed').map((t) => `smoke ${t.id}: ${t.outcome} (${t.detail})`)];
  const clean = errors.length === 0 && residual.length === 0 && behaviour.length === 0;
  const parts = [];
  if (errors.length) parts.push(`${errors.length} statement(s) failed`);
  if (residual.length) parts.push(`${residual.length} divergence(s) remain`);
  if (behaviour.length) parts.push(`${behaviour.length} behaviour test(s) not passed`);
  return {
    status: clean ? 'verified' : 'residual',
    summary: clean
      ? `the dump plus this script passes the whole check (verdict ${report.verdict}: structure${report.rls ? `, RLS ${report.rls.summary.passed} passed` : ''}${unprobed.length ? `, ${unprobed.length} RLS probe(s) inconclusive on the canonical too` : ''}${report.smoke ? `, smoke ${report.smoke.summary.passed} passed` : ''})`
      : `${parts.join('; ')} (verdict ${report.verdict})`,
    errors, residual, verdict: report.verdict, behaviour, ms,
  };
}

function inconclusive(err: unknown, ms: number): FixVerification {
  return { status: 'inconclusive', summary: `the proof could not run: ${(err as Error)?.message ?? String(err)}`, errors: [], residual: [], verdict: null, behaviour: [], ms };
}

export interface FixOptions {
  down?: boolean;
  /** Reuse a prepared canonical (CLI with several runs, tests). */
  canonical?: PreparedCanonical;
  lockTimeout?: string;
  statementTimeout?: string;
}

/** check → plan → prove, for the CLI and tests (the browser's worker proves from its own check: proveFix). */
export async function runFix(input: CheckInput, env: EngineEnv, options: FixOptions = {}): Promise<FixRun> {
  const prepared = options.canonical ?? (await prepareCanonical(input.canonical, env));
  const t0 = performance.now();
  try {
    const before = await runCheck(input, env, { canonical: prepared });
    const check = since(t0);
    try {
      const proof = await proveFix({
        input, env, prepared, dumpDb: before.dumpDb, dumpModel: before.dumpModel, divergences: before.report.divergences,
        down: options.down, lockTimeout: options.lockTimeout, statementTimeout: options.statementTimeout,
      });
      return { before: before.report, ...proof, timings: { check, ...proof.timings } };
    } finally {
      await before.dumpDb.close().catch(() => undefined);
    }
  } finally {
    if (!options.canonical) await prepared.db.close().catch(() => undefined);
  }
}

export interface ProveInput {
  input: CheckInput;
  env: EngineEnv;
  prepared: PreparedCanonical;
  /** The dump's loaded database: read, never changed (the proof runs on copies). */
  dumpDb: Db;
  dumpModel: SchemaModel;
  divergences: readonly Divergence[];
  down?: boolean;
  lockTimeout?: string;
  statementTimeout?: string;
}

export type FixProof = Omit<FixRun, 'before' | 'timings'> & { timings: Omit<FixRun['timings'], 'check'> };

/** Plans the fix of a checked dump and proves it (and its reverse, with `down`); closes only the copies it makes. */
export async function proveFix(a: ProveInput): Promise<FixProof> {
  const { input, env, prepared } = a;
  const timings = { plan: 0, verify: 0, down: 0 };
  const closers: Db[] = [];
  try {
    env.onProgress?.('plan fix');
    let t0 = performance.now();
    const plan = await planFix({ model: prepared.model, db: prepared.db }, { model: a.dumpModel, db: a.dumpDb }, a.divergences,
      { lockTimeout: a.lockTimeout, statementTimeout: a.statementTimeout });
    timings.plan = since(t0);
    const meta = { from: `dump ${input.dump.name}`, to: `canonical ${input.canonical.name}`, toolVersion: env.toolVersion };
    const draft = renderSql(plan, meta);

    env.onProgress?.('verify fix');
    t0 = performance.now();
    let verification: FixVerification;
    let fixed: { db: Db; model: SchemaModel } | null = null;
    try {
      const applied = scriptOnDump(input, draft, plan, a.dumpModel);
      const after = await runCheck({ ...input, dump: applied.dump }, applied.clone ? { ...env, factory: cloneFactory(a.dumpDb, env.factory) } : env, { canonical: prepared });
      closers.push(after.dumpDb);
      fixed = { db: after.dumpDb, model: after.dumpModel };
      // Load errors are the script's: lines of the script, the dump's own errors left out.
      const report = { ...after.report, load: { ...after.report.load, dump: { ...after.report.load.dump, errors: after.report.load.dump.errors
        .filter((e) => e.line > applied.offset).map((e) => ({ ...e, line: e.line - applied.offset })) } } };
      verification = judge(report, since(t0));
    } catch (err) {
      verification = inconclusive(err, since(t0));
    }
    timings.verify = since(t0);
    const script = renderSql(plan, { ...meta, verification });

    let down: FixRun['down'] = null;
    if (a.down && fixed) {
      env.onProgress?.('down');
      t0 = performance.now();
      down = await planDown(input, env, a.dumpModel, a.dumpDb, fixed, closers);
      timings.down = since(t0);
    }
    return { plan, script, verification, down, timings };
  } finally {
    for (const db of closers) await db.close().catch(() => undefined);
  }
}

/** The reverse plan (fixed → dump) and its structural proof on a copy of the fixed database. */
async function planDown(input: CheckInput, env: EngineEnv, dumpModel: SchemaModel, dumpDb: Db, fixed: { db: Db; model: SchemaModel }, closers: Db[]): Promise<FixRun['down']> {
  const spec = specOf(input);
  const divergences = compareSchemas(dumpModel, fixed.model, spec);
  const plan = await planFix({ model: dumpModel, db: dumpDb }, fixed, divergences);
  const meta = { from: 'the fixed schema', to: `dump ${input.dump.name}`, toolVersion: env.toolVersion };
  const draft = renderSql(plan, meta, 'Reverse migration (down)');
  const t0 = performance.now();
  let verification: FixVerification;
  try {
    const { db, summary } = await loadScript(cloneFactory(fixed.db, env.factory), draft, { source: 'down.sql' });
    closers.push(db);
    const back = await introspect(db);
    const residual = compareSchemas(dumpModel, back, spec).map((d) => ({ id: d.id, severity: d.severity, message: d.message }));
    const errors = summary.errors.map((e) => ({ line: e.line, sqlstate: e.sqlstate, message: e.message, statement: e.statement }));
    const ok = errors.length === 0 && residual.length === 0;
    verification = {
      status: ok ? 'verified' : 'residual',
      summary: ok ? 'the fixed schema plus this script is the dump again' : [errors.length ? `${errors.length} statement(s) failed` : '', residual.length ? `${residual.length} divergence(s) from the dump remain` : ''].filter(Boolean).join('; '),
      errors, residual, verdict: null, behaviour: [], ms: since(t0),
    };
  } catch (err) {
    verification = inconclusive(err, since(t0));
  }
  return { plan, script: renderSql(plan, { ...meta, verification }, 'Reverse migration (down)'), verification };
}
