/**
 * runCheck(): the whole check — load → introspect → compare → behaviour → judge → report —
 * the same in Node (CLI, tests) and in the browser's worker. Pure orchestration over the Db
 * port: no node:*, no DOM; hashing uses Web Crypto (`crypto.subtle`, global in browsers and
 * Node 20).
 *
 * Determinism: for the same inputs the JSON report is the same bytes except `generated_at`,
 * `timings`, and the measured `ms` fields (`load.canonical.ms`, `load.dump.ms`, `rls.ms`,
 * `smoke.ms`); synthesised rows use deterministic values (synth/values.ts), and
 * test/pipeline asserts it across clock and host time zone.
 */
import type { Db, DbFactory } from './db';
import { sha256Hex } from './hash';
import { compareSchemas } from './compare/compare';
import { introspect } from './introspect/introspect';
import { loadScript, type LoadOptions } from './load/load';
import type { SchemaModel } from './model';
import { buildReport } from './report/build';
import { locateDivergences } from './report/locate';
import type { InputInfo, LoadSummary, Report, RlsSection, SmokeSection } from './report/types';
import { defaultSpec } from './spec/defaults';
import { parseSpec } from './spec/parse';
import { assertOverlayMatchesCanonical } from './spec/against-canonical';
import type { Spec } from './spec/types';
import { phaseScope, type PhaseScope } from './gates/scope';
import type { MigrationEvidence } from './gates/migrations';
import { alignAccessWithCanonical } from './rls/canonical-denies';
import { runRlsOracle } from './rls/oracle';
import { runRlsSuite, type SideResult } from './rls/suite';
import { parseSeedOverrides, type SeedOverrides } from './synth/overrides';
import { parseSmokeTests } from './smoke/parse';
import { runSmokeTests } from './smoke/run';
import type { SmokeTest } from './smoke/types';
import { scratchClones } from './scratch';
import { timedClones, timedFactory } from './timing';
import { probeGuard } from './guard/probe';

export interface CheckInput {
  canonical: { name: string; sql: string };
  /** null → defaultSpec(): generic comparison, no phases, no tenancy. */
  spec: { name: string; yaml: string } | null;
  dump: { name: string; sql: string };
  /** `all` or a phase id. */
  phase: string;
  /** schema/smoke/*.yaml sources. */
  smoke?: { name: string; yaml: string }[];
  /** RLS seed overrides (schema/seeds/skeldir.yaml or similar). */
  seeds?: { name: string; yaml: string } | null;
  /** Run RLS + smoke. Default: true (without an overlay tenancy, RLS compares the dump with the canonical). */
  behaviour?: boolean;
  /** DDL lint / reversibility results for the phases whose gates require them (`migration_checks`). */
  migrations?: MigrationEvidence | null;
}

export interface EngineEnv {
  factory: DbFactory;
  now(): Date;
  toolVersion: string;
  onProgress?(stage: string, done?: number, total?: number): void;
  signal?: AbortSignal;
  /** Load COPY … FROM stdin data (default: skipped; a schema check needs the tables, not their rows). */
  withData?: boolean;
  /** The loader's heartbeat for a watchdog (core/guard): what is running now, null between round trips. */
  onActivity?: LoadOptions['onActivity'];
  /** Statements a watchdog stopped in an earlier attempt: recorded as load errors, not re-run. */
  stops?: LoadOptions['stops'];
  /**
   * The structural result, as soon as the compare is done and before the behaviour checks run
   * (called only when they will): a report whose divergences are final and whose `rls` / `smoke`
   * are not run yet — a page shows the structural verdict while RLS and smoke are still running.
   */
  onStructural?(structural: { report: Report; dumpModel: SchemaModel }): void;
}

export interface CheckResult {
  report: Report;
  canonicalModel: SchemaModel;
  dumpModel: SchemaModel;
  dumpDb: Db;
  canonicalDb: Db;
}

/** A loaded + introspected canonical schema, reusable across dumps (CLI with several dumps, tests). */
export interface PreparedCanonical {
  name: string;
  sha256: string;
  bytes: number;
  db: Db;
  model: SchemaModel;
  summary: LoadSummary;
  /** `start_canonical` (the database start inside `load_canonical`) when it was measured here. */
  timings: { load_canonical: number; introspect_canonical: number; start_canonical?: number };
  /** RLS oracle results on this canonical, reused across dumps (rls/oracle.ts). */
  rlsCache?: Map<string, Promise<SideResult>>;
}

export { sha256Hex };

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

export async function prepareCanonical(canonical: CheckInput['canonical'], env: EngineEnv): Promise<PreparedCanonical> {
  env.onProgress?.('load canonical');
  let t0 = performance.now();
  const starts: Record<string, number> = {};
  const { db, summary } = await loadScript(timedFactory(env.factory, starts, 'start_canonical'), canonical.sql, {
    ...guardOptions(env), source: canonical.name, input: CANONICAL_INPUT, signal: env.signal, onProgress: (done: number, total: number) => env.onProgress?.('load canonical', done, total),
  });
  const load = ms(t0);
  env.signal?.throwIfAborted();
  env.onProgress?.('introspect canonical');
  t0 = performance.now();
  const model = await introspect(db);
  const hash = await sha256Hex(canonical.sql);
  return { name: canonical.name, ...hash, db, model, summary, timings: { load_canonical: load, introspect_canonical: ms(t0), ...starts }, rlsCache: new Map() };
}

