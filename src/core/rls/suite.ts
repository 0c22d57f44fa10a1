/**
 * The RLS suite: tests a loaded schema by what its policies do, not by their text.
 *
 * 1. One scratch copy (`db.clone()`); the loaded database is never touched.
 * 2. Covered tables: with an overlay tenancy, every table with the tenancy column; otherwise every
 *    table under row-level security (or the list the oracle passes).
 * 3. Identity: from the overlay, or inferred from the policies (identity.ts); probe and principal
 *    roles are created (roles.ts) and each principal's world is seeded (worlds.ts).
 * 4. Every scenario (scenarios/) runs per table inside BEGIN … ROLLBACK; the anonymous ones
 *    (identity never set) before any other, because once a session has set a custom setting
 *    Postgres keeps it defined as '' for the rest of the session (on a fresh clone when seeding
 *    itself had to set the identity, see below).
 *    A table that could not be seeded gets `inconclusive` with the reason — never passed.
 *
 * `runRlsSuite` judges one schema on its own terms (the overlay's tenancy); oracle.ts runs the
 * same on the canonical and the dump and compares.
 */
import type { Db } from '../db';
import type { SchemaModel, Table } from '../model';
import type { RlsSection, RlsSide, RlsTest } from '../report/types';
import type { Tenancy } from '../spec/types';
import { quoteIdent } from '../pgtext';
import { emptyOverrides, type SeedOverrides } from '../synth/overrides';
import { RowSynth } from '../synth/synth';
import { keyColumns, result, type Probe, type SeededTable, type SuiteContext } from './context';
import { describeIdentity, identityFromOverlay, identityFromTenancy, identityReader, inferIdentity, seedingReadsIdentity, type Identity } from './identity';
import { makePrincipals } from './principals';
import { control, readEither } from './probes';
import { createProbeRoles } from './roles';
import { SCENARIOS, SCENARIO_IDS } from './scenarios';
import { seedWorld, type SeededWorld } from './worlds';
import { UNGUARDED, type ProbeGuard } from '../guard/probe';

export interface RlsSuiteOptions {
  overrides?: SeedOverrides;
  signal?: AbortSignal;
  /** Scenarios done so far and the total. */
  onProgress?(done: number, total: number): void;
  /** The statement budget for each probe (core/guard/probe.ts); default: unwatched. */
  guard?: ProbeGuard;
}

export interface SideOptions extends RlsSuiteOptions {
  /** Tables to cover (`schema.table`); default: tenancy tables, else every table under RLS. */
  tables?: string[];
  /** Identity to act with instead of inferring it (the oracle passes the canonical's). */
  identity?: Identity;
  requireForce: boolean;
}

export interface SideResult {
  tests: RlsTest[];
  side: RlsSide;
  info: { table: string; scenario: string; detail: string }[];
}

const qnameOf = (t: Table) => `${t.schema}.${t.name}`;

/** Tables the tenancy covers: every ordinary or partitioned table (not a partition) with the tenancy column. */
export function tenantTables(model: SchemaModel, tenancy: Tenancy): Table[] {
  return model.tables.filter((t) => t.partitionOf === null && t.columns.some((c) => c.name === tenancy.column));
}

/** Tables under row-level security (not partitions). */
export function rlsTables(model: SchemaModel): Table[] {
  return model.tables.filter((t) => t.partitionOf === null && t.rlsEnabled);
}

/** Judge one schema against the overlay's tenancy (absolute checks). */
export async function runRlsSuite(db: Db, model: SchemaModel, tenancy: Tenancy, opts: RlsSuiteOptions = {}): Promise<RlsSection> {
  const started = Date.now();
  const r = await runSide(db, model, tenancy, { ...opts, requireForce: tenancy.requireForce ?? true });
  return section('tenancy', r.tests, Date.now() - started, { dump: r.side, info: r.info });
}

export function section(mode: 'tenancy' | 'oracle', tests: RlsTest[], ms: number, extra: Partial<RlsSection> = {}): RlsSection {
  const order = new Map(SCENARIO_IDS.map((id, i) => [id as string, i]));
  tests.sort((x, y) => (x.table < y.table ? -1 : x.table > y.table ? 1 : (order.get(x.scenario)! - order.get(y.scenario)!)));
  return { mode, ...extra, tests, summary: summarize(tests), ms };
}

/** Passed / failed / inconclusive counts of a section's tests. */
export function summarize(tests: readonly RlsTest[]): RlsSection['summary'] {
  const summary = { passed: 0, failed: 0, inconclusive: 0 };
  for (const t of tests) summary[t.outcome]++;
  return summary;
}

