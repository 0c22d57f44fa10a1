/**
 * Corrective migrations in the page: one proven plan per dump, asked of the engine worker on
 * demand (planning is cheap; the proof re-runs the whole check). A plan belongs to the report it
 * was made from: when a new check replaces that report, the plan is stale and is asked again.
 */
import type { FixResultMessage } from '../../adapters/browser/protocol';
import type { FixStatement } from '../../core/fix/types';
import type { Report } from '../../core/report/types';
import type { Engine } from '../state/engine.svelte';

export interface FixOutcome {
  status: 'running' | 'done' | 'error';
  /** The report the plan was made from. */
  report: Report;
  result: FixResultMessage | null;
  error: string | null;
}

export class FixState {
  outcomes = $state.raw<Record<string, FixOutcome>>({});

  constructor(private readonly engine: Engine) {}

  /** The plan for a dump, if it was made from the report the dump has now. */
  for(key: string | null | undefined): FixOutcome | null {
    if (!key) return null;
    const o = this.outcomes[key];
    const report = this.engine.outcomes[key]?.report;
    return o && report && o.report === report ? o : null;
  }

  /** Statements that fix one divergence of a dump (empty when the plan has none for it). */
  statementsFor(key: string | null | undefined, divergenceId: string): FixStatement[] {
    return this.for(key)?.result?.plan?.statements.filter((s) => s.fixes.includes(divergenceId)) ?? [];
  }

  /** Asks the worker to plan and prove the fix of a dump (once per report). */
  async request(key: string): Promise<void> {
    const report = this.engine.outcomes[key]?.report;
    if (!report) return;
    const existing = this.for(key);
    if (existing && existing.status !== 'error') return;
    this.outcomes = { ...this.outcomes, [key]: { status: 'running', report, result: null, error: null } };
    const result = await this.engine.fix(key);
    // A newer check replaced the report meanwhile: drop this answer.
    if (this.engine.outcomes[key]?.report !== report) return;
    this.outcomes = {
      ...this.outcomes,
      [key]: result.error ? { status: 'error', report, result: null, error: result.error } : { status: 'done', report, result, error: null },
    };
  }
}
