/**
 * The drift decisions as a file: what the Drift view's "Download decisions" writes and what
 * `skeldir-schema check --decisions FILE` (and the view's "Open decisions") reads, so CI reaches
 * the same verdict, exit code and report as the browser (applyDriftDecisions, apply.ts).
 *
 * YAML (JSON is read too: it is YAML). Each entry names its drift by divergence id — the stable
 * key (`kind:object_type:object`, report/types.ts) — and carries the SCHEMA-DRIFT number it had
 * where it was decided, because a waiver's reason cites that number:
 *
 *   kind: skeldir-drift-decisions
 *   version: 1
 *   decisions:
 *     - drift: SCHEMA-DRIFT-003
 *       divergence: type_mismatch:column:public.attribution_allocations.channel
 *       status: accepted            # open | resolved | accepted
 *       adr: ADR-004                # accepted needs it
 *       resolution: Keep channel_code with FK to channel_taxonomy
 *       notes: ''
 *
 * Every problem is an InputError at file:line:column; unknown keys are refused (a misspelt
 * `adr` must not silently leave a drift blocking).
 */
import { dump } from 'js-yaml';
import { InputError } from '../errors';
import { loadLocatedYaml, type YamlPath } from '../yaml/located';
import { driftIdOf, formatDriftId, type DriftRegistry } from './registry';
import { DRIFT_STATUSES, type DriftDecision, type DriftDecisions, type DriftStatus } from './table';

export const DECISIONS_KIND = 'skeldir-drift-decisions';

export interface DecisionsFile {
  decisions: DriftDecisions;
  /** Divergence id → the SCHEMA-DRIFT number the file gives it (absent when the entry has none). */
  driftIds: Record<string, string>;
}

const ENTRY_KEYS = ['drift', 'divergence', 'status', 'adr', 'resolution', 'notes'] as const;
const DRIFT_ID = /^SCHEMA-DRIFT-(\d+)$/;

const blank = (d: DriftDecision) => d.status === 'open' && !d.adr.trim() && !d.resolution.trim() && !d.notes.trim();

/** The file's text: decisions that say something, ordered by drift number, then divergence id. */
export function formatDecisionsFile(decisions: DriftDecisions, registry: DriftRegistry): string {
  const num = (id: string) => registry.ids[id] ?? Number.MAX_SAFE_INTEGER;
  const entries = Object.entries(decisions)
    .filter(([, d]) => !blank(d))
    .sort(([a], [b]) => num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([divergence, d]) => {
      const drift = driftIdOf(registry, divergence);
      return { ...(drift ? { drift } : {}), divergence, status: d.status, adr: d.adr, resolution: d.resolution, notes: d.notes };
    });
  const head = [
    '# Schema drift decisions (seed 004 §3.2). Apply them in CI with:',
    '#   skeldir-schema check --dump DUMP --decisions THIS_FILE',
    '# A drift accepted with an ADR, or resolved with its resolution written down, no longer blocks.',
    '',
  ].join('\n');
  return head + dump({ kind: DECISIONS_KIND, version: 1, decisions: entries }, { lineWidth: -1, noRefs: true });
}

/**
 * Whether `text` is a decisions file rather than SQL, before parsing it: its first line that is
 * not blank or a `#` comment opens a JSON object or is one of the file's own keys. No pg_dump
 * output starts that way (it starts with `--` comments, SET or a statement).
 */