/** Run every scenario on one schema. */
export async function runSide(db: Db, model: SchemaModel, tenancy: Tenancy | null, opts: SideOptions): Promise<SideResult> {
  opts.signal?.throwIfAborted();
  const tables = opts.tables
    ? model.tables.filter((t) => opts.tables!.includes(qnameOf(t)))
    : tenancy ? tenantTables(model, tenancy) : rlsTables(model);
  const empty: RlsSide = { identity: 'no table under row-level security', principals: [] };
  if (!tables.length) return { tests: [], side: empty, info: [] };
  const names = new Set(tables.map(qnameOf));
  const policyRoles = [...new Set(model.policies.filter((p) => names.has(`${p.schema}.${p.table}`)).flatMap((p) => p.roles).filter((r) => r !== 'public'))].sort();

  let identity: Identity;
  if (opts.identity) identity = restrictIdentity(opts.identity, model);
  else if (tenancy?.identity) identity = identityFromOverlay(model, tenancy, tables, policyRoles);
  else if (tenancy) {
    const guc = tenancy.guc || inferGuc(model, tables);
    if (!guc) {
      const tests = tables.flatMap((t) => SCENARIOS.map((s) => result(unseeded(t), s.id, 'inconclusive', 'no tenant GUC: the overlay names none and no policy reads one with current_setting()', [], 'superuser', null)));
      return { tests, side: { identity: 'overlay tenancy without a GUC, and none found in the policies', principals: [] }, info: [] };
    }
    identity = identityFromTenancy(model, { ...tenancy, guc }, policyRoles);
  } else identity = inferIdentity(model, tables);

  const guard = opts.guard ?? UNGUARDED;
  const scratch = await db.clone();
  try {
    // The application's session has the database's search_path, not the empty one pg_dump's
    // script leaves behind: helpers, triggers and defaults without their own `SET search_path`
    // resolve unqualified names through it. A plain dump does not carry the database's own
    // setting (ALTER DATABASE … SET is not dumped), so the schemas extensions were installed
    // into (`extensions` on Supabase, where gen_random_bytes() lives) are appended to the
    // default `"$user", public` — as hosts that install them there configure. (Undone with the scratch.)
    await scratch.query(`SET search_path = ${appSearchPath(model)}`);
    const roles = await createProbeRoles(scratch, model, { appRole: tenancy?.appRole ?? null, targetRoles: identity.targetRoles.length ? identity.targetRoles : policyRoles, byRole: identity.byRole });
    const principals = makePrincipals(model, identity, roles);
    const synth = new RowSynth(scratch, model, { tenancyColumn: null, overrides: opts.overrides ?? emptyOverrides() });
    const targetRole = roles.memberOf[0] ?? identity.targetRoles[0] ?? null;
    // Seeding acts as the principal (its identity settings in effect, worlds.ts) when the schema
    // reads the identity while rows are written: a default or a trigger (identity.ts).
    const asPrincipal = seedingReadsIdentity(model, identity).length > 0;
    const readsIdentity = identityReader(model.functions);
    const anonymous = SCENARIOS.some((s) => s.phase === 'anonymous' && (!s.applies || s.applies({ identity } as SuiteContext)));
    const base = { db: scratch, model, identity, synth, roles, principals, targetRole, requireForce: opts.requireForce, controls: new Map() };
    // Once a session has set a custom setting, Postgres keeps it defined ('' after a reset) for
    // the rest of the session, so "never set" must be read before seeding sets it.
    const unsetFirst = anonymous && asPrincipal ? await readUnsetFirst(base, tables, guard, opts.signal) : null;
    const worlds = {
      a: await seedWorld(scratch, synth, identity, principals.a, tables, targetRole, { asPrincipal, readsIdentity, signal: opts.signal, guard }),
      b: await seedWorld(scratch, synth, identity, principals.b, tables, targetRole, { asPrincipal, readsIdentity, signal: opts.signal, guard }),
    };
    const seeded = seededTables(model, tables, worlds);
    const ctx: SuiteContext = { ...base, worlds };

    const active = SCENARIOS.filter((s) => !s.applies || s.applies(ctx));
    const total = seeded.length * active.length;
    let done = 0;
    const tests: RlsTest[] = [];
    const runPhase = async (c: SuiteContext, phase: 'main' | 'anonymous') => {
      for (const t of seeded) {
        for (const s of active.filter((x) => x.phase === phase)) {
          opts.signal?.throwIfAborted();
          const label = { suite: 'rls' as const, table: t.qname, scenario: s.id };
          if (s.needsRows && !t.rows) {
            const e = t.seedError!;
            tests.push(result(t, s.id, 'inconclusive', `could not seed rows for both principals: ${e.message}`, e.sql ? [e.sql] : [], 'superuser', null));
          } else {
            const r = await guard.attempt(label, () => s.run(c, t), (why) => result(t, s.id, 'inconclusive', why, [], 'superuser', null));
            if (r) tests.push(r);
          }
          opts.onProgress?.(++done, total);
        }
      }
    };
    if (unsetFirst) {
      ctx.unsetReads = unsetFirst.reads;
      ctx.unsetControls = unsetFirst.controls;
    } else if (active.some((s) => s.phase === 'anonymous')) {
      // Every "never set" read first: the controls below set the identity in this session.
      ctx.unsetReads = new Map();
      for (const t of seeded) {
        const label = { suite: 'rls' as const, table: t.qname, scenario: 'unset_guc_denied' };
        if (!t.rows) continue;
        ctx.unsetReads.set(t.qname, await guard.attempt(label, () => readEither(ctx, t, 'unset'), (why) => why));
      }
    }
    await runPhase(ctx, 'anonymous');
    await runPhase(ctx, 'main');
    const info = opts.requireForce ? [] : tables.filter((t) => t.rlsEnabled && !t.rlsForced).map((t) => ({
      table: qnameOf(t), scenario: 'rls_forced',
      detail: 'FORCE ROW LEVEL SECURITY is off, so the table owner bypasses the policies. Not tested: nothing declares it required (an overlay tenancy does).',
    }));
    const side: RlsSide = {
      identity: describeIdentity(identity),
      principals: [worlds.a, worlds.b].map((w) => ({ key: w.principal.key, value: w.principal.value, role: w.principal.role, ...(w.session.length ? { session: w.session } : {}), world: w.log })),
    };
    return { tests, side, info };
  } finally {
    await scratch.close();
  }
}

