/**
 * Layouts of groups, cached by a hash of their ELK input (module-level, so closing and re-opening
 * the diagram, toggling focus mode or switching overlay back re-uses every group that did not
 * change). Pure apart from the one Map; bounded, least-recently-used first out.
 */
import type { Part } from './pack';

/** Two FNV-1a 32-bit hashes (different offsets) plus the length: a 64-bit-ish key for ELK inputs. */
export function hashText(text: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return `${a.toString(16)}${b.toString(16)}:${text.length}`;
}

export class PartCache {
  #map = new Map<string, Promise<Part>>();
  constructor(readonly max = 400) {}

  get(key: string): Promise<Part> | undefined {
    const hit = this.#map.get(key);
    if (hit) { this.#map.delete(key); this.#map.set(key, hit); }
    return hit;
  }

  set(key: string, p: Promise<Part>): void {
    this.#map.set(key, p);
    p.catch(() => { if (this.#map.get(key) === p) this.#map.delete(key); });
    while (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
  }

  get size(): number { return this.#map.size; }
}

/** Shared by every diagram on the page. */
export const partCache = new PartCache();

/**
 * Group layouts also persist in localStorage (a few hundred KB for 1,000 tables), so reloading
 * the app on the same schema skips ELK entirely. Bounded to MAX_STORED groups, oldest out; a
 * corrupt or foreign entry is ignored; quota or privacy-mode errors just mean no persistence.
 */
export const STORE_PREFIX = 'skeldir.erd.layout.';
export const MAX_STORED = 48;
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const defaultStore = (): Store | null => { try { return globalThis.localStorage ?? null; } catch { return null; } };

function isPart(v: unknown): v is Part {
  const p = v as Part;
  return !!p && typeof p === 'object' && typeof p.width === 'number' && typeof p.height === 'number'
    && !!p.boxes && typeof p.boxes === 'object' && !!p.routes && typeof p.routes === 'object'
    && Object.values(p.boxes).every((b) => b && typeof b.x === 'number' && typeof b.y === 'number' && typeof b.width === 'number' && typeof b.height === 'number');
}

export function loadStoredPart(key: string, store: Store | null = defaultStore()): Part | null {
  try {
    const raw = store?.getItem(STORE_PREFIX + key);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    return isPart(v) ? v : null;
  } catch {
    return null;
  }
}

export function storePart(key: string, part: Part, store: Store | null = defaultStore()): void {
  if (!store) return;
  try {
    const indexKey = `${STORE_PREFIX}index`;
    let index: string[] = [];
    try { const v: unknown = JSON.parse(store.getItem(indexKey) ?? '[]'); if (Array.isArray(v)) index = v.filter((x): x is string => typeof x === 'string'); } catch { /* rebuilt */ }
    index = index.filter((k) => k !== key);
    index.push(key);
    while (index.length > MAX_STORED) store.removeItem(STORE_PREFIX + index.shift()!);
    store.setItem(STORE_PREFIX + key, JSON.stringify(part));
    store.setItem(indexKey, JSON.stringify(index));
  } catch {
    /* quota exceeded or storage blocked: the in-memory cache still works */
  }
}
