/**
 * runReversibility(): on the base (canonical or a dump) apply up → introspect; apply down → it
 * must equal the base; apply up again → it must equal the first up (seed 002 gate 4A.6, seed
 * 003 gates 2.2.4–2.2.6, seed 004 §6). Equality is the engine's own comparison of two
 * introspected models (compare/), so "equal" means what the compliance diff means; every
 * difference is named as a residual. Behaviour probes (probes.ts) then check that the downgrade
 * restored what the base rejected. Pure orchestration over the Db port.
 */
import { compareSchemas } from '../compare/compare';
import type { DbFactory, Db } from '../db';
import { introspect } from '../introspect/introspect';
import { loadScript } from '../load/load';
import type { Divergence } from '../report/types';
import { defaultSpec } from '../spec/defaults';
import type { Spec } from '../spec/types';
import { applyMigration, type Migration } from './apply';
import { judgeProbe, planProbes, runProbe } from './probes';
import type { Probe, ReversibilityReport, Residual, StepResult } from './types';

export interface ReversibilityInput {
  base: { name: string; sql: string };
  up: Migration;
  down: Migration;
  /** Overlay: tenancy for the probes' rows; null → generic. */
  spec?: Spec | null;
}

export interface ReversibilityEnv {
  factory: DbFactory;
  toolVersion: string;
  signal?: AbortSignal;
  onProgress?(stage: string): void;
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

const residual = (after: Residual['after']) => (d: Divergence): Residual => ({
  after, kind: d.kind, object_type: d.object_type, object: d.object, expected: d.expected, actual: d.actual, message: d.message,
});

/** Qualified names a divergence touches: the object and its table. */
function touchedBy(ds: Divergence[]): Set<string> {
  const s = new Set<string>();
  for (const d of ds) {
    s.add(d.object);
    if (d.table) s.add(d.table);
  }
  return s;
}

export async function runReversibility(input: ReversibilityInput, env: ReversibilityEnv): Promise<ReversibilityReport> {
  const spec = input.spec ?? defaultSpec();
  const steps: StepResult[] = [];
  const reasons: string[] = [];
  const report = (verdict: ReversibilityReport['verdict'], extra: Partial<ReversibilityReport> = {}): ReversibilityReport => ({
    tool: { name: 'skeldir-schema reversibility', version: env.toolVersion },
    verdict, exit_code: verdict === 'faithful' ? 0 : 1,
    inputs: { base: input.base.name, up: input.up.name, down: input.down.name },
    steps, changed: [], residuals: [], probes: [], reasons, ...extra,
  });

  env.onProgress?.('load base');
  let t0 = performance.now();
  const { db, summary } = await loadScript(env.factory, input.base.sql, { source: input.base.name, signal: env.signal });
  let baseCopy: Db | null = null;
  try {
    const baseModel = await introspect(db);
    steps.push({ step: 'base', file: input.base.name, statements: summary.executed, error: null, loadErrors: summary.errors.length, ms: ms(t0) });
    baseCopy = await db.clone();

    const step = async (name: 'up' | 'down' | 'up_again', m: Migration, direction: 'upgrade' | 'downgrade') => {
      env.onProgress?.(name.replace('_', ' '));
      const t = performance.now();
      const out = await applyMigration(db, m, direction, env.signal);
      steps.push({ step: name, file: m.name, statements: out.statements, error: out.error, ms: ms(t) });
      if (out.error) reasons.push(`${name.replace('_', ' ')} failed at ${out.error.file}:${out.error.line}:${out.error.column}: ${out.error.message}`);
      return out.error === null;
    };

    if (!(await step('up', input.up, 'upgrade'))) return report('unfaithful');
    const upModel = await introspect(db);
    const changedDivs = compareSchemas(baseModel, upModel, spec);
    const changed = changedDivs.map((d) => ({ kind: d.kind, object_type: d.object_type, object: d.object }));
    if (changed.length === 0) reasons.push('the upgrade changed nothing the engine compares (tables, columns, constraints, indexes, policies, grants, …)');

    if (!(await step('down', input.down, 'downgrade'))) return report('unfaithful', { changed });
    const downModel = await introspect(db);
    const afterDown = compareSchemas(baseModel, downModel, spec);
    const residuals = afterDown.map(residual('down'));
    for (const r of residuals) reasons.push(`after the downgrade: ${r.message}`);

    env.onProgress?.('probes');
    const touched = new Set([...touchedBy(changedDivs), ...touchedBy(compareSchemas(upModel, downModel, spec))]);
    const tenancy = spec.tenancy?.column ?? null;
    const probes: Probe[] = [];
    for (const plan of planProbes(baseModel, upModel, touched)) {
      const before = await runProbe(baseCopy, baseModel, plan, tenancy);
      // Only an insert the base rejects is a probe; one it accepts says nothing about the downgrade.
      if (before.outcome !== 'rejected') continue;
      probes.push(judgeProbe(plan, before, await runProbe(db, downModel, plan, tenancy)));
    }
    for (const p of probes) if (p.verdict !== 'held') reasons.push(`probe ${p.kind} ${p.table} (${p.subject}): ${p.detail}`);

    if (!(await step('up_again', input.up, 'upgrade'))) return report('unfaithful', { changed, residuals, probes });
    const againModel = await introspect(db);
    const afterAgain = compareSchemas(upModel, againModel, spec).map(residual('up_again'));
    for (const r of afterAgain) reasons.push(`after upgrading again: ${r.message}`);
    residuals.push(...afterAgain);

    const lost = residuals.length > 0 || probes.some((p) => p.verdict === 'lost');
    const verdict = lost ? 'unfaithful' : probes.some((p) => p.verdict === 'inconclusive') ? 'inconclusive' : 'faithful';
    return report(verdict, { changed, residuals, probes });
  } finally {
    await db.close().catch(() => undefined);
    await baseCopy?.close().catch(() => undefined);
  }
}