/** `"$user", public` and the schemas holding extensions, as a SET search_path value. */
export function appSearchPath(model: SchemaModel): string {
  const extra = [...new Set(model.extensions.map((e) => e.schema))].filter((x) => x !== 'public' && x !== 'pg_catalog').sort();
  return ['"$user"', 'public', ...extra.map(quoteIdent)].join(', ');
}

/** Each covered table with the rows standing for a and b, or why it could not be seeded. */
function seededTables(model: SchemaModel, tables: Table[], worlds: { a: SeededWorld; b: SeededWorld }): SeededTable[] {
  return tables.map((table) => {
    const q = qnameOf(table);
    const a = worlds.a.row(q);
    const b = worlds.b.row(q);
    const failed = [...worlds.a.log, ...worlds.b.log].find((l) => l.table === q && l.error);
    const seedError = a && b ? null : { message: failed?.error ?? `no row of ${q} in ${a ? 'b' : 'a'}\u2019s world`, sql: failed?.sql ?? '' };
    return { table, qname: q, rows: a && b ? { a, b } : null, seedError, key: keyColumns(model, table, a ?? b) };
  });
}

/**
 * "Identity never set" reads for a schema whose seeding must act as the principal: worlds are
 * seeded first without any identity setting (identity columns explicit, as the superuser),
 * inside a transaction that is rolled back, and each table's anonymous read is taken there.
 * A table that cannot be seeded without the identity in effect gets the reason instead.
 */
async function readUnsetFirst(base: Omit<SuiteContext, 'worlds'>, tables: Table[], guard: ProbeGuard, signal?: AbortSignal): Promise<{ reads: Map<string, Probe | string>; controls: Map<string, Probe> }> {
  const out = new Map<string, Probe | string>();
  const controls = new Map<string, Probe>();
  const { db, model, identity, principals, targetRole } = base;
  const synth = new RowSynth(db, model, { tenancyColumn: null, overrides: base.synth.overridesUsed });
  await db.query('BEGIN');
  synth.inTransaction = true;
  try {
    const worlds = {
      a: await seedWorld(db, synth, identity, principals.a, tables, targetRole, { asPrincipal: false, signal, guard }),
      b: await seedWorld(db, synth, identity, principals.b, tables, targetRole, { asPrincipal: false, signal, guard }),
    };
    const ctx: SuiteContext = { ...base, synth, worlds, nested: true, controls: new Map() };
    const seeded = seededTables(model, tables, worlds);
    for (const t of seeded) {
      signal?.throwIfAborted();
      if (!t.rows) out.set(t.qname, `the identity could not be observed as never set: seeding this table needs the principal\u2019s identity in effect (${t.seedError?.message ?? 'no row'}), and once set in a session it stays defined`);
      else {
        const label = { suite: 'rls' as const, table: t.qname, scenario: 'unset_guc_denied' };
        out.set(t.qname, await guard.attempt(label, () => readEither(ctx, t, 'unset'), (why) => why));
      }
    }
    // The controls come after every "never set" read (setting the identity keeps it defined),
    // still inside this transaction, so they read the same throwaway rows.
    for (const t of seeded) {
      if (!t.rows || typeof out.get(t.qname) !== 'object') continue;
      const label = { suite: 'rls' as const, table: t.qname, scenario: 'unset_guc_denied' };
      const ctl = await guard.attempt(label, () => control(ctx, t), () => null);
      if (ctl) controls.set(t.qname, ctl);
    }
  } finally {
    synth.inTransaction = false;
    await db.query('ROLLBACK');
  }
  return { reads: out, controls };
}

function unseeded(table: Table): SeededTable {
  return { table, qname: qnameOf(table), rows: null, seedError: null, key: [] };
}

/** Keep only identity columns this model has (the oracle passes the canonical's identity to the dump). */
function restrictIdentity(id: Identity, model: SchemaModel): Identity {
  const columns: Identity['columns'] = {};
  for (const [q, cols] of Object.entries(id.columns)) {
    const t = model.tables.find((x) => qnameOf(x) === q);
    if (!t) continue;
    const kept = Object.fromEntries(Object.entries(cols).filter(([c]) => t.columns.some((x) => x.name === c && x.generated === null)));
    if (Object.keys(kept).length) columns[q] = kept;
  }
  return { ...id, columns };
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
