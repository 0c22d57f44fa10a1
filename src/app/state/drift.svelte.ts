/**
 * The drift registry and the reviewer's decisions, kept with the session so SCHEMA-DRIFT ids
 * and decisions survive reloads and new dumps. The registry holds only numbers handed out for
 * good (the team's, and those pinned by a decision or an export); the numbers shown for other
 * drifts are provisional (AppState.driftRegistry), so they never depend on load order.
 */
import { adoptDriftIds, type DecisionsFile } from '../../core/drift/decisions-file';
import { emptyRegistry, pinDrifts, reviveRegistry, type DriftRegistry } from '../../core/drift/registry';
import { emptyDecision, type DriftDecision, type DriftDecisions } from '../../core/drift/table';
import known from '../../../schema/drift_registry.json';

/** The team's registry (schema/drift_registry.json): known drifts keep their seed-004 numbers. */
const initialRegistry = (): DriftRegistry => reviveRegistry(known) ?? emptyRegistry();

export interface DriftSnapshot {
  registry: DriftRegistry;
  decisions: DriftDecisions;
}

export class DriftState {
  registry = $state.raw<DriftRegistry>(initialRegistry());
  decisions = $state.raw<DriftDecisions>({});

  /** Keeps the numbers of `clean` drifts, then `also`, for good (no-op for known ones). See core/drift/registry. */
  pin(clean: Iterable<string>, also: Iterable<string> = []) {
    const next = pinDrifts(this.registry, clean, also);
    if (next !== this.registry) this.registry = next;
  }

  decide(divergenceId: string, patch: Partial<DriftDecision>) {
    const prev = this.decisions[divergenceId] ?? emptyDecision();
    this.decisions = { ...this.decisions, [divergenceId]: { ...prev, ...patch } };
  }

  /**
   * Takes in a decisions file (Drift view "Open decisions"): its SCHEMA-DRIFT numbers where they
   * are free here, its decisions over the ones recorded for the same drifts. Returns the clashes.
   */
  adopt(file: DecisionsFile): string[] {
    const { registry, conflicts } = adoptDriftIds(this.registry, file.driftIds);
    this.registry = registry;
    this.decisions = { ...this.decisions, ...file.decisions };
    return conflicts;
  }

  snapshot(): DriftSnapshot {
    return { registry: this.registry, decisions: this.decisions };
  }

  restore(s: Partial<DriftSnapshot> | undefined) {
    this.registry = reviveRegistry(s?.registry) ?? initialRegistry();
    this.decisions = s?.decisions && typeof s.decisions === 'object' ? s.decisions : {};
  }
}
