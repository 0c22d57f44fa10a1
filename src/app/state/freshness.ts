/**
 * Is the result a view shows the result of the inputs on screen now? A dump's report is
 * computed from its inputs (canonical, overlay, seeds, phase, engine settings, the dump's SQL);
 * when any of them changes, the report still in memory is the previous one until the new check
 * answers. Freshness is derived by comparing the inputs the report was computed from with the
 * current ones — not from the run's status alone — so it is right from the moment of the edit,
 * before the debounced re-check even starts, and after a run that ended without a new result.
 */
import type { NamedText } from './sources.svelte';

/** What a dump's result is computed from; a change in any of these re-checks the dump. */
export interface CheckInputs {
  canonical: NamedText;
  overlay: string | null;
  seeds: string | null;
  phase: string;
  withData: boolean;
  /** The statement budget (seconds, 0 = none): a statement it stops changes what loaded. Null: not known (older records). */
  budget: number | null;
  dump: string;
}

export type InputKind = keyof CheckInputs;

/** How each input is named to the user ("… changed since this result"). */
export const INPUT_LABELS: Record<InputKind, string> = {
  canonical: 'the canonical schema',
  overlay: 'the YAML overlay',
  seeds: 'the seed overrides',
  phase: 'the phase',
  withData: 'the engine settings (COPY data)',
  budget: 'the statement budget',
  dump: 'the dump',
};

export function checkInputs(
  s: { canonical: NamedText; spec: NamedText | null; seeds: NamedText | null; phase: string },
  dumpSql: string,
  settings: { withData: boolean; budgetSeconds?: number },
): CheckInputs {
  return {
    canonical: { name: s.canonical.name, text: s.canonical.text },
    overlay: s.spec?.text ?? null,
    seeds: s.seeds?.text ?? null,
    phase: s.phase,
    withData: settings.withData,
    budget: settings.budgetSeconds ?? null,
    dump: dumpSql,
  };
}

/** The inputs that differ, in a fixed order. Unknown `was` (no record of the report's inputs): none. */
export function changedInputs(was: CheckInputs | null | undefined, now: CheckInputs): InputKind[] {
  if (!was) return [];
  const out: InputKind[] = [];
  if (was.canonical.name !== now.canonical.name || was.canonical.text !== now.canonical.text) out.push('canonical');
  for (const k of ['overlay', 'seeds', 'phase', 'withData', 'budget', 'dump'] as const) if ((was[k] ?? null) !== (now[k] ?? null)) out.push(k);
  return out;
}

export const sameInputs = (a: CheckInputs | null | undefined, b: CheckInputs): boolean => !!a && changedInputs(a, b).length === 0;

/**
 * `current`: the report is of the inputs on screen. `rechecking`: it is the previous one and a
 * new check is queued, running or about to start (the edit is debounced). `stale`: it is the
 * previous one and no new result is coming (the run failed, was cancelled or stopped). `none`:
 * there is no report to show.
 */
export type Freshness =
  | { state: 'current' | 'none' }
  /** No report, and none is coming: the check was stopped (cancelled, or the page went away). */
  | { state: 'unchecked' }
  | { state: 'rechecking'; changed: InputKind[]; kept?: string }
  | { state: 'stale'; changed: InputKind[]; why: 'failed' | 'stopped' };

export function freshness(
  outcome: { status: string; report: unknown; cachedAt?: string | null } | null | undefined,
  reportInputs: CheckInputs | null | undefined,
  now: CheckInputs | null,
): Freshness {
  if (outcome?.status === 'interrupted' && !outcome.report) return { state: 'unchecked' };
  if (!outcome?.report || !now) return { state: 'none' };
  const changed = changedInputs(reportInputs, now);
  switch (outcome.status) {
    case 'done':
      return changed.length ? { state: 'rechecking', changed } : { state: 'current' };
    case 'queued':
    case 'running':
      // `kept`: a result an earlier visit computed for identical inputs (warm revisit, lib/verdict-cache.ts).
      return outcome.cachedAt ? { state: 'rechecking', changed, kept: outcome.cachedAt } : { state: 'rechecking', changed };
    case 'stale':
      return { state: 'stale', changed, why: 'failed' };
    case 'interrupted':
      return { state: 'stale', changed, why: 'stopped' };
    default:
      // An `error` outcome of this dump carries no report; anything else is not shown as current.
      return { state: 'stale', changed, why: 'failed' };
  }
}

/** "the canonical schema and the YAML overlay changed" (empty when nothing is known to have changed). */
export function changedText(changed: readonly InputKind[]): string {
  const names = changed.map((k) => INPUT_LABELS[k]);
  if (!names.length) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} changed`;
}

/** The marker every view shows above a result that is not current (null: nothing to mark). */
export function staleText(f: Freshness): string | null {
  if (f.state === 'unchecked') return 'Not checked — the check was stopped before its verdict, so nothing here has passed (inconclusive). Run it again from the notice above.';
  if (f.state === 'rechecking' && f.kept && !f.changed.length) {
    return `Kept result — re-checking… These are the results of ${new Date(f.kept).toLocaleString()} for identical inputs, shown until this page's own check replaces them.`;
  }
  if (f.state === 'rechecking') {
    const what = changedText(f.changed);
    return `Stale — re-checking… ${what ? `${what[0].toUpperCase()}${what.slice(1)} since this result; ` : 'The last check did not finish; '}`
      + 'the results below are from the previous check until the new one arrives.';
  }
  if (f.state === 'stale') {
    const what = changedText(f.changed);
    const since = what ? ` (${what} since)` : '';
    return f.why === 'stopped'
      ? `Stale — the check was stopped before it finished; the results below are from the previous check${since}.`
      : `Stale — the current inputs could not be checked (see the error above); the results below are from the last check that ran${since}.`;
  }
  return null;
}
