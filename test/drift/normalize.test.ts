import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNoise, normalizeDump } from '../../src/core/drift/normalize';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('normalizeDump (seed 004 §3.1)', () => {
  const dump = fixture('small.pg_dump.sql');
  const out = normalizeDump(dump);
  const lines = out.trimEnd().split('\n');

  it('strips comment and blank lines and drops OWNER TO, COMMENT ON and the pg_dump preamble', () => {
    expect(lines.some((l) => l.startsWith('--'))).toBe(false);
    expect(lines.some((l) => l.trim() === '')).toBe(false);
    expect(out).not.toMatch(/OWNER TO/);
    expect(out).not.toMatch(/^COMMENT ON/m);
    expect(out).not.toMatch(/^\\restrict/m);
    expect(out).not.toMatch(/^SET /m);
    expect(out).not.toMatch(/set_config/);
    // Keywords keep their case (c); real content stays.
    expect(out).toContain('CREATE TABLE public.events (');
    expect(out).toContain('CREATE POLICY tenant_isolation_policy ON public.events');
  });

  it('orders by table, then the table before its constraints, indexes and policies', () => {
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const events = at(/^CREATE TABLE public\.events/);
    const tenants = at(/^CREATE TABLE public\.tenants/);
    expect(events).toBeGreaterThanOrEqual(0);
    expect(events).toBeLessThan(tenants);
    expect(events).toBeLessThan(at(/ADD CONSTRAINT events_pkey/));
    expect(at(/ADD CONSTRAINT events_pkey/)).toBeLessThan(at(/^CREATE INDEX idx_events_tenant_created/));
    expect(at(/^CREATE INDEX idx_events_tenant_created/)).toBeLessThan(at(/^CREATE POLICY/));
    expect(at(/^CREATE POLICY/)).toBeLessThan(tenants);
  });

  it('is deterministic: statement order in the input does not matter', () => {
    const statements = dump.split(/;\n/);
    const reversed = [...statements].reverse().join(';\n') + ';\n';
    // Reversing can only move whole statements; the normalised text must not change.
    expect(normalizeDump(reversed).split('\n').sort()).toEqual(out.split('\n').sort());
    expect(normalizeDump(reversed)).toBe(out);
    expect(normalizeDump(dump)).toBe(out);
  });

  it('normalises a hand-written canonical script the same way', () => {
    const canon = normalizeDump(fixture('small.canonical.sql'));
    expect(canon).not.toMatch(/COMMENT ON/);
    // No `public.` in the source: still ordered by table name (events before tenants).
    const c = canon.split('\n');
    expect(c.findIndex((l) => l.startsWith('CREATE TABLE events'))).toBeLessThan(c.findIndex((l) => l.startsWith('CREATE TABLE tenants')));
    expect(c.findIndex((l) => l.startsWith('CREATE INDEX idx_events_tenant_created'))).toBeLessThan(c.findIndex((l) => l.startsWith('CREATE TABLE tenants')));
  });

  it('keeps comment-like text inside strings and dollar quotes', () => {
    const sql = "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT '-- not a comment; really' $$;\n-- gone\nCOMMENT ON FUNCTION f() IS 'x;y';\n";
    expect(normalizeDump(sql)).toBe("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT '-- not a comment; really' $$;\n");
  });

  it('knows its noise', () => {
    expect(isNoise('ALTER TABLE public.t OWNER TO postgres;')).toBe(true);
    expect(isNoise('ALTER FUNCTION public.f() OWNER TO x;')).toBe(true);
    expect(isNoise("COMMENT ON COLUMN public.t.a IS 'x';")).toBe(true);
    expect(isNoise('\\connect db')).toBe(true);
    expect(isNoise('ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);')).toBe(false);
  });
});
