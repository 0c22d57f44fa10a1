/**
 * The app's state, one class per concern, reachable through a typed context.
 */
import { getContext, setContext } from 'svelte';
import type { Divergence } from '../../core/report/types';
import { dumpLabels } from '../shell/dump-label';
import { DriftState } from './drift.svelte';
import { Engine, type DumpOutcome } from './engine.svelte';
import { Router } from './router.svelte';
import { SessionStore } from './session.svelte';
import { Sources } from './sources.svelte';
import { Theme } from './theme.svelte';
import { TourState } from './tour.svelte';

export class AppState {
  sources = new Sources();
  engine = new Engine();
  router = new Router();
  drift = new DriftState();
  theme = new Theme();
  session = new SessionStore();
  tour = new TourState();
  /** SQL console history, newest first. */
  history = $state.raw<string[]>([]);
  /** Restored session or defaults are in place (the first check can start). */
  ready = $state(false);

  /** The outcome of the dump selected in the page (the verdict the views show). */
  current = $derived<DumpOutcome | null>(
    (this.sources.active && this.engine.outcomes[this.sources.active.key]) || null,
  );
  divergences = $derived<Divergence[]>(this.current?.report?.divergences ?? []);
  /** Dump key → label that tells same-named dumps apart (`dump.sql #2`). */
  labels = $derived<Record<string, string>>(dumpLabels(this.sources.dumps));
  labelOf(key: string | null | undefined): string {
    return (key && this.labels[key]) || '';
  }

  remember(sql: string) {
    this.history = [sql, ...this.history.filter((h) => h !== sql)].slice(0, 50);
  }
}

const KEY = Symbol('app');
export const setApp = (app: AppState) => setContext(KEY, app);
export const getApp = () => getContext<AppState>(KEY);
