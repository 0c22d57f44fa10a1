/**
 * The RLS isolation suite: tests a loaded dump by what its policies do, not by their text.
 *
 * 1. One scratch copy (`db.clone()`); the loaded database is never touched.
 * 2. Tenant tables = every table (not partition) with the tenancy column.
 * 3. Probe and owner roles are created (roles.ts); the synthesiser seeds one row per tenant
 *    (a, b) in every tenant table as the superuser (parents first, see synth/synth.ts).
 * 4. Every scenario (scenarios.ts) runs per table inside BEGIN … ROLLBACK, "unset GUC" ones
 *    first. A table that could not be seeded gets `inconclusive` with the reason — never passed.
 */
import type { Db } from '../db';
import type { SchemaModel, Table } from '../model';
import type { RlsSection, RlsTest } from '../report/types';
import type { Tenancy } from '../spec/types';
import { emptyOverrides, type SeedOverrides } from '../synth/overrides';
import { quoteLiteral } from '../pgtext';
import { RowSynth, SynthError } from '../synth/synth';
import { result, type SeededTable, type SuiteContext } from './context';
import { createProbeRoles } from './roles';
import { SCENARIOS, SCENARIO_IDS } from './scenarios';
import { tenantValues } from './tenants';

export interface RlsSuiteOptions {
  overrides?: SeedOverrides;
  signal?: AbortSignal;
  /** Scenarios done so far and the total. */
  onProgress?(done: number, total: number): void;
}

/** Tables the suite covers: every ordinary or partitioned table (not a partition) with the tenancy column. */
export function tenantTables(model: SchemaModel, tenancy: Tenancy): Table[] {
  return model.tables.filter((t) => t.partitionOf === null && t.columns.some((c) => c.name === tenancy.column));
}

export async function runRlsSuite(db: Db, model: SchemaModel, tenancy: Tenancy, opts: RlsSuiteOptions = {}): Promise<RlsSection> {
  const started = Date.now();
  opts.signal?.throwIfAborted();
  const tables = tenantTables(model, tenancy);
  if (!tables.length) return { tests: [], summary: { passed: 0, failed: 0, inconclusive: 0 }, ms: Date.now() - started };
  if (!tenancy.guc) {
    const guc = inferGuc(model, tables);
    if (!guc) {
      const tests = tables.flatMap((t) => SCENARIOS.map((s) => result({ table: t, qname: `${t.schema}.${t.name}`, rows: null, seedError: null }, s.id, 'inconclusive', 'no tenant GUC: the overlay names none and no policy reads one with current_setting()', [], 'superuser', null)));
      return { tests, summary: { passed: 0, failed: 0, inconclusive: tests.length }, ms: Date.now() - started };
    }
    tenancy = { ...tenancy, guc };
  }
  const scratch = await db.clone();
  try {
    const names = new Set(tables.map((t) => `${t.schema}.${t.name}`));
    const roles = await createProbeRoles(scratch, model, tenancy, names);
    const synth = new RowSynth(scratch, model, { tenancyColumn: tenancy.column, overrides: opts.overrides ?? emptyOverrides() });
    const ctx: SuiteContext = { db: scratch, tenancy, synth, roles, tenants: tenantValues(tables, tenancy.column) };

    const seeded: SeededTable[] = [];
    for (const table of tables) {
      opts.signal?.throwIfAborted();
      seeded.push(await seedTable(ctx, table));
    }

    const total = seeded.length * SCENARIOS.length;
    let done = 0;
    const tests: RlsTest[] = [];
    for (const phase of ['unset', 'main'] as const) {
      for (const t of seeded) {
        for (const s of SCENARIOS.filter((x) => x.phase === phase)) {
          opts.signal?.throwIfAborted();
          if (s.needsRows && !t.rows) {
            const e = t.seedError;
            tests.push(result(t, s.id, 'inconclusive', `could not seed rows for both tenants: ${e?.message ?? 'unknown error'}`, e?.sql ? [e.sql] : [], 'superuser', null));
          } else {
            tests.push(await s.run(ctx, t));
          }
          opts.onProgress?.(++done, total);
        }
      }
    }
    const order = new Map(SCENARIO_IDS.map((id, i) => [id, i]));
    tests.sort((x, y) => (x.table < y.table ? -1 : x.table > y.table ? 1 : (order.get(x.scenario)! - order.get(y.scenario)!)));
    const summary = { passed: 0, failed: 0, inconclusive: 0 };
    for (const t of tests) summary[t.outcome]++;
    return { tests, summary, ms: Date.now() - started };
  } finally {
    await scratch.close();
  }
}

/**
 * The GUC the tenant tables' policies read, when the overlay does not name it: the setting most
 * often passed to `current_setting('…')` in their USING / WITH CHECK expressions.
 */
export function inferGuc(model: SchemaModel, tables: Table[]): string | null {
  const names = new Set(tables.map((t) => `${t.schema}.${t.name}`));
  const counts = new Map<string, number>();
  for (const p of model.policies) {
    if (!names.has(`${p.schema}.${p.table}`)) continue;
    for (const m of `${p.using ?? ''} ${p.withCheck ?? ''}`.matchAll(/current_setting\(\s*'([^']+)'/g)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [k, n] of counts) if (best === null || n > counts.get(best)!) best = k;
  return best;
}

async function seedTable(ctx: SuiteContext, table: Table): Promise<SeededTable> {
  const qname = `${table.schema}.${table.name}`;
  try {
    const a = await ctx.synth.insert(qname, { [ctx.tenancy.column]: quoteLiteral(ctx.tenants.a) });
    const b = await ctx.synth.insert(qname, { [ctx.tenancy.column]: quoteLiteral(ctx.tenants.b) });
    return { table, qname, rows: { a, b }, seedError: null };
  } catch (err) {
    const e = err instanceof SynthError ? err : new SynthError(`cannot seed ${qname}: ${(err as Error).message}`, null, null, { cause: err });
    return { table, qname, rows: null, seedError: e };
  }
}
