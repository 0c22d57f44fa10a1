/**
 * The app's state, one class per concern, reachable through a typed context.
 */
import { getContext, setContext } from 'svelte';
import type { Divergence } from '../../core/report/types';
import { applyDriftDecisions } from '../../core/drift/apply';
import { parseDecisionsFile, type DecisionsFile } from '../../core/drift/decisions-file';
import { InputError } from '../../core/errors';
import { driftIdOf, driftIdsOfReports, provisionalRegistry, type DriftRegistry } from '../../core/drift/registry';
import type { DriftDecision } from '../../core/drift/table';
import { defaultSpec } from '../../core/spec/defaults';
import { dumpLabels } from '../shell/dump-label';
import { DriftState } from './drift.svelte';
import { Engine, type DumpOutcome } from './engine.svelte';
import { checkInputs, freshness, type Freshness } from './freshness';
import { Router } from './router.svelte';
import { SessionStore } from './session.svelte';
import { Sources } from './sources.svelte';
import { Theme } from './theme.svelte';
import { TourState } from './tour.svelte';
import { FixState } from '../migration/fix.svelte';
import { MigrationsState } from '../migrations/migrations.svelte';
import { migrationEvidence, type MigrationEvidence } from '../../core/gates/migrations';
import { lintSummary } from '../../core/lint/summary';
import { ShareState } from '../share/share.svelte';

export class AppState {
  sources = new Sources();
  engine = new Engine();
  router = new Router();
  drift = new DriftState();
  theme = new Theme();
  session = new SessionStore();
  tour = new TourState();
  /** Share links: making and opening them (src/app/share). */
  share = new ShareState();
  /** Corrective migrations per dump (src/app/migration). */
  fix = new FixState(this.engine);
  /** The Migrations view's up/down pair, its lint findings and last up → down → up (src/app/migrations). */
  migrations = new MigrationsState(this);
  /**
   * The Migrations view's DDL lint and reversibility results as gate evidence, as the CLI's
   * --lint-report / --reversibility-report give it: phases with `migration_checks` are decided
   * with it (null until either has run; a lint that could not run is no evidence).
   */
  migrationEvidence = $derived<MigrationEvidence | null>(migrationEvidence(
    this.migrations.lint.length && !this.migrations.lintError
      ? { files: this.migrations.lint.map((r) => ({ file: r.file })), summary: lintSummary(this.migrations.lint.flatMap((r) => r.findings)) } : null,
    this.migrations.report,
  ));
  /** SQL console history, newest first. */
  history = $state.raw<string[]>([]);
  /** Restored session or defaults are in place (the first check can start). */
  ready = $state(false);

  /**
   * Divergence ids of the dumps checked now: `clean` loads (every statement ran) and `broken`
   * ones (failed statements). A dump whose check failed has no report and adds none.
   */
  driftIds = $derived(driftIdsOfReports(Object.values(this.engine.outcomes).flatMap((o) => (o.report && o.status !== 'error' ? [o.report] : []))));
  /** SCHEMA-DRIFT numbers as shown: pinned ones plus provisional ones independent of load order (core/drift/registry). */
  driftRegistry = $derived<DriftRegistry>(provisionalRegistry(this.drift.registry, this.driftIds.clean, this.driftIds.broken));
  driftIdOf = (divergenceId: string): string | null => driftIdOf(this.driftRegistry, divergenceId);

  /**
   * Every dump's outcome with the reviewer's drift decisions applied: a drift accepted with an
   * ADR or resolved no longer gates, in every view and every export (core/drift/apply.ts); the
   * Migrations view's lint / reversibility results feed the gates that ask for them.
   */
  outcomes = $derived.by<Record<string, DumpOutcome>>(() => {
    const spec = this.engine.spec ?? defaultSpec();
    const decisions = this.drift.decisions;
    const out: Record<string, DumpOutcome> = {};
    for (const [k, o] of Object.entries(this.engine.outcomes)) {
      out[k] = o.report ? { ...o, report: applyDriftDecisions(o.report, spec, decisions, this.driftIdOf, this.migrationEvidence) } : o;
    }
    return out;
  });

  /** The outcome of the dump selected in the page (the verdict the views show). */
  current = $derived<DumpOutcome | null>(
    (this.sources.active && this.outcomes[this.sources.active.key]) || null,
  );
  /**
   * Whether the current outcome's report is of the inputs on screen now (state/freshness.ts).
   * The one place that decides it: the shell marks every view's result "stale — re-checking…"
   * with what changed until the new result arrives (shell/StaleNote.svelte).
   */
  freshness = $derived.by<Freshness>(() => {
    const dump = this.sources.active;
    const o = dump ? this.engine.outcomes[dump.key] : null;
    return freshness(o, dump ? this.engine.reportInputs[dump.key] : null, dump ? checkInputs(this.sources, dump.sql, this.engine.settings) : null);
  });
  divergences = $derived<Divergence[]>(this.current?.report?.divergences ?? []);
  /** Dump key → label that tells same-named dumps apart (`dump.sql #2`). */
  labels = $derived<Record<string, string>>(dumpLabels(this.sources.dumps));
  labelOf(key: string | null | undefined): string {
    return (key && this.labels[key]) || '';
  }

  /** Records a drift decision; the numbers shown now are kept for good (a decision may be cited). */
  decide(divergenceId: string, patch: Partial<DriftDecision>) {
    this.drift.pin(this.driftIds.clean, [divergenceId]);
    this.drift.decide(divergenceId, patch);
  }

  /**
   * A decisions file opened (Drift view's "Open decisions…", or dropped / opened as a dump): its
   * numbers first (decisions cite them), then the numbers shown now are kept, as a decision made
   * here would keep them. Nothing is taken from a file with a problem; the message names
   * file:line:column. Says what was opened and the numbers that clash.
   */
  openDecisions(name: string, text: string): { text: string; error: boolean } {
    let file: DecisionsFile;
    try {
      file = parseDecisionsFile(text, name);
    } catch (err) {
      return { text: err instanceof InputError ? `${err.toString()} — no decision was taken from it.` : String(err), error: true };
    }
    const conflicts = this.drift.adopt(file);
    this.drift.pin(this.driftIds.clean, Object.keys(file.decisions));
    const n = Object.keys(file.decisions).length;
    return { text: `Opened ${n} decision${n === 1 ? '' : 's'} from ${name}.${conflicts.length ? ` Numbered differently here: ${conflicts.join('; ')}.` : ''}`, error: false };
  }

  /** An export writes the numbers into a file: keep them. */
  pinShownDrifts() {
    this.drift.pin(this.driftIds.clean, this.driftIds.broken);
  }

  remember(sql: string) {
    this.history = [sql, ...this.history.filter((h) => h !== sql)].slice(0, 50);
  }
}

const KEY = Symbol('app');
export const setApp = (app: AppState) => setContext(KEY, app);
export const getApp = () => getContext<AppState>(KEY);
