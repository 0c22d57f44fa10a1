/**
 * Searching and filtering the dictionary, and pinning divergences to its elements.
 * Pure so the app's view state stays a thin wrapper and the behaviour is unit-tested.
 */
import type { Divergence } from '../report/types';
import type { Severity } from '../spec/types';
import type { DictColumn, DictTag, DictionaryEntry } from './types';

export interface DictionaryFilter {
  /** Free text, case-insensitive; every whitespace-separated word must match somewhere. */
  query: string;
  /** Only elements tagged with this invariant category; null for any. */
  invariant: string | null;
  /** Only elements whose tag has this severity; null for any. */
  severity: Severity | null;
}

export interface FilteredEntry {
  entry: DictionaryEntry;
  /** Columns to show: all when the table itself matched, otherwise only matching ones. */
  columns: DictColumn[];
  /** True when the table (name/comment/tag) matched, not only some of its columns. */
  wholeEntry: boolean;
}

function tagMatches(tag: DictTag | null, f: DictionaryFilter): boolean {
  if (f.invariant === null && f.severity === null) return true;
  if (!tag) return false;
  return (f.invariant === null || tag.invariant === f.invariant) && (f.severity === null || tag.severity === f.severity);
}

function tagText(tag: DictTag | null): string {
  return tag ? [tag.invariant ?? '', tag.severity, ...tag.phases, tag.rationale ?? ''].join(' ') : '';
}

function hay(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

function columnHay(c: DictColumn): string {
  return hay(c.name, c.type, c.comment, c.default, tagText(c.tag), c.allowed?.values.join(' '), c.allowed?.constraint, c.keys.join(' '));
}

/** Text that names the table itself: a match here shows the whole table. */
function headHay(e: DictionaryEntry): string {
  return hay(e.id, e.kind, e.comment, tagText(e.tag), tagText(e.rls?.tag ?? null));
}

/** Text of the table's other elements (constraints, indexes, policies, triggers). */
function elementsHay(e: DictionaryEntry): string {
  return hay(
    ...e.constraints.flatMap((c) => [c.name, c.definition, tagText(c.tag)]),
    ...e.indexes.flatMap((i) => [i.name, i.definition, tagText(i.tag)]),
    ...e.policies.flatMap((p) => [p.name, p.using, p.withCheck, tagText(p.tag)]),
    ...e.triggers.flatMap((t) => [t.name, t.function, tagText(t.tag)]),
  );
}

export function filterDictionary(entries: DictionaryEntry[], f: DictionaryFilter): FilteredEntry[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  const textOk = (s: string) => words.every((w) => s.includes(w));
  const tagged = f.invariant !== null || f.severity !== null;
  const out: FilteredEntry[] = [];
  for (const entry of entries) {
    const entryTags = [entry.tag, entry.rls?.tag ?? null, ...entry.constraints.map((c) => c.tag), ...entry.indexes.map((i) => i.tag),
      ...entry.policies.map((p) => p.tag), ...entry.triggers.map((t) => t.tag)];
    const entryTagOk = !tagged || entryTags.some((t) => tagMatches(t, f));
    const head = headHay(entry);
    // Words may span the table and a column ("dead_events remediation").
    const columns = entry.columns.filter((c) => tagMatches(c.tag, f) && textOk(`${head} ${columnHay(c)}`));
    if (!tagged && textOk(head)) out.push({ entry, columns: entry.columns, wholeEntry: true });
    else if (columns.length > 0 || (entryTagOk && textOk(`${head} ${elementsHay(entry)}`))) out.push({ entry, columns, wholeEntry: false });
  }
  return out;
}

/** Divergences keyed by the object they are about (`public.t`, `public.t.col`, `public.t.constraint`). */
export function divergencesByObject(divs: Divergence[]): Map<string, Divergence[]> {
  const m = new Map<string, Divergence[]>();
  for (const d of divs) {
    const list = m.get(d.object) ?? [];
    list.push(d);
    m.set(d.object, list);
  }
  return m;
}

/**
 * Divergences of a table that name no element the dictionary shows: things only the dump
 * has (`extra`, `privilege_extra`), shown as a note under the table.
 */
export function unplacedDivergences(entry: DictionaryEntry, divs: Divergence[]): Divergence[] {
  const known = new Set<string>([
    entry.id, ...entry.columns.map((c) => c.id), ...entry.constraints.map((c) => c.id), ...entry.indexes.map((i) => i.id),
    ...entry.policies.map((p) => p.id), ...entry.triggers.map((t) => t.id),
  ]);
  return divs.filter((d) => (d.table === entry.id || d.object.startsWith(`${entry.id}:`)) && !known.has(d.object));
}

/**
 * Which entry a selected object id belongs to: the longest entry id that is the object or
 * a dotted/colon prefix of it (`public.dead_events.remediation_status` → `public.dead_events`).
 */
export function entryForObject(entries: DictionaryEntry[], object: string): DictionaryEntry | null {
  let best: DictionaryEntry | null = null;
  for (const e of entries) {
    if (object === e.id || object.startsWith(`${e.id}.`) || object.startsWith(`${e.id}:`)) {
      if (!best || e.id.length > best.id.length) best = e;
    }
  }
  return best;
}
