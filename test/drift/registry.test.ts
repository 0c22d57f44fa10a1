import { describe, expect, it } from 'vitest';
import { driftIdOf, emptyRegistry, formatDriftId, parseDivergenceId, registerDrifts, reviveRegistry } from '../../src/core/drift/registry';

describe('drift registry', () => {
  it('numbers new drifts in sorted order, whatever order they arrive in', () => {
    const a = registerDrifts(emptyRegistry(), ['missing:index:public.t.b', 'extra:table:public.x', 'missing:column:public.t.a']);
    const b = registerDrifts(emptyRegistry(), ['missing:column:public.t.a', 'missing:index:public.t.b', 'extra:table:public.x']);
    expect(a).toEqual(b);
    expect(driftIdOf(a, 'extra:table:public.x')).toBe('SCHEMA-DRIFT-001');
    expect(driftIdOf(a, 'missing:column:public.t.a')).toBe('SCHEMA-DRIFT-002');
    expect(driftIdOf(a, 'missing:index:public.t.b')).toBe('SCHEMA-DRIFT-003');
  });

  it('keeps ids across runs and gives a new drift the next number', () => {
    const first = registerDrifts(emptyRegistry(), ['missing:column:public.t.a', 'type_mismatch:column:public.t.c']);
    // A later dump: one drift fixed, one still there, one new that sorts before both.
    const second = registerDrifts(first, ['type_mismatch:column:public.t.c', 'extra:table:public.aaa']);
    expect(driftIdOf(second, 'type_mismatch:column:public.t.c')).toBe('SCHEMA-DRIFT-002');
    expect(driftIdOf(second, 'extra:table:public.aaa')).toBe('SCHEMA-DRIFT-003');
    // The fixed one keeps its number; numbers are never reused.
    expect(driftIdOf(second, 'missing:column:public.t.a')).toBe('SCHEMA-DRIFT-001');
    expect(first.next).toBe(3);
    expect(registerDrifts(second, ['extra:table:public.aaa'])).toBe(second);
  });

  it('survives a JSON round trip and repairs a stored next counter', () => {
    const reg = registerDrifts(emptyRegistry(), ['a:b:c', 'a:b:d']);
    expect(reviveRegistry(JSON.parse(JSON.stringify(reg)))).toEqual(reg);
    expect(reviveRegistry({ version: 1, next: 1, ids: { 'a:b:c': 5 } })).toEqual({ version: 1, next: 6, ids: { 'a:b:c': 5 } });
    expect(reviveRegistry({ nope: true })).toBeNull();
    expect(reviveRegistry(null)).toBeNull();
  });

  it('formats and parses ids', () => {
    expect(formatDriftId(7)).toBe('SCHEMA-DRIFT-007');
    expect(formatDriftId(1234)).toBe('SCHEMA-DRIFT-1234');
    expect(parseDivergenceId('privilege_missing:privilege:public.revenue_ledger:app_rw')).toEqual({
      kind: 'privilege_missing', objectType: 'privilege', object: 'public.revenue_ledger:app_rw',
    });
  });
});

describe('the bundled registry (schema/drift_registry.json)', () => {
  it('keeps the team’s seed-004 numbers for the known drifts and numbers new ones after them', async () => {
    const { default: known } = await import('../../schema/drift_registry.json');
    const r = reviveRegistry(known)!;
    expect(driftIdOf(r, 'missing:index:public.attribution_allocations.idx_allocations_channel_performance')).toBe('SCHEMA-DRIFT-001');
    expect(driftIdOf(r, 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid')).toBe('SCHEMA-DRIFT-002');
    expect(driftIdOf(r, 'missing:column:public.attribution_allocations.channel')).toBe('SCHEMA-DRIFT-003');
    const next = registerDrifts(r, ['extra:table:public.channel_taxonomy']);
    expect(driftIdOf(next, 'extra:table:public.channel_taxonomy')).toBe('SCHEMA-DRIFT-004');
  });
});

describe('drift numbers independent of load order', () => {
  const team = { version: 1 as const, next: 4, ids: { 'missing:index:public.a.idx': 1, 'definition_mismatch:constraint:public.d.ck': 2, 'missing:column:public.a.channel': 3 } };
  const dumpA = ['missing:column:public.a.channel', 'extra:table:public.zz', 'type_mismatch:column:public.b.x'];
  const dumpB = ['definition_mismatch:constraint:public.d.ck', 'extra:table:public.aa', 'type_mismatch:column:public.b.x'];

  it('the same dumps give the same numbers whichever was opened (or finished) first; the team numbers hold', async () => {
    const { provisionalRegistry } = await import('../../src/core/drift/registry');
    const ab = provisionalRegistry(team, [...dumpA, ...dumpB]);
    const ba = provisionalRegistry(team, [...dumpB, ...dumpA]);
    expect(ab).toEqual(ba);
    expect(driftIdOf(ab, 'missing:column:public.a.channel')).toBe('SCHEMA-DRIFT-003');
    expect(driftIdOf(ab, 'extra:table:public.aa')).toBe('SCHEMA-DRIFT-004');
    // Nothing was handed out for good: the registry passed in is untouched.
    expect(team.next).toBe(4);
  });

  it('a broken load uses no number up and never shifts a clean drift', async () => {
    const { provisionalRegistry, pinDrifts } = await import('../../src/core/drift/registry');
    const clean = provisionalRegistry(team, dumpA);
    const withBroken = provisionalRegistry(team, dumpA, ['extra:table:public.000_side_effect', ...dumpB]);
    for (const id of dumpA) expect(driftIdOf(withBroken, id)).toBe(driftIdOf(clean, id));
    // Removing the broken dump gives back exactly the clean numbering: no gap.
    expect(provisionalRegistry(team, dumpA)).toEqual(clean);
    // A decision pins the clean numbers shown, plus the decided drift, and nothing else.
    const pinned = pinDrifts(team, dumpA, ['extra:table:public.aa']);
    for (const id of dumpA) expect(driftIdOf(pinned, id)).toBe(driftIdOf(clean, id));
    expect(driftIdOf(pinned, 'extra:table:public.000_side_effect')).toBeNull();
    expect(pinned.next).toBe(7);
  });
});
