/**
 * The payload of a share link from the page's state: the view, its selection, the phase and the
 * inputs — each bundled input by name, the others as text while the fragment stays within
 * MAX_FRAGMENT; past it the largest texts become file references (name, size, SHA-256) that
 * the receiver is asked to open.
 */
import type { DriftDecisions } from '../../core/drift/table';
import { encodeShare, MAX_FRAGMENT, type Carried, type SharePayload } from './codec';

export interface NamedInput { name: string; text: string }
export interface ShareSource {
  view: string;
  selected: string | null;
  phase: string;
  canonical: NamedInput;
  spec: NamedInput | null;
  seeds: NamedInput | null;
  /** The active dump; `sample` = it came from the bundled samples (by its name). */
  dump: (NamedInput & { sample: boolean }) | null;
  /** Drift decisions; those still `open` change nothing and are left out. */
  decisions?: DriftDecisions;
}

/** What the receiver has built in: the bundled text of an input, or null when there is none. */
export interface BundledTexts {
  canonical: NamedInput | null;
  spec: NamedInput | null;
  seeds: NamedInput | null;
  sample(name: string): Promise<NamedInput | null>;
}

export type Hasher = (text: string) => Promise<{ sha256: string; bytes: number }>;

export interface BuiltShare {
  fragment: string;
  payload: SharePayload;
  /** Inputs the link names but does not carry (too large). */
  referenced: Extract<Carried, { kind: 'file' }>[];
}

type Slot = 'canonical' | 'spec' | 'seeds' | 'dump';

export async function buildShare(src: ShareSource, bundled: BundledTexts, hash: Hasher, max = MAX_FRAGMENT): Promise<BuiltShare> {
  const same = (a: NamedInput | null, b: NamedInput | null) => !!a && !!b && a.text === b.text;
  const carry = (input: NamedInput, builtIn: NamedInput | null): Carried =>
    same(input, builtIn) ? { kind: 'bundled', name: builtIn!.name } : { kind: 'text', name: input.name, text: input.text };
  const sample = src.dump?.sample ? await bundled.sample(src.dump.name) : null;
  const payload: SharePayload = {
    v: 1, view: src.view, selected: src.selected, phase: src.phase,
    canonical: carry(src.canonical, bundled.canonical),
    spec: src.spec ? carry(src.spec, bundled.spec) : null,
    seeds: src.seeds ? carry(src.seeds, bundled.seeds) : null,
    dump: src.dump ? (same(src.dump, sample) ? { kind: 'bundled', name: src.dump.name } : { kind: 'text', name: src.dump.name, text: src.dump.text }) : null,
  };
  const decided = Object.entries(src.decisions ?? {}).filter(([, d]) => d.status !== 'open');
  if (decided.length) payload.decisions = Object.fromEntries(decided);
  let fragment = await encodeShare(payload);
  // Too long: the largest carried text becomes a reference, until it fits or nothing is left.
  while (fragment.length > max) {
    const slots = (['canonical', 'spec', 'seeds', 'dump'] as Slot[]).filter((s) => payload[s]?.kind === 'text');
    if (!slots.length) break;
    const text = (s: Slot) => (payload[s] as { text: string }).text;
    const biggest = slots.reduce((a, b) => (text(b).length > text(a).length ? b : a));
    const { sha256, bytes } = await hash(text(biggest));
    payload[biggest] = { kind: 'file', name: payload[biggest]!.name, bytes, sha256 };
    fragment = await encodeShare(payload);
  }
  const referenced = (['canonical', 'spec', 'seeds', 'dump'] as Slot[])
    .map((s) => payload[s]).filter((c): c is Extract<Carried, { kind: 'file' }> => c?.kind === 'file');
  return { fragment, payload, referenced };
}
