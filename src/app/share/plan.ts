/**
 * What opening a share link may do without asking. The link's dump and view open at once; its
 * canonical, overlay and seed overrides do NOT: a crafted link could carry a canonical identical
 * to a bad dump and show PASS, and swapping them would discard the receiver's own inputs. So the
 * inputs that differ from the receiver's are offered (name, size, SHA-256) for confirmation.
 */
import { parseSpec } from '../../core/spec/parse';
import type { NamedText } from '../state/sources.svelte';
import type { Carried, SharePayload } from './codec';

export type FileRef = Extract<Carried, { kind: 'file' }>;
export type InputRole = 'canonical' | 'overlay' | 'seed overrides';
/** A file the opened link names but could not carry, and what it was needed for. */
export interface PendingFile extends FileRef { role: InputRole | 'dump' }
export interface Inputs { canonical: NamedText; spec: NamedText | null; seeds: NamedText | null }
/** One input the link would change: what it is, and whether it is this page's bundled file. */
export interface OfferedInput { role: InputRole; name: string; bytes: number; sha256: string; bundled: boolean; none: boolean }
export interface InputsOffer { inputs: Inputs; changes: OfferedInput[]; phase: string }
export interface InputsPlan { offer: InputsOffer | null; pending: PendingFile[] }

type Hash = (text: string) => Promise<{ sha256: string; bytes: number }>;

/** The inputs the link asks for, against the receiver's current ones and the bundled ones. */
export async function planInputs(p: SharePayload, bundled: { [K in keyof Inputs]?: NamedText | null }, current: Inputs, hash: Hash): Promise<InputsPlan> {
  const pending: PendingFile[] = [];
  const resolve = (c: Carried | null, builtIn: NamedText | null | undefined, role: InputRole, cur: NamedText | null): NamedText | null => {
    if (!c) return null;
    if (c.kind === 'text') return { name: c.name, text: c.text };
    if (c.kind === 'bundled' && builtIn) return builtIn;
    if (c.kind === 'file') pending.push({ ...c, role });
    return cur; // not carried (or no bundled copy here): keep what this page has
  };
  const inputs: Inputs = {
    canonical: resolve(p.canonical, bundled.canonical, 'canonical', current.canonical) ?? current.canonical,
    spec: resolve(p.spec, bundled.spec, 'overlay', current.spec),
    seeds: resolve(p.seeds, bundled.seeds, 'seed overrides', current.seeds),
  };
  const changes: OfferedInput[] = [];
  const roles: [InputRole, NamedText | null, NamedText | null, NamedText | null | undefined][] = [
    ['canonical', inputs.canonical, current.canonical, bundled.canonical],
    ['overlay', inputs.spec, current.spec, bundled.spec],
    ['seed overrides', inputs.seeds, current.seeds, bundled.seeds],
  ];
  for (const [role, next, cur, builtIn] of roles) {
    if ((next?.text ?? null) === (cur?.text ?? null)) continue;
    if (!next) { changes.push({ role, name: '(none)', bytes: 0, sha256: '', bundled: false, none: true }); continue; }
    const h = await hash(next.text);
    changes.push({ role, name: next.name, bytes: h.bytes, sha256: h.sha256, bundled: builtIn?.text === next.text, none: false });
  }
  return { offer: changes.length ? { inputs, changes, phase: p.phase } : null, pending };
}

/** The link's phase if the overlay has it, else 'all' with a reason. */
export function checkPhase(phase: string, overlay: NamedText | null): { phase: string; problem: string | null } {
  if (phase === 'all') return { phase, problem: null };
  let ids: string[] = [];
  try {
    ids = overlay ? parseSpec(overlay.text, overlay.name).phases.map((x) => x.id) : [];
  } catch {
    ids = [];
  }
  if (ids.includes(phase)) return { phase, problem: null };
  return { phase: 'all', problem: `The link's phase "${phase}" is not in ${overlay ? `the overlay ${overlay.name}` : 'the inputs (no overlay)'}; all phases are shown.` };
}

/** Whether a dump holds data rows (COPY … FROM stdin or INSERT): a link carrying it carries that data. */
export function holdsData(sql: string): boolean {
  return /^\s*(COPY\s+[^;]*\bFROM\s+stdin|INSERT\s+INTO)\b/im.test(sql);
}
