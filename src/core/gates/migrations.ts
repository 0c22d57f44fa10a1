/**
 * Migration evidence in the gates: the DDL lint (seed 003 gate 2.2.7, seed 002 gate 4A.10:
 * "lint tool reports zero blocking errors") and the upgrade → downgrade → upgrade cycle (seed
 * 003 gates 2.2.4–2.2.6, seed 002 gates 4A.6 / 4B.8 / 4C.8). A phase asks for them with
 * `migration_checks: [lint, reversibility]` in the overlay. With evidence, a failed check fails
 * the phase; without it, the phase says which checks did not run (they are not passed).
 */
import type { LintReport } from '../lint/report';
import type { ReversibilityReport } from '../reversibility/types';
import type { Phase } from '../spec/types';

export interface MigrationEvidence {
  /** Summary of `skeldir-schema lint` over the phase's migrations; null when not run. */
  lint: { files: string[]; errors: number; warnings: number; waived: number } | null;
  /** Verdict of `skeldir-schema reversibility`; null when not run. */
  reversibility: { verdict: 'faithful' | 'unfaithful' | 'inconclusive'; up: string; down: string; reasons: string[] } | null;
}

/**
 * The evidence the gates read from a lint report and a reversibility report — the CLI's
 * `--lint-report` / `--reversibility-report` files and the Migrations view's results alike.
 */
export function migrationEvidence(lint: { files: readonly { file: string }[]; summary: LintReport['summary'] } | null, rev: ReversibilityReport | null): MigrationEvidence | null {
  if (!lint && !rev) return null;
  return {
    lint: lint ? { files: lint.files.map((f) => f.file), ...lint.summary } : null,
    reversibility: rev ? { verdict: rev.verdict, up: rev.inputs.up, down: rev.inputs.down, reasons: rev.reasons } : null,
  };
}

export interface MigrationGate {
  /** Why the phase fails (empty when nothing failed). */
  reasons: string[];
  actions: string[];
  /** Keys in `blocking_items`: `lint:errors`, `reversibility:unfaithful`, `reversibility:inconclusive`. */
  items: string[];
  /** What ran and passed, or did not run: appended to the phase's reason. */
  notes: string[];
}

const LABEL = { lint: 'DDL lint', reversibility: 'upgrade → downgrade → upgrade' } as const;

export function migrationGate(phase: Phase, ev: MigrationEvidence | null | undefined): MigrationGate {
  const g: MigrationGate = { reasons: [], actions: [], items: [], notes: [] };
  const wanted = phase.migrationChecks ?? [];
  const notRun = wanted.filter((k) => !ev?.[k]);
  if (notRun.length) g.notes.push(`not run: ${notRun.map((k) => LABEL[k]).join(', ')}`);
  if (wanted.includes('lint') && ev?.lint) {
    const l = ev.lint;
    if (l.errors > 0) {
      g.reasons.push(`DDL lint: ${l.errors} error finding${l.errors === 1 ? '' : 's'} in ${l.files.join(', ')}`);
      g.actions.push('Fix the lint errors or sign destructive statements with CI:DESTRUCTIVE_OK: <reason>');
      g.items.push('lint:errors');
    } else g.notes.push(`DDL lint clean (${l.files.length} file${l.files.length === 1 ? '' : 's'}${l.waived ? `, ${l.waived} waived` : ''})`);
  }
  if (wanted.includes('reversibility') && ev?.reversibility) {
    const r = ev.reversibility;
    if (r.verdict === 'faithful') g.notes.push(`${r.up} / ${r.down} reversible`);
    else {
      g.reasons.push(r.verdict === 'unfaithful'
        ? `migration not reversible (${r.up} / ${r.down}): ${r.reasons.slice(0, 3).join('; ')}`
        : `reversibility inconclusive (could not run, so not passed): ${r.reasons.slice(0, 3).join('; ')}`);
      g.actions.push('Make the downgrade restore the base exactly (see the reversibility report)');
      g.items.push(`reversibility:${r.verdict}`);
    }
  }
  return g;
}
