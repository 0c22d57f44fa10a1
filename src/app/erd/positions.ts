/**
 * Dragged table positions, persisted per schema in localStorage. The default key is derived from
 * the sorted table set, so a different schema never inherits another's positions.
 */
export type Positions = Record<string, { x: number; y: number }>;

/** FNV-1a 32-bit, hex: a short stable fingerprint of the table set. */
export function fingerprint(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [...ids].sort().join('\n')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const defaultStorageKey = (ids: readonly string[]): string => `skeldir.erd.positions.${fingerprint(ids)}`;

export function loadPositions(key: string, storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): Positions {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return {};
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== 'object') return {};
    const out: Positions = {};
    for (const [id, p] of Object.entries(v as Record<string, unknown>)) {
      const q = p as { x?: unknown; y?: unknown };
      if (typeof q?.x === 'number' && typeof q?.y === 'number' && Number.isFinite(q.x) && Number.isFinite(q.y)) out[id] = { x: q.x, y: q.y };
    }
    return out;
  } catch {
    return {}; // corrupt or blocked storage: start from the layout
  }
}

export function savePositions(key: string, p: Positions, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null): void {
  try {
    if (Object.keys(p).length) storage?.setItem(key, JSON.stringify(p));
    else storage?.removeItem(key);
  } catch {
    /* quota or privacy mode: positions simply are not kept */
  }
}
