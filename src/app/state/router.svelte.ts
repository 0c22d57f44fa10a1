/**
 * Hash routes with deep links: `#/compliance/public.tenants.api_key_hash` is the compliance
 * view with that object selected. Hash routing works from any static server and sub-path.
 */
import { DEFAULT_ROUTE, ROUTES } from '../shell/routes';

/** Route ids, from the one route list (shell/routes.ts). */
export const VIEWS: readonly string[] = ROUTES.map((r) => r.id);
export type View = string;

export const VIEW_LABELS: Record<View, string> = Object.fromEntries(ROUTES.map((r) => [r.id, r.label]));

export function parseHash(hash: string): { view: View; selected: string | null } {
  const m = /^#\/([^/]*)(?:\/(.*))?$/.exec(hash);
  const view = VIEWS.includes(m?.[1] ?? '') ? (m![1] as View) : DEFAULT_ROUTE;
  let selected: string | null = null;
  if (m?.[2]) {
    try { selected = decodeURIComponent(m[2]); } catch { selected = m[2]; }
  }
  return { view, selected };
}

export function formatHash(view: View, selected: string | null): string {
  // `.` and `/` stay readable (`#/docs/rls/own_rows_visible`): parseHash takes the rest of the hash as the selection.
  return `#/${view}${selected ? `/${encodeURIComponent(selected).replace(/%2E/gi, '.').replace(/%2F/gi, '/')}` : ''}`;
}

export class Router {
  view = $state<View>(DEFAULT_ROUTE);
  selected = $state<string | null>(null);
  /** The route before the last in-app navigation (for "Back to …" links); null on a fresh page. */
  previous = $state.raw<{ view: View; selected: string | null } | null>(null);

  constructor() {
    this.#read();
    window.addEventListener('hashchange', (e) => {
      const old = new URL(e.oldURL).hash;
      this.previous = old && old !== '#' ? parseHash(old) : null;
      this.#read();
    });
  }

  #read() {
    const { view, selected } = parseHash(location.hash);
    this.view = view;
    this.selected = selected;
  }

  go(view: View, selected: string | null = null) {
    const hash = formatHash(view, selected);
    if (location.hash !== hash) location.hash = hash;
    else this.#read();
  }

  /** Shows `view` with `selected`, replacing the history entry (e.g. a share link's fragment). */
  replace(view: View, selected: string | null) {
    const { view: v, selected: s } = parseHash(formatHash(view, selected));
    history.replaceState(null, '', formatHash(v, s));
    this.view = v;
    this.selected = s;
  }

  /** Changes the selection in the current view, replacing the history entry. */
  select(selected: string | null) {
    history.replaceState(null, '', formatHash(this.view, selected));
    this.selected = selected;
  }
}
