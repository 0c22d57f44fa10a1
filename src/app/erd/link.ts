/**
 * Share links (pure). Format: `#/erd/<table id>?focus=<hops>`, e.g. `#/erd/public.tenants?focus=2`
 * focuses public.tenants and its neighbours two FK hops away; `#/erd/public.tenants` only selects
 * it; `#/erd/public.tenants.id` selects a column; `#/erd` is the whole diagram. Ids are
 * URI-encoded, so quoted identifiers with spaces or `?` survive.
 */
export interface ErdLink {
  /** Table or column id to select, null for none. */
  selected: string | null;
  /** Focus-mode hops (1–5); null when not in focus mode. */
  focus: number | null;
}

export const MAX_FOCUS = 5;

/** Parse a hash (with or without the leading `#`) or the part after `#/erd`. */
export function parseErdHash(hash: string): ErdLink {
  let h = hash.replace(/^#/, '');
  if (h.startsWith('/erd')) h = h.slice(4);
  h = h.replace(/^\//, '');
  const [path, query = ''] = h.split('?', 2);
  let selected: string | null = null;
  try {
    selected = path ? decodeURIComponent(path) : null;
  } catch {
    selected = path || null;
  }
  const f = new URLSearchParams(query).get('focus');
  const n = f === null ? NaN : Number.parseInt(f, 10);
  const focus = selected && Number.isFinite(n) && n >= 0 ? Math.min(MAX_FOCUS, n) : null;
  return { selected, focus };
}

/** Build the hash for a link (always starts `#/erd`). */
export function erdHash(link: ErdLink): string {
  if (!link.selected) return '#/erd';
  const path = `#/erd/${encodeURIComponent(link.selected).replace(/%2E/gi, '.')}`;
  return link.focus === null ? path : `${path}?focus=${link.focus}`;
}
