/**
 * The drift registry: gives every drift a stable `SCHEMA-DRIFT-###` id (seed 004 §3.2).
 *
 * The key is the divergence id (`${kind}:${object_type}:${object}`, report/types.ts), i.e. the
 * object identity plus the kind of drift, so the same drift found again — after a reload, in
 * another dump, in a newer dump — keeps its number. A drift never seen before gets the next
 * free number. Numbers are never reused, even when a drift disappears, so a number written
 * into a ticket or an ADR keeps meaning one thing.
 *
 * Pure data: the app persists it with the session; nothing here touches storage.
 */

export interface DriftRegistry {
  /** Format version of this object, for future migrations of stored sessions. */
  version: 1;
  /** The number the next new drift gets (1-based). */
  next: number;
  /** Divergence id → drift number, e.g. `missing:index:public.t.idx_a` → 1. */
  ids: Record<string, number>;
}

export function emptyRegistry(): DriftRegistry {
  return { version: 1, next: 1, ids: {} };
}

/** `SCHEMA-DRIFT-007`; numbers past 999 simply grow (`SCHEMA-DRIFT-1000`). */
export function formatDriftId(n: number): string {
  return `SCHEMA-DRIFT-${String(n).padStart(3, '0')}`;
}

/**
 * Registers divergence ids, returning a new registry (the input is not changed).
 * Ids already known keep their number. New ids are numbered in sorted order so that the
 * same set of new drifts always gets the same numbers, whatever order the report listed them.
 */
export function registerDrifts(registry: DriftRegistry, divergenceIds: Iterable<string>): DriftRegistry {
  const fresh = [...new Set(divergenceIds)].filter((id) => !(id in registry.ids)).sort();
  if (fresh.length === 0) return registry;
  const ids = { ...registry.ids };
  let next = registry.next;
  for (const id of fresh) ids[id] = next++;
  return { version: 1, next, ids };
}

/**
 * The numbers to show for the drifts found now, without handing any out for good.
 *
 * `registry` holds the numbers already given (the team's, schema/drift_registry.json, and those
 * pinned by a decision or an export); every other drift is numbered after them in sorted order,
 * so the numbers depend only on *which* dumps are loaded, never on the order they were opened
 * or their checks finished. Drifts seen only in `broken` dumps (a load with failed statements,
 * whose "missing" objects may be mere side effects) are numbered after all the clean ones, so a
 * broken load never shifts a clean drift's number; nothing is kept until `pinDrifts`.
 */
export function provisionalRegistry(registry: DriftRegistry, clean: Iterable<string>, broken: Iterable<string> = []): DriftRegistry {
  return registerDrifts(registerDrifts(registry, clean), broken);
}

/**
 * Keeps numbers for good (a decision was recorded, the table was exported): every clean drift
 * shown now keeps the number it showed, then `also` (e.g. the decided drift of a broken load).
 */
export function pinDrifts(registry: DriftRegistry, clean: Iterable<string>, also: Iterable<string> = []): DriftRegistry {
  return registerDrifts(registerDrifts(registry, clean), also);
}

/** The `SCHEMA-DRIFT-###` id of a registered divergence, or null when it was never registered. */
export function driftIdOf(registry: DriftRegistry, divergenceId: string): string | null {
  const n = registry.ids[divergenceId];
  return n === undefined ? null : formatDriftId(n);
}

/**
 * Checks a registry read back from storage (IndexedDB, an imported file) and repairs what can
 * be repaired: `next` is raised above every used number so no id can be handed out twice.
 * Returns null for something that is not a registry at all.
 */
export function reviveRegistry(value: unknown): DriftRegistry | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<DriftRegistry>;
  if (v.version !== 1 || !v.ids || typeof v.ids !== 'object') return null;
  const ids: Record<string, number> = {};
  let max = 0;
  for (const [k, n] of Object.entries(v.ids)) {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) {
      ids[k] = n;
      max = Math.max(max, n);
    }
  }
  const next = typeof v.next === 'number' && Number.isInteger(v.next) ? Math.max(v.next, max + 1) : max + 1;
  return { version: 1, next, ids };
}

/** Splits a divergence id back into kind, object type and object (the object may contain `:`). */
export function parseDivergenceId(id: string): { kind: string; objectType: string; object: string } {
  const a = id.indexOf(':');
  const b = a < 0 ? -1 : id.indexOf(':', a + 1);
  if (a < 0 || b < 0) return { kind: id, objectType: '', object: '' };
  return { kind: id.slice(0, a), objectType: id.slice(a + 1, b), object: id.slice(b + 1) };
}

/**
 * Divergence ids of the reports checked now, split as `provisionalRegistry` numbers them:
 * `clean` loads (every statement ran) and `broken` ones (failed statements).
 */
export function driftIdsOfReports(reports: Iterable<{ load: { dump: { errors: readonly unknown[] } }; divergences: readonly { id: string }[] }>): { clean: string[]; broken: string[] } {
  const clean: string[] = [];
  const broken: string[] = [];
  for (const r of reports) (r.load.dump.errors.length ? broken : clean).push(...r.divergences.map((d) => d.id));
  return { clean, broken };
}