/** Activity.input of the canonical and of a dump: stops are told apart by these, not by file name. */
const CANONICAL_INPUT = 'canonical';
export const dumpInput = (sha256: string) => `dump:${sha256}`;

function guardOptions(env: EngineEnv): Pick<LoadOptions, 'copyData' | 'onActivity' | 'stops'> {
  return { copyData: env.withData ? 'load' : 'skip', onActivity: env.onActivity, stops: env.stops };
}

/** Parse the overlay, or the generic default when there is none. Throws InputError with its location. */
export function specOf(input: Pick<CheckInput, 'spec'>): Spec {
  return input.spec ? parseSpec(input.spec.yaml, input.spec.name) : defaultSpec();
}

/**
 * Whether the check queries the canonical's database after reading its model: only the RLS
 * oracle does (behaviour checks on, and no tenancy in the overlay — see runBehaviour), so an
 * adapter may close that database early otherwise.
 */
export function queriesCanonicalDb(input: Pick<CheckInput, 'spec' | 'behaviour'>): boolean {
  return (input.behaviour ?? true) && !specOf(input).tenancy;
}

/**
 * A dump already loaded into a database by this same loader, with the same options (the page's
 * bundled sample, prepared at build time: src/adapters/browser/build/prepare-sample.ts). Used
 * only for exactly that text (name and sha256), with no COPY data and no watchdog stops;
 * everything after the load — introspection, compare, RLS, smoke, gates — runs here as always.
 */
export interface PreloadedDump {
  name: string;
  sha256: string;
  db: Db;
  summary: LoadSummary;
}

/** Whether `preloaded` is the load runCheck would do itself for this input and env. */
function preloadFits(preloaded: PreloadedDump | undefined, input: CheckInput, env: EngineEnv, sha256: string): preloaded is PreloadedDump {
  return !!preloaded && preloaded.name === input.dump.name && preloaded.sha256 === sha256 && !env.withData && !(env.stops?.length);
}

export async function runCheck(input: CheckInput, env: EngineEnv, options: { canonical?: PreparedCanonical; dump?: PreloadedDump } = {}): Promise<CheckResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const spec = specOf(input);
  const scope = phaseScope(spec, input.phase); // validates --phase before any heavy work
  const behaviour = input.behaviour ?? true;
  // Smoke files and seed overrides are parsed up front too: a located error before any load.
  const smokeTests = behaviour ? (input.smoke ?? []).flatMap((f) => parseSmokeTests(f.yaml, f.name)) : [];
  const overrides = behaviour && input.seeds ? parseSeedOverrides(input.seeds.yaml, input.seeds.name) : undefined;

  let canonical = options.canonical;
  if (canonical && (canonical.name !== input.canonical.name || canonical.sha256 !== (await sha256Hex(input.canonical.sql)).sha256)) canonical = undefined;
  const reused = canonical !== undefined;
  if (!canonical) canonical = await prepareCanonical(input.canonical, env);
  Object.assign(timings, canonical.timings);
  // An overlay tagging objects its canonical lacks is meant for another schema: exit 3, listed.
  if (input.spec) assertOverlayMatchesCanonical(spec, canonical.model, canonical.name);
  env.signal?.throwIfAborted();

  env.onProgress?.('load dump');
  let t0 = performance.now();
  const dumpHash = await sha256Hex(input.dump.sql);
  const preloaded = preloadFits(options.dump, input, env, dumpHash.sha256) ? options.dump : null;
  // A preloaded dump that does not fit is closed: it is not what this check loads.
  if (options.dump && !preloaded) void options.dump.db.close().catch(() => undefined);
  const { db: dumpDb, summary: dumpSummary } = preloaded ?? await loadScript(timedFactory(env.factory, timings, 'start_dump'), input.dump.sql, {
    ...guardOptions(env), source: input.dump.name, input: dumpInput(dumpHash.sha256), signal: env.signal, onProgress: (done: number, total: number) => env.onProgress?.('load dump', done, total),
  });
  timings.load_dump = ms(t0);
  if (preloaded) timings.load_dump_prepared = 1;
  env.signal?.throwIfAborted();

  env.onProgress?.('introspect dump');
  t0 = performance.now();
  const dumpModel = await introspect(dumpDb);
  timings.introspect_dump = ms(t0);

  env.onProgress?.('compare');
  t0 = performance.now();
  const divergences = locateDivergences(compareSchemas(canonical.model, dumpModel, spec), input.dump.sql);
  timings.compare = ms(t0);
  env.signal?.throwIfAborted();

  const inputs: InputInfo[] = [{ role: 'canonical_sql', name: canonical.name, sha256: canonical.sha256, bytes: canonical.bytes }];
  if (input.spec) inputs.push({ role: 'spec_yaml', name: input.spec.name, ...(await sha256Hex(input.spec.yaml)) });
  inputs.push({ role: 'dump', name: input.dump.name, ...dumpHash });
  const report = (rls: RlsSection | null, smoke: SmokeSection | null, t: Record<string, number>) => buildReport({
    spec, phase: input.phase, divergences, load: { canonical: canonical.summary, dump: dumpSummary }, rls, smoke, inputs,
    toolVersion: env.toolVersion, generatedAt: env.now(), timings: t, migrations: input.migrations,
  });

  let rls: RlsSection | null = null;
  let smoke: SmokeSection | null = null;
  if (behaviour) {
    env.onStructural?.({ report: report(null, null, { ...timings }), dumpModel });
    const b = await runBehaviour({ spec, scope, dumpDb, dumpModel, dumpName: input.dump.name, dumpInput: dumpInput(dumpHash.sha256), canonical, smokeTests, overrides, env, timings });
    rls = b.rls;
    smoke = b.smoke;
  }

  t0 = performance.now();
  const final = report(rls, smoke, timings);
  timings.gates = ms(t0);
  // `total` is the cost of a standalone check: when the canonical side was prepared once for
  // several dumps (CLI, tests), its load + introspect time is added back.
  timings.total = Math.round((performance.now() - started + (reused ? canonical.timings.load_canonical + canonical.timings.introspect_canonical : 0)) * 10) / 10;
  env.onProgress?.('done');
  return { report: final, canonicalModel: canonical.model, dumpModel, dumpDb, canonicalDb: canonical.db };
}

