/**
 * Share links: what a link carries (the view, its selection, the phase and the inputs), encoded
 * into the URL fragment — compressed with the platform's CompressionStream ('deflate-raw', no
 * library) and base64url-encoded. A fragment is never sent to a server, so a dump in a link stays
 * between the sender and the receiver.
 */

import { DRIFT_STATUSES, type DriftDecision, type DriftDecisions } from '../../core/drift/table';

/** Fragment prefix of a share link: `#share=<base64url of deflate-raw(JSON)>`. */
export const SHARE_PREFIX = '#share=';
/** Largest fragment a link carries the inputs in; past it the link names the files instead. */
export const MAX_FRAGMENT = 32 * 1024;
/** A link that inflates past this is refused (a crafted link must not eat the tab's memory). */
const MAX_INFLATED = 16 * 1024 * 1024;
/** A fragment longer than this was not made here (links carry at most MAX_FRAGMENT): refused before decoding. */
export const MAX_READ_FRAGMENT = 4 * MAX_FRAGMENT;

/** One input as the link carries it. */
export type Carried =
  /** The bundled file with this name (the receiver has the same one). */
  | { kind: 'bundled'; name: string }
  /** The text itself. */
  | { kind: 'text'; name: string; text: string }
  /** Too large for a link: the receiver is told to open this file. */
  | { kind: 'file'; name: string; bytes: number; sha256: string };

export interface SharePayload {
  v: 1;
  view: string;
  selected: string | null;
  phase: string;
  canonical: Carried;
  /** The YAML overlay; null = the check ran with no overlay. */
  spec: Carried | null;
  seeds: Carried | null;
  /** The dump the view showed; null when there was none. */
  dump: Carried | null;
  /** The reviewer's drift decisions that are not `open` (they change the verdict), by divergence id. */
  decisions?: DriftDecisions;
}

const STATUSES: readonly string[] = DRIFT_STATUSES;
function decisionsOf(x: unknown): DriftDecisions | undefined {
  if (x === undefined) return undefined;
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new Error("This share link cannot be read: its drift decisions are malformed");
  const out: DriftDecisions = {};
  for (const [id, d] of Object.entries(x as Record<string, DriftDecision>)) {
    if (!d || !STATUSES.includes(d.status) || ![d.resolution, d.adr, d.notes].every(isStr)) {
      throw new Error(`This share link cannot be read: the drift decision for ${id} is malformed`);
    }
    out[id] = { resolution: d.resolution, status: d.status, adr: d.adr, notes: d.notes };
  }
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) { await reader.cancel(); throw new Error(`the link's content is larger than ${limit / 1024 / 1024} MB`); }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('the link is not base64url (was it cut or re-encoded?)');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The fragment (`#share=…`) for a payload. */
export async function encodeShare(p: SharePayload): Promise<string> {
  const deflated = await pipe(new TextEncoder().encode(JSON.stringify(p)), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64Url(deflated);
}

const isStr = (x: unknown): x is string => typeof x === 'string';
function carried(x: unknown, what: string): Carried {
  const c = x as Carried;
  const ok = c && typeof c === 'object' && isStr(c.name) && (
    c.kind === 'bundled' || (c.kind === 'text' && isStr(c.text)) ||
    (c.kind === 'file' && typeof c.bytes === 'number' && isStr(c.sha256) && /^[0-9a-f]{64}$/.test(c.sha256)));
  if (!ok) throw new Error(`the link's ${what} is malformed`);
  return c;
}

/** Reads a share fragment (with or without `#share=`); throws an Error that says what is wrong. */
export async function decodeShare(fragment: string): Promise<SharePayload> {
  const body = fragment.startsWith(SHARE_PREFIX) ? fragment.slice(SHARE_PREFIX.length) : fragment;
  if (body.length > MAX_READ_FRAGMENT) {
    throw new Error(`This share link cannot be read: it is ${body.length.toLocaleString('en')} characters, more than a link made here can be (${MAX_READ_FRAGMENT.toLocaleString('en')})`);
  }
  let json: unknown;
  try {
    const inflated = await pipe(fromBase64Url(body), new DecompressionStream('deflate-raw'), MAX_INFLATED);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch (err) {
    throw new Error(`This share link cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const p = json as SharePayload;
  if (!p || p.v !== 1 || !isStr(p.view) || !(p.selected === null || isStr(p.selected)) || !isStr(p.phase)) {
    throw new Error('This share link cannot be read: it was made by another version or is damaged');
  }
  return {
    v: 1, view: p.view, selected: p.selected, phase: p.phase,
    canonical: carried(p.canonical, 'canonical'),
    spec: p.spec === null ? null : carried(p.spec, 'overlay'),
    seeds: p.seeds === null ? null : carried(p.seeds, 'seed overrides'),
    dump: p.dump === null ? null : carried(p.dump, 'dump'),
    ...(p.decisions !== undefined ? { decisions: decisionsOf(p.decisions) } : {}),
  };
}

export const isShareFragment = (hash: string): boolean => hash.startsWith(SHARE_PREFIX);
