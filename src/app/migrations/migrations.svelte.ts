/**
 * Migrations view state: the up/down pair (or one Alembic revision), the base it applies to,
 * lint findings (re-linted as you type) and the last upgrade → downgrade → upgrade result.
 */
import type { Finding } from '../../core/lint/types';
import type { LintResult } from '../../core/lint/engine';
import type { ReversibilityReport } from '../../core/reversibility/types';
import type { EditorMarker } from '../monaco/types';
import type { AppState } from '../state/app.svelte';

/** Seed 004 §6 / SCHEMA-DRIFT-002 on the canonical: the upgrade allows 'ignored'; try removing a line of the downgrade. */
export const EXAMPLE_UP = `-- example (seed 004 §6): dead_events may be marked 'ignored'
SET lock_timeout = '5s';
ALTER TABLE public.dead_events DROP CONSTRAINT ck_dead_events_remediation_status_valid;  -- CI:DESTRUCTIVE_OK: replaced by the wider CHECK below (ADR-019)
ALTER TABLE public.dead_events ADD CONSTRAINT ck_dead_events_remediation_status_valid
    CHECK (remediation_status IN ('pending', 'in_progress', 'resolved', 'abandoned', 'ignored')) NOT VALID;
ALTER TABLE public.dead_events VALIDATE CONSTRAINT ck_dead_events_remediation_status_valid;
`;
export const EXAMPLE_DOWN = `SET lock_timeout = '5s';
ALTER TABLE public.dead_events DROP CONSTRAINT ck_dead_events_remediation_status_valid;
ALTER TABLE public.dead_events ADD CONSTRAINT ck_dead_events_remediation_status_valid
    CHECK (remediation_status IN ('pending', 'in_progress', 'resolved', 'abandoned'));
`;

export type Mode = 'sql' | 'alembic';

export class MigrationsState {
  mode = $state<Mode>('sql');
  upName = $state('up.sql');
  upText = $state(EXAMPLE_UP);
  downName = $state('down.sql');
  downText = $state(EXAMPLE_DOWN);
  revisionName = $state('revision.py');
  revisionText = $state('');
  /** `canonical` or a dump key. */
  base = $state('canonical');

  lint = $state.raw<LintResult[]>([]);
  lintError = $state<string | null>(null);
  linting = $state(false);
  report = $state.raw<ReversibilityReport | null>(null);
  cycleError = $state<string | null>(null);
  running = $state(false);
  #lintRun = 0;

  constructor(private readonly app: AppState) {}

  files(): { name: string; text: string; role: 'up' | 'down' }[] {
    if (this.mode === 'alembic') return this.revisionText.trim() ? [{ name: this.revisionName, text: this.revisionText, role: 'up' }] : [];
    return [
      ...(this.upText.trim() ? [{ name: this.upName, text: this.upText, role: 'up' as const }] : []),
      ...(this.downText.trim() ? [{ name: this.downName, text: this.downText, role: 'down' as const }] : []),
    ];
  }

  findings(name: string): Finding[] {
    return this.lint.find((r) => r.file === name)?.findings ?? [];
  }

  /** Lint findings as editor markers (1-based already: the one place they meet Monaco). */
  markers(name: string): EditorMarker[] {
    return this.findings(name).map((f) => ({
      line: f.line, column: f.column, message: `${f.rule}: ${f.message}${f.waived !== undefined ? ` (waived: ${f.waived})` : ''}\n${f.help}`,
      severity: f.waived !== undefined ? 'info' : f.severity,
    }));
  }

  async runLint() {
    const id = ++this.#lintRun;
    const files = this.files();
    if (!files.length) { this.lint = []; return; }
    this.linting = true;
    const s = this.app.sources.spec;
    const r = await this.app.engine.lint(files, s ? { name: s.name, text: s.text } : null);
    if (id !== this.#lintRun) return;
    this.linting = false;
    this.lint = r.results;
    this.lintError = r.error ? r.error.message : null;
  }

  baseSource(): { name: string; text: string } | null {
    if (this.base === 'canonical') return { name: this.app.sources.canonical.name, text: this.app.sources.canonical.text };
    const d = this.app.sources.dumps.find((x) => x.key === this.base);
    return d ? { name: d.name, text: d.sql } : null;
  }

  async runCycle() {
    const base = this.baseSource();
    if (!base) { this.cycleError = 'Choose the schema the migration applies to.'; return; }
    // The canonical is empty until the saved session or the bundled defaults have loaded: a cycle
    // on it then reported UNFAITHFUL ("relation … does not exist") for a faithful pair.
    if (!base.text.trim()) { this.cycleError = `${base.name} has no SQL (yet): nothing to apply the migration to. Try again once it has loaded.`; return; }
    const up = this.mode === 'alembic' ? { name: this.revisionName, text: this.revisionText } : { name: this.upName, text: this.upText };
    const down = this.mode === 'alembic' ? up : { name: this.downName, text: this.downText };
    this.running = true;
    this.cycleError = null;
    const s = this.app.sources.spec;
    const r = await this.app.engine.reversibility({ base, up, down, spec: s ? { name: s.name, text: s.text } : null });
    this.running = false;
    this.report = r.report;
    this.cycleError = r.error ? `${r.error.location ? `${r.error.location.source}${r.error.location.line ? `:${r.error.location.line}:${r.error.location.column ?? 1}` : ''}: ` : ''}${r.error.message}` : null;
  }
}

/** One state per app (AppState.migrations), kept while the user visits other views. */
export function migrationsState(app: AppState): MigrationsState {
  return app.migrations;
}
