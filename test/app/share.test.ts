import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, fromBase64Url, MAX_FRAGMENT, SHARE_PREFIX, toBase64Url, type SharePayload } from '../../src/app/share/codec';
import { buildShare, type BundledTexts, type ShareSource } from '../../src/app/share/build';
import { sha256Hex } from '../../src/core/hash';

const bundled: BundledTexts = {
  canonical: { name: 'schema/canonical_schema.sql', text: 'CREATE TABLE t (id int);' },
  spec: { name: 'schema/canonical_schema.yaml', text: 'version: 1' },
  seeds: null,
  sample: async (name) => (name === 'legacy_head.sql' ? { name: 'schema/samples/legacy_head.sql', text: 'CREATE TABLE t (id bigint);' } : null),
};
const src = (over: Partial<ShareSource> = {}): ShareSource => ({
  view: 'compliance', selected: 'public.t.id', phase: 'all',
  canonical: bundled.canonical!, spec: bundled.spec, seeds: null,
  dump: { name: 'dump.sql', text: 'CREATE TABLE t (id text); -- é ✓ \u{1F600}', sample: false }, ...over,
});

/** Text that deflate cannot shrink much: a pseudo-random hex stream. */
function noise(bytes: number): string {
  let x = 0x12345678, out = '';
  while (out.length < bytes) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; out += (x >>> 0).toString(16); }
  return out.slice(0, bytes);
}

describe('share link codec', () => {
  it('round-trips a payload through deflate-raw + base64url, URL-safe', async () => {
    const p: SharePayload = { v: 1, view: 'rls', selected: 'public.a|own_rows_visible', phase: 'B0.3', canonical: { kind: 'bundled', name: 'c.sql' },
      spec: null, seeds: { kind: 'text', name: 's.yaml', text: 'x: 1' }, dump: { kind: 'text', name: 'd.sql', text: 'SELECT 1; -- <script>' } };
    const frag = await encodeShare(p);
    expect(frag.startsWith(SHARE_PREFIX)).toBe(true);
    expect(frag.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShare(frag)).toEqual(p);
  });

  it('carries decided drifts (not open ones) and refuses malformed decisions', async () => {
    const accepted = { status: 'accepted' as const, adr: 'ADR-019', resolution: 'wider CHECK', notes: '' };
    const built = await buildShare(src({ decisions: { 'missing:index:public.i': accepted, 'extra:table:public.x': { status: 'open', adr: '', resolution: '', notes: 'n' } } }), bundled, sha256Hex);
    expect(built.payload.decisions).toEqual({ 'missing:index:public.i': accepted });
    expect((await decodeShare(built.fragment)).decisions).toEqual({ 'missing:index:public.i': accepted });
    expect((await buildShare(src(), bundled, sha256Hex)).payload.decisions).toBeUndefined();
    const bad = await encodeShare({ ...built.payload, decisions: { x: { status: 'waived', adr: '', resolution: '', notes: '' } } } as unknown as SharePayload);
    await expect(decodeShare(bad)).rejects.toThrow(/drift decision for x is malformed/);
  });

  it('base64url round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) % 256);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
  });

  it('refuses damaged, foreign and malformed links with a reason', async () => {
    await expect(decodeShare('#share=not*base64')).rejects.toThrow(/cannot be read: the link is not base64url/);
    await expect(decodeShare('#share=AAAA')).rejects.toThrow(/cannot be read/);
    const frag = await encodeShare({ v: 1, view: 'x', selected: null, phase: 'all', canonical: { kind: 'bundled', name: 'c' }, spec: null, seeds: null, dump: null });
    await expect(decodeShare(frag.slice(0, -6))).rejects.toThrow(/cannot be read/);
    const bad = await encodeShare({ v: 1, view: 'x', selected: null, phase: 'all', canonical: { kind: 'file', name: 'c', bytes: 1, sha256: 'nothex' }, spec: null, seeds: null, dump: null } as SharePayload);
    await expect(decodeShare(bad)).rejects.toThrow(/canonical is malformed/);
    const v2 = await encodeShare({ v: 2 } as unknown as SharePayload);
    await expect(decodeShare(v2)).rejects.toThrow(/another version/);
  });
});

describe('share link payload', () => {
  it('carries bundled inputs by name and a small dump as text', async () => {
    const built = await buildShare(src(), bundled, sha256Hex);
    expect(built.payload.canonical).toEqual({ kind: 'bundled', name: 'schema/canonical_schema.sql' });
    expect(built.payload.spec).toEqual({ kind: 'bundled', name: 'schema/canonical_schema.yaml' });
    expect(built.payload.dump).toEqual({ kind: 'text', name: 'dump.sql', text: src().dump!.text });
    expect(built.referenced).toEqual([]);
    expect(await decodeShare(built.fragment)).toEqual(built.payload);
  });

  it('a bundled sample travels by name; an edited sample or canonical travels as text', async () => {
    const sample = await buildShare(src({ dump: { name: 'legacy_head.sql', text: 'CREATE TABLE t (id bigint);', sample: true } }), bundled, sha256Hex);
    expect(sample.payload.dump).toEqual({ kind: 'bundled', name: 'legacy_head.sql' });
    const edited = await buildShare(src({ canonical: { name: 'schema/canonical_schema.sql', text: 'CREATE TABLE u ();' },
      dump: { name: 'legacy_head.sql', text: 'edited', sample: true } }), bundled, sha256Hex);
    expect(edited.payload.dump).toMatchObject({ kind: 'text', text: 'edited' });
    expect(edited.payload.canonical).toMatchObject({ kind: 'text', text: 'CREATE TABLE u ();' });
  });

  it('a dump too large for the link becomes a reference (name, size, SHA-256); the view still travels', async () => {
    const big = noise(80_000);
    const built = await buildShare(src({ dump: { name: 'huge.sql', text: big, sample: false } }), bundled, sha256Hex);
    expect(built.fragment.length).toBeLessThanOrEqual(MAX_FRAGMENT);
    const { sha256, bytes } = await sha256Hex(big);
    expect(built.referenced).toEqual([{ kind: 'file', name: 'huge.sql', bytes, sha256 }]);
    const back = await decodeShare(built.fragment);
    expect(back).toMatchObject({ view: 'compliance', selected: 'public.t.id', dump: { kind: 'file', name: 'huge.sql', bytes: 80_000, sha256 } });
  });

  it('a large but compressible dump still travels inside the link', async () => {
    const sql = Array.from({ length: 2000 }, (_, i) => `INSERT INTO t VALUES (${i % 10});`).join('\n');
    expect(sql.length).toBeGreaterThan(MAX_FRAGMENT);
    const built = await buildShare(src({ dump: { name: 'rows.sql', text: sql, sample: false } }), bundled, sha256Hex);
    expect(built.referenced).toEqual([]);
    expect((await decodeShare(built.fragment)).dump).toMatchObject({ kind: 'text', text: sql });
  });
});
