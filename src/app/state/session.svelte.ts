/**
 * The session: everything a reviewer would hate to lose (dumps, edits, drift decisions, view
 * state, console history) autosaved to IndexedDB, restored after a reload or a crash.
 */
import { idbClear, idbGet, idbSet } from '../lib/idb';
import type { DriftSnapshot } from './drift.svelte';
import type { SourcesSnapshot } from './sources.svelte';
import type { ThemeChoice } from './theme.svelte';

/** The IndexedDB key of the saved session (the engine looks for it before the UI mounts). */
export const SESSION_KEY = 'session-v1';
const KEY = SESSION_KEY;

export interface SessionSnapshot {
  sources: SourcesSnapshot;
  drift: DriftSnapshot;
  theme: ThemeChoice;
  history: string[];
  /** Last hash route, restored when the page opens without one. */
  hash: string;
  savedAt: string;
}

export class SessionStore {
  /** Last save error (shown quietly in the footer); null when saving works. */
  error = $state<string | null>(null);
  savedAt = $state<string | null>(null);

  async load(): Promise<SessionSnapshot | null> {
    try {
      const s = await idbGet<SessionSnapshot>(KEY);
      return s && s.sources && Array.isArray(s.sources.dumps) ? s : null;
    } catch (err) {
      this.error = (err as Error).message;
      return null;
    }
  }

  async save(snapshot: Omit<SessionSnapshot, 'savedAt'>): Promise<void> {
    const savedAt = new Date().toISOString();
    try {
      // $state.raw values are plain objects already; JSON round-trip strips any proxy.
      await idbSet(KEY, JSON.parse(JSON.stringify({ ...snapshot, savedAt })));
      this.savedAt = savedAt;
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  async clear(): Promise<void> {
    await idbClear();
  }
}
