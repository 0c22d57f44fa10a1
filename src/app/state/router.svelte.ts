/**
 * Hash routes with deep links: `#/compliance/public.tenants.api_key_hash` is the compliance
 * view with that object selected. Hash routing works from any static server and sub-path.
 */
export const VIEWS = ['sources', 'compliance', 'dictionary', 'gates', 'rls', 'drift', 'erd', 'sql', 'migrations'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  sources: 'Sources', compliance: 'Compliance', dictionary: 'Dictionary', gates: 'Gates', rls: 'RLS', drift: 'Drift', erd: 'ERD', sql: 'SQL console', migrations: 'Migrations',
};

export function parseHash(hash: string): { view: View; selected: string | null } {
  const m = /^#\/([^/]*)(?:\/(.*))?$/.exec(hash);
  const view = (VIEWS as readonly string[]).includes(m?.[1] ?? '') ? (m![1] as View) : 'compliance';
  let selected: string | null = null;
  if (m?.[2]) {
    try { selected = decodeURIComponent(m[2]); } catch { selected = m[2]; }
  }
  return { view, selected };
}

export function formatHash(view: View, selected: string | null): string {
  return `#/${view}${selected ? `/${encodeURIComponent(selected).replace(/%2E/gi, '.')}` : ''}`;
}

export class Router {
  view = $state<View>('compliance');
  selected = $state<string | null>(null);

  constructor() {
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
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

  /** Changes the selection in the current view, replacing the history entry. */
  select(selected: string | null) {
    history.replaceState(null, '', formatHash(this.view, selected));
    this.selected = selected;
  }
}
