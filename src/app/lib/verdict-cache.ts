/**
 * Verdicts kept for a warm revisit (issue 15): the last few results, keyed by the SHA-256 of
 * everything that decides them — this engine build, the canonical, the overlay, the seed
 * overrides, the phase, the engine settings and the dump (name and text). A page that opens
 * with exactly those inputs may SHOW such a result at once, labelled as the result of that time
 * for identical inputs, while its own check runs and replaces it; it is never a fresh run.
 */
import { sha256Hex } from '../../core/hash';
import type { Phase, Spec } from '../../core/spec/types';
import type { SchemaModel } from '../../core/model';
import type { Report } from '../../core/report/types';
import { idbDelete, idbGet, idbSet } from './idb';

/** Changes with every build (vite.config.ts `define`): a result of another engine build is never shown. */
export const ENGINE_BUILD: string = (import.meta.env.VITE_SKELDIR_BUILD as string | undefined) ?? 'dev';

export interface CachedVerdict {
  /** ISO time the verdict was computed. */
  at: string;
  report: Report;
  dumpModel: SchemaModel | null;
  canonicalModel: SchemaModel | null;
  phases: Phase[];
  spec: Spec | null;
}

const PREFIX = 'verdict:';
const INDEX = 'verdict-index';
/** How many results are kept (newest first); older ones are deleted. */
const KEEP = 8;

/** The cache key of one dump's check: `inputs` is every input and setting, in a fixed order. */
export async function verdictKey(inputs: readonly unknown[]): Promise<string> {
  return PREFIX + (await sha256Hex(JSON.stringify([ENGINE_BUILD, ...inputs]))).sha256;
}

export async function getCachedVerdict(key: string): Promise<CachedVerdict | null> {
  try {
    const v = await idbGet<CachedVerdict>(key);
    return v && typeof v.at === 'string' && v.report ? v : null;
  } catch {
    return null; // no IndexedDB: no warm revisit, the check runs as always
  }
}

export async function putCachedVerdict(key: string, value: CachedVerdict): Promise<void> {
  try {
    await idbSet(key, value);
    const index = ((await idbGet<string[]>(INDEX)) ?? []).filter((k) => k !== key);
    const next = [key, ...index];
    await idbSet(INDEX, next.slice(0, KEEP));
    for (const old of next.slice(KEEP)) await idbDelete(old);
  } catch {
    // Storage full or disabled: the revisit just runs the check.
  }
}
