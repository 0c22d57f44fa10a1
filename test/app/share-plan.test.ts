import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_READ_FRAGMENT, SHARE_PREFIX, toBase64Url, type SharePayload } from '../../src/app/share/codec';
import { checkPhase, holdsData, planInputs, type Inputs } from '../../src/app/share/plan';
import { sha256Hex } from '../../src/core/hash';
import { parseSpec } from '../../src/core/spec/parse';

const bundled: Inputs = {
  canonical: { name: 'schema/canonical_schema.sql', text: 'CREATE TABLE t (id int);' },
  spec: { name: 'schema/canonical_schema.yaml', text: 'version: 1' },
  seeds: null,
};
const mine: Inputs = { canonical: { name: 'my.sql', text: 'CREATE TABLE mine (id int);' }, spec: null, seeds: null };
const payload = (over: Partial<SharePayload> = {}): SharePayload => ({
  v: 1, view: 'compliance', selected: null, phase: 'all',
  canonical: { kind: 'bundled', name: 'schema/canonical_schema.sql' }, spec: { kind: 'bundled', name: 'schema/canonical_schema.yaml' }, seeds: null,
  dump: { kind: 'text', name: 'bad.sql', text: 'CREATE TABLE t (id text);' }, ...over,
});

describe('opening a share link: inputs are offered, never swapped in silently', () => {
  it('a link carrying a canonical identical to its dump is an offer with name, size and SHA-256, marked not bundled', async () => {
    const bad = 'CREATE TABLE t (id text);';
    const plan = await planInputs(payload({ canonical: { kind: 'text', name: 'schema/canonical_schema.sql', text: bad } }), bundled, bundled, sha256Hex);
    expect(plan.offer).not.toBeNull();
    const h = await sha256Hex(bad);
    expect(plan.offer!.changes).toEqual([{ role: 'canonical', name: 'schema/canonical_schema.sql', bytes: h.bytes, sha256: h.sha256, bundled: false, none: false }]);
    expect(plan.offer!.inputs.canonical.text).toBe(bad);
  });

  it('the receiver\'s own inputs are not replaced by the bundled ones without an offer', async () => {
    const plan = await planInputs(payload(), bundled, mine, sha256Hex);
    expect(plan.offer!.changes.map((c) => [c.role, c.bundled])).toEqual([['canonical', true], ['overlay', true]]);
  });

  it('no offer when the link names the inputs this page already has', async () => {
    expect((await planInputs(payload(), bundled, bundled, sha256Hex)).offer).toBeNull();
  });

  it('inputs named by hash only stay as they are and become pending, role by role', async () => {
    const ref = { kind: 'file' as const, name: 'big.sql', bytes: 9, sha256: 'a'.repeat(64) };
    const plan = await planInputs(payload({ canonical: ref, spec: { ...ref, name: 'big.yaml' } }), bundled, mine, sha256Hex);
    expect(plan.pending.map((p) => p.role)).toEqual(['canonical', 'overlay']);
    expect(plan.offer).toBeNull();
  });
});

describe('share link phase and data', () => {
  const overlay = { name: 'o.yaml', text: readFileSync('schema/canonical_schema.yaml', 'utf8') };
  it('a phase of the overlay is kept', () => {
    const first = parseSpec(overlay.text, overlay.name).phases[0]!.id;
    expect(checkPhase(first, overlay)).toEqual({ phase: first, problem: null });
  });
  it('an unknown phase falls back to all with a reason', () => {
    expect(checkPhase('zz.9', overlay)).toMatchObject({ phase: 'all', problem: expect.stringContaining('"zz.9" is not in the overlay o.yaml') });
    expect(checkPhase(parseSpec(overlay.text, overlay.name).phases[0]!.id, null).phase).toBe('all');
    expect(checkPhase('all', null)).toEqual({ phase: 'all', problem: null });
  });
  it('finds data rows', () => {
    expect(holdsData('CREATE TABLE t (id int);\nCOPY public.t (id) FROM stdin;\n1\n\\.\n')).toBe(true);
    expect(holdsData('INSERT INTO t VALUES (1);')).toBe(true);
    expect(holdsData('CREATE TABLE t (id int); -- no rows')).toBe(false);
  });
});

describe('share link size limits', () => {
  it('refuses a link that inflates past 16 MB (17 MB of zeros)', async () => {
    const zeros = new Uint8Array(17 * 1024 * 1024);
    const deflated = new Uint8Array(await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    await expect(decodeShare(SHARE_PREFIX + toBase64Url(deflated))).rejects.toThrow(/larger than 16 MB/);
  });
  it('refuses an oversized fragment before decoding it', async () => {
    await expect(decodeShare(SHARE_PREFIX + 'A'.repeat(MAX_READ_FRAGMENT + 1))).rejects.toThrow(/more than a link made here can be/);
    expect(await decodeShare(await encodeShare(payload()))).toEqual(payload());
  });
});
