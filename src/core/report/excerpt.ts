/**
 * Excerpts of two long values around where they differ, for table cells and annotations.
 *
 * Cutting both sides at a fixed length hides a difference at the end: a CHECK whose IN-list
 * ends in `'abandoned'` in one and `'ignored'` in the other prints two identical prefixes. Here
 * the common prefix and suffix are elided (`…`) to a little context on each side of the first
 * differing region, so what differs is always in view:
 *
 *   expected  …'resolved'::character varying)::text, ('abandoned'::character varying)::text])))
 *   actual    …'resolved'::character varying)::text, ('ignored'::character varying)::text])))
 *
 * Pure text work on whitespace-collapsed values (one line each); full values stay in the JSON.
 */

export interface ExcerptOptions {
  /** Characters of unchanged text kept on each side of the difference (default 32). */
  context?: number;
  /** Longest excerpt, `…` included (default 160). Values that both fit are returned whole. */
  max?: number;
}

export interface ExcerptPair {
  expected: string | null;
  actual: string | null;
}

const ELLIPSIS = '…';

/** Runs of whitespace to one space, trimmed: how both values are shown. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The two values cut to at most `max` characters each, keeping the first region where they
 * differ (plus `context` characters either side) visible in both. A null side stays null; when
 * only one side exists, or the values are equal, each is simply cut at `max`.
 */
export function diffExcerpts(expected: string | null, actual: string | null, opts: ExcerptOptions = {}): ExcerptPair {
  const context = Math.max(0, opts.context ?? 32);
  const max = Math.max(8, opts.max ?? 160);
  const a = expected === null ? null : [...oneLine(expected)];
  const b = actual === null ? null : [...oneLine(actual)];
  if (a === null || b === null || (a.length <= max && b.length <= max) || a.join('') === b.join('')) {
    return { expected: a && head(a, max), actual: b && head(b, max) };
  }
  // Common prefix p and common suffix s (not overlapping the prefix in either value).
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const start = snapStart(a, Math.max(0, p - context));
  return {
    expected: window(a, start, a.length - s, context, max),
    actual: window(b, start, b.length - s, context, max),
  };
}

/** `chars` from `start` to the end of the difference (`diffEnd`) plus context, within `max`. */
function window(chars: string[], start: number, diffEnd: number, context: number, max: number): string {
  const end = snapEnd(chars, Math.min(chars.length, diffEnd + context));
  const lead = start > 0 ? ELLIPSIS : '';
  const tail = end < chars.length ? ELLIPSIS : '';
  const body = chars.slice(start, end);
  // A difference longer than the room left: keep its beginning (where it starts is what matters).
  const room = max - lead.length - tail.length;
  if (body.length > room) return lead + body.slice(0, Math.max(1, max - lead.length - 1)).join('') + ELLIPSIS;
  return lead + body.join('') + tail;
}

function head(chars: string[], max: number): string {
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/** How far an excerpt edge may move outwards to land on a word boundary. */
const SNAP = 16;

/** Move an excerpt start back to just after a space (or the start), so it does not begin mid-word. */
function snapStart(chars: string[], start: number): number {
  for (let i = start; i >= Math.max(0, start - SNAP); i--) if (i === 0 || chars[i - 1] === ' ') return i;
  return start;
}

/** Move an excerpt end forward to just before a space (or the end). */
function snapEnd(chars: string[], end: number): number {
  for (let i = end; i <= Math.min(chars.length, end + SNAP); i++) if (i === chars.length || chars[i] === ' ') return i;
  return end;
}