interface BehaviourArgs {
  spec: Spec;
  scope: PhaseScope;
  dumpDb: Db;
  dumpModel: SchemaModel;
  dumpName: string;
  /** Activity.input of the dump. */
  dumpInput: string;
  canonical: PreparedCanonical;
  smokeTests: SmokeTest[];
  overrides: SeedOverrides | undefined;
  env: EngineEnv;
  timings: Record<string, number>;
}

/**
 * Behaviour checks on the loaded dump (each suite works in its own scratch space): the RLS
 * suite — judged against the overlay's tenancy when it names one, otherwise the dump compared
 * with the canonical (rls/oracle.ts), which needs no overlay — and the smoke tests of the phases in scope
 * (a phase's own tests and those its `smoke:` list names). A suite with nothing to run yields
 * null (reported as "not run"), never a made-up result.
 */
async function runBehaviour(a: BehaviourArgs): Promise<{ rls: RlsSection | null; smoke: SmokeSection | null }> {
  const { spec, env, timings, overrides } = a;
  // Every probe runs the input's policies, triggers and functions: each gets the statement budget.
  const dumpGuard = probeGuard(a.dumpName, env, a.dumpInput);
  // Both suites get their scratch space as a rolled-back transaction on the loaded dump
  // (scratch.ts), not a copy of it; the profile names which it was: scratch_* or clone_*.
  const source = scratchClones(a.dumpDb);
  const scratchOf = (suite: string) => timedClones(source, timings, () => `${source.lastClone === 'copy' ? 'clone' : 'scratch'}_${suite}`);
  let rls: RlsSection | null = null;
  {
    env.onProgress?.('rls');
    const t0 = performance.now();
    const opts = { overrides, signal: env.signal, onProgress: (done: number, total: number) => env.onProgress?.('rls', done, total) };
    rls = spec.tenancy
      ? alignAccessWithCanonical(await runRlsSuite(scratchOf('rls'), a.dumpModel, spec.tenancy, { ...opts, guard: dumpGuard }), a.canonical.model)
      : await runRlsOracle(
        { db: a.canonical.db, model: a.canonical.model, cache: a.canonical.rlsCache, guard: probeGuard(a.canonical.name, env, CANONICAL_INPUT) },
        { db: scratchOf('rls'), model: a.dumpModel, guard: dumpGuard }, opts);
    if (!spec.tenancy && rls.tests.length === 0) rls = null; // nothing under RLS on either side: not run
    timings.rls = ms(t0);
    env.signal?.throwIfAborted();
  }
  const inScope = new Set(a.scope.phases.map((p) => p.id));
  const listed = new Set(a.scope.phases.flatMap((p) => p.smoke));
  const tests = a.smokeTests.filter((t) => inScope.has(t.phase.toLowerCase()) || listed.has(t.id));
  let smoke: SmokeSection | null = null;
  if (tests.length > 0) {
    env.onProgress?.('smoke');
    const t0 = performance.now();
    smoke = await runSmokeTests(scratchOf('smoke'), a.dumpModel, tests, spec.tenancy, { overrides, signal: env.signal, guard: dumpGuard });
    timings.smoke = ms(t0);
  }
  return { rls, smoke };
}
