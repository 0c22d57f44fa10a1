/**
 * Which phases a check covers. `--phase all` covers every phase; `--phase b2.2` covers b2.2,
 * its transitive prerequisites and its regression list (seed 000 §7: "validate all prior
 * phases before the current one"). Phases come back in dependency order (prerequisites first,
 * ties in overlay order) so decisions can be made in one pass.
 */
import { InputError } from '../errors';
import type { Phase, Spec } from '../spec/types';

export interface PhaseScope {
  /** Phases in scope, prerequisites before dependants. */
  phases: Phase[];
  /** The phase being gated when one was selected; null for `all`. */
  target: string | null;
}

/** Transitive prerequisites of a phase (unknown ids are skipped; the overlay validator reports them). */
export function transitivePrerequisites(spec: Spec, id: string): string[] {
  const byId = new Map(spec.phases.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const walk = (pid: string) => {
    for (const pre of byId.get(pid)?.prerequisites ?? []) {
      if (!seen.has(pre) && byId.has(pre)) {
        seen.add(pre);
        walk(pre);
      }
    }
  };
  walk(id);
  return spec.phases.map((p) => p.id).filter((p) => seen.has(p));
}

/** Regression list of a phase: explicit, else its transitive prerequisites. */
export function regressionOf(spec: Spec, phase: Phase): string[] {
  return phase.regression.length > 0 ? [...phase.regression] : transitivePrerequisites(spec, phase.id);
}

/** Overlay order, but every phase after its prerequisites (a cycle keeps overlay order). */
function dependencyOrder(phases: Phase[]): Phase[] {
  const ids = new Set(phases.map((p) => p.id));
  const done = new Set<string>();
  const out: Phase[] = [];
  let progressed = true;
  while (out.length < phases.length && progressed) {
    progressed = false;
    for (const p of phases) {
      if (done.has(p.id)) continue;
      if (p.prerequisites.every((pre) => !ids.has(pre) || done.has(pre))) {
        done.add(p.id);
        out.push(p);
        progressed = true;
      }
    }
  }
  for (const p of phases) if (!done.has(p.id)) out.push(p);
  return out;
}

/** Resolve a `--phase` selection (case-insensitive id or `all`); unknown ids are an input error. */
export function phaseScope(spec: Spec, selection: string): PhaseScope {
  const sel = selection.trim().toLowerCase();
  if (sel === 'all' || sel === '') return { phases: dependencyOrder(spec.phases), target: null };
  const target = spec.phases.find((p) => p.id === sel);
  if (!target) {
    const known = spec.phases.map((p) => p.id);
    throw new InputError(
      known.length === 0
        ? `unknown phase '${selection}': the overlay defines no phases (use --phase all)`
        : `unknown phase '${selection}'; known phases: ${known.join(', ')}, all`,
      { source: '--phase' },
    );
  }
  const ids = new Set([target.id, ...transitivePrerequisites(spec, target.id), ...regressionOf(spec, target)]);
  // Regression phases bring their own prerequisites: they are validated the same way.
  for (const id of [...ids]) for (const pre of transitivePrerequisites(spec, id)) ids.add(pre);
  return { phases: dependencyOrder(spec.phases.filter((p) => ids.has(p.id))), target: target.id };
}

/** `b0.3` → `B0.3`: how the seeds print phase ids. */
export function phaseLabel(id: string): string {
  return id.toUpperCase();
}