export function looksLikeDecisionsFile(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  return first !== undefined && (/^\{/.test(first) || /^(kind|version|decisions)\s*:/.test(first));
}

/** Reads a decisions file (YAML or JSON); InputError at file:line:column for anything wrong. */
export function parseDecisionsFile(text: string, source: string): DecisionsFile {
  const doc = loadLocatedYaml(text, source, { unplaced: { line: 1, column: 1 } });
  const fail = (message: string, path: YamlPath): never => { throw doc.error(message, path); };
  const root = doc.value;
  if (root === null || root === undefined) throw new InputError('empty decisions file (expected `decisions:` with a list)', { source, line: 1, column: 1 });
  if (typeof root !== 'object' || Array.isArray(root)) fail('expected a mapping with `kind`, `version` and `decisions`', []);
  const r = root as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['kind', 'version', 'decisions'].includes(k)) fail(`unknown key \`${k}\` (expected kind, version, decisions)`, [k]);
  if (r.kind !== undefined && r.kind !== DECISIONS_KIND) fail(`\`kind\` must be ${DECISIONS_KIND}`, ['kind']);
  if (r.version !== undefined && r.version !== 1) fail('unsupported `version` (this tool reads version 1)', ['version']);
  if (!Array.isArray(r.decisions)) fail('`decisions` must be a list of entries', r.decisions === undefined ? [] : ['decisions']);
  const decisions: DriftDecisions = {};
  const driftIds: Record<string, string> = {};
  const byDrift = new Map<string, string>();
  (r.decisions as unknown[]).forEach((item, i) => {
    const at = (...p: (string | number)[]): YamlPath => ['decisions', i, ...p];
    if (!item || typeof item !== 'object' || Array.isArray(item)) fail('each decision must be a mapping (divergence, status, adr, resolution, notes)', at());
    const e = item as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!(ENTRY_KEYS as readonly string[]).includes(k)) fail(`unknown key \`${k}\` (expected ${ENTRY_KEYS.join(', ')})`, at(k));
    const text = (k: 'adr' | 'resolution' | 'notes' | 'divergence' | 'drift'): string => {
      const v = e[k];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string' && typeof v !== 'number') fail(`\`${k}\` must be text`, at(k));
      return String(v);
    };
    const divergence = text('divergence').trim();
    if (!divergence) fail('`divergence` is required (the divergence id, e.g. missing:index:public.t.idx)', e.divergence === undefined ? at() : at('divergence'));
    if (divergence.split(':').length < 3) fail(`\`${divergence}\` is not a divergence id (kind:object_type:object)`, at('divergence'));
    if (divergence in decisions) fail(`a second decision for ${divergence}`, at('divergence'));
    const status = (e.status ?? 'open') as DriftStatus;
    if (!DRIFT_STATUSES.includes(status)) fail(`\`status\` must be one of ${DRIFT_STATUSES.join(', ')}`, at('status'));
    const drift = text('drift').trim();
    if (drift) {
      const m = DRIFT_ID.exec(drift);
      if (!m) fail(`\`drift\` must look like SCHEMA-DRIFT-007, got ${drift}`, at('drift'));
      const id = formatDriftId(Number(m![1]));
      const other = byDrift.get(id);
      if (other) fail(`${id} is also given to ${other}`, at('drift'));
      byDrift.set(id, divergence);
      driftIds[divergence] = id;
    }
    decisions[divergence] = { status, adr: text('adr'), resolution: text('resolution'), notes: text('notes') };
  });
  return { decisions, driftIds };
}

/**
 * Takes a file's SCHEMA-DRIFT numbers into a registry where they are free, so the decisions
 * cite the same numbers here as where they were made. A drift already numbered differently, or
 * a number already given to another drift, keeps this registry's numbering (`conflicts` says so).
 */
export function adoptDriftIds(registry: DriftRegistry, driftIds: Record<string, string>): { registry: DriftRegistry; conflicts: string[] } {
  const ids = { ...registry.ids };
  const taken = new Map(Object.entries(ids).map(([div, n]) => [n, div]));
  const conflicts: string[] = [];
  let next = registry.next;
  for (const [div, driftId] of Object.entries(driftIds)) {
    const n = Number(DRIFT_ID.exec(driftId)?.[1]);
    if (ids[div] === n) continue;
    if (ids[div] !== undefined) { conflicts.push(`${driftId} (${div}) is ${formatDriftId(ids[div])} here`); continue; }
    if (taken.has(n)) { conflicts.push(`${driftId} is another drift here (${taken.get(n)}); ${div} gets a new number`); continue; }
    ids[div] = n;
    taken.set(n, div);
    next = Math.max(next, n + 1);
  }
  if (!conflicts.length && Object.keys(ids).length === Object.keys(registry.ids).length) return { registry, conflicts };
  return { registry: { version: 1, next, ids }, conflicts };
}
