/**
 * Telling dumps apart: two files both named `dump.sql` get distinct labels (a `#n` suffix in
 * load order), and every dump describes where it came from and when.
 */
export interface DumpLike {
  key: string;
  name: string;
  origin: 'sample' | 'file' | 'paste' | 'link';
  loadedAt?: string;
}

const ORIGIN: Record<DumpLike['origin'], string> = { sample: 'bundled sample', file: 'opened file', paste: 'pasted text', link: 'from a share link' };

/** Label per dump key: the name, plus ` #2`, ` #3` … for the second and later dumps sharing it. */
export function dumpLabels(dumps: readonly DumpLike[]): Record<string, string> {
  const seen = new Map<string, number>();
  const out: Record<string, string> = {};
  for (const d of dumps) {
    const n = (seen.get(d.name) ?? 0) + 1;
    seen.set(d.name, n);
    out[d.key] = n === 1 ? d.name : `${d.name} #${n}`;
  }
  return out;
}

/** `opened file · loaded 14:02:11` (time in the reader's locale and zone). */
export function dumpProvenance(d: DumpLike, locale?: string): string {
  const when = d.loadedAt ? new Date(d.loadedAt) : null;
  const at = when && !Number.isNaN(when.getTime())
    ? ` · loaded ${when.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' })}`
    : '';
  return `${ORIGIN[d.origin] ?? d.origin}${at}`;
}
