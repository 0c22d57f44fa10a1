/**
 * The canonical is the oracle: the same scenarios run on the canonical schema and on the dump,
 * with the same principals and worlds, and every behaviour that differs is the finding.
 *
 * - an `isolation` probe (other world, anonymous, RLS on) the canonical denies and the dump
 *   allows is a **leak** — failed, BLOCKING;
 * - an `access` probe (own world) the canonical allows and the dump denies is a **regression** —
 *   failed, HIGH;
 * - the same behaviour on both sides passes (a denial still needs the dump's positive control:
 *   principal a reading its own row); a probe either side could not run, or that raised an
 *   error other than a denial, is inconclusive with the reason.
 *
 * Works with no overlay at all: identity is inferred from the canonical's policies (else the
 * dump's) and the covered tables are those under row-level security on either side.
 */
import type { Db } from '../db';
import type { SchemaModel } from '../model';
import type { RlsSection, RlsTest } from '../report/types';
import { hasIdentity, inferIdentity } from './identity';
import { SCENARIOS } from './scenarios';
import { rlsTables, runSide, section, type RlsSuiteOptions, type SideResult } from './suite';
import type { ProbeGuard } from '../guard/probe';

export interface OracleSide {
  db: Db;
  model: SchemaModel;
  /**
   * The canonical's results by (tables, identity): the canonical side does not change between
   * dumps, so a canonical prepared once (CLI with several dumps, the browser) is probed once.
   */
  cache?: Map<string, Promise<SideResult>>;
  /** This side's probe budget (core/guard/probe.ts): the stops are per input. */
  guard?: ProbeGuard;
}

export async function runRlsOracle(canonical: OracleSide, dump: OracleSide, opts: RlsSuiteOptions = {}): Promise<RlsSection> {
  const started = Date.now();
  const inDump = new Set(dump.model.tables.filter((t) => t.partitionOf === null).map((t) => `${t.schema}.${t.name}`));
  const inCanon = new Set(canonical.model.tables.filter((t) => t.partitionOf === null).map((t) => `${t.schema}.${t.name}`));
  const tables = [...new Set([...rlsTables(canonical.model), ...rlsTables(dump.model)].map((t) => `${t.schema}.${t.name}`))]
    .filter((q) => inDump.has(q) && inCanon.has(q)).sort();
  if (!tables.length) return section('oracle', [], Date.now() - started, { info: [] });
  const canonTables = canonical.model.tables.filter((t) => tables.includes(`${t.schema}.${t.name}`));
  let identity = inferIdentity(canonical.model, canonTables);
  if (!hasIdentity(identity)) identity = inferIdentity(dump.model, dump.model.tables.filter((t) => tables.includes(`${t.schema}.${t.name}`)));
  let done = 0;
  const progress = (n: number, total: number) => { done = n; opts.onProgress?.(n, total * 2); };
  const key = JSON.stringify({ tables, identity });
  let pending = canonical.cache?.get(key);
  if (!pending) {
    pending = runSide(canonical.db, canonical.model, null, { ...opts, guard: canonical.guard, onProgress: progress, tables, identity, requireForce: false });
    canonical.cache?.set(key, pending);
    pending.catch(() => canonical.cache?.delete(key));
  }
  const c = await pending;
  const offset = done;
  const d = await runSide(dump.db, dump.model, null, { ...opts, guard: dump.guard, onProgress: (n, total) => opts.onProgress?.(offset + n, offset + total), tables, identity, requireForce: false });
  const canonBy = new Map(c.tests.map((t) => [`${t.table}|${t.scenario}`, t]));
  const tests = d.tests.map((t) => compare(t, canonBy.get(`${t.table}|${t.scenario}`) ?? null));
  return section('oracle', tests, Date.now() - started, { dump: d.side, canonical: c.side, info: d.info });
}

const KIND = new Map(SCENARIOS.map((s) => [s.id as string, s.kind]));

/** One dump test judged against the canonical's result for the same (table, scenario). */
export function compare(d: RlsTest, c: RlsTest | null): RlsTest {
  const out: RlsTest = { ...d };
  delete out.severity;
  if (c) out.canonical = { outcome: c.outcome, ...(c.observed ? { observed: c.observed } : {}), detail: c.detail, sql: c.sql, ...(c.rows ? { rows: c.rows } : {}) };
  const set = (outcome: RlsTest['outcome'], detail: string, severity?: 'BLOCKING' | 'HIGH') => {
    out.outcome = outcome;
    out.passed = outcome === 'passed';
    out.detail = detail;
    if (severity) out.severity = severity;
    return out;
  };
  if (!c) return set('inconclusive', `the canonical produced no result for this probe; dump: ${d.detail}`);
  if (!c.observed || c.observed === 'error') return set('inconclusive', `the canonical could not be probed: ${c.detail}`);
  if (!d.observed || d.observed === 'error') return set('inconclusive', d.detail);
  const kind = KIND.get(d.scenario);
  if (kind === 'access') {
    if (c.observed === 'allowed' && d.observed === 'denied') return set('failed', `regression: ${d.detail}, which the canonical allows (${c.detail})`, 'HIGH');
    if (d.observed === c.observed) return set('passed', `${d.observed} on both sides: ${d.detail}`);
    return set('passed', `the dump allows what the canonical denies on the principal\u2019s own rows (${d.detail}; canonical: ${c.detail})`);
  }
  // isolation and catalog: a denial protects.
  if (c.observed === 'denied' && d.observed === 'allowed') {
    // The oracle's denial counts only with its own positive control (the canonical test concluded):
    // "0 rows touched" where principal a could not even read its own row proves no protection.
    if (c.outcome === 'inconclusive') return set('inconclusive', `the dump allows it (${d.detail}), but the canonical's denial has no positive control: ${c.detail}`);
    return set('failed', `leak: ${d.detail}; the canonical denies it (${c.detail})`, 'BLOCKING');
  }
  if (d.observed === 'allowed') return set('passed', `allowed on both sides (the canonical allows it too): ${d.detail}`);
  if (d.outcome === 'inconclusive') return set('inconclusive', d.detail);
  return set('passed', c.observed === 'denied' ? `${d.detail} \u2014 as in the canonical` : `${d.detail} (stricter than the canonical, which allows it)`);
}
