import { describe, expect, it } from 'vitest';
import overlayText from '../../schema/canonical_schema.yaml?raw';
import { InputError } from '../../src/core/errors';
import { countByType, formatInventory, inventory } from '../../src/core/spec/inventory';
import { parseSpec } from '../../src/core/spec/parse';

const spec = parseSpec(overlayText, 'schema/canonical_schema.yaml');

describe('inventory of schema/canonical_schema.yaml', () => {
  it('B0.3 BLOCKING = 28 columns + 1 table + 6 indexes + 3 constraints + 5 RLS = 43 (seed 000 §3.1)', () => {
    const inv = inventory(spec, 'b0.3');
    expect(inv.bySeverity.BLOCKING).toHaveLength(43);
    expect(countByType(inv.bySeverity.BLOCKING)).toEqual({ table: 1, column: 28, index: 6, constraint: 3, rls: 5 });
    // The column categories (DECISIONS.md D-06).
    const cols = (cat: string) => inv.byCategory[cat].filter((e) => e.type === 'column').length;
    expect([cols('auth_critical'), cols('privacy_critical'), cols('processing_critical'), cols('financial_critical')]).toEqual([2, 6, 11, 9]);
    // The seed's named elements are all in.
    const objects = inv.bySeverity.BLOCKING.map((e) => e.object);
    expect(objects).toEqual(expect.arrayContaining([
      'public.revenue_state_transitions', 'public.attribution_events.session_id',
      'public.attribution_events.idx_events_idempotency', 'public.revenue_ledger.idx_revenue_ledger_transaction_id',
      'public.attribution_events.ck_attribution_events_processing_status_valid', 'public.revenue_ledger.ck_revenue_ledger_state_valid',
    ]));
    expect(inv.total).toBe(inv.bySeverity.BLOCKING.length + inv.bySeverity.HIGH.length + inv.bySeverity.MEDIUM.length + inv.bySeverity.LOW.length);
  });

  it('B2.1 allows degraded mode: its statistical metadata is HIGH, the sum-equality invariant BLOCKING', () => {
    const inv = inventory(spec, 'B2.1');
    expect(inv.phase.allowDegraded).toBe(true);
    expect(inv.byCategory.statistical.map((e) => e.object)).toContain('public.attribution_allocations.confidence_score');
    expect(inv.bySeverity.HIGH.length).toBeGreaterThanOrEqual(7);
    expect(inv.bySeverity.BLOCKING.map((e) => e.object)).toEqual(expect.arrayContaining(['public.check_allocation_sum()', 'public.attribution_allocations.trg_check_allocation_sum']));
  });

  it('tags ledger immutability (app_rw privilege on revenue_ledger) as financial_critical in B2.2', () => {
    const inv = inventory(spec, 'b2.2');
    expect(inv.byType.privilege.map((e) => [e.object, e.invariant])).toEqual([['public.revenue_ledger:app_rw', 'financial_critical']]);
  });

  it('every phase has something to check', () => {
    for (const p of spec.phases) expect(inventory(spec, p.id).total, p.id).toBeGreaterThan(0);
  });

  it('formats a text inventory whose BLOCKING line is the seed sum', () => {
    const text = formatInventory(inventory(spec, 'b0.3'), spec);
    expect(text).toContain('Phase b0.3 — Database Schema Foundation');
    expect(text).toContain('BLOCKING by type: 1 table + 28 columns + 6 indexes + 3 constraints + 5 RLS = 43');
    expect(text).toMatch(/^auth_critical \(BLOCKING\): 3$/m);
    expect(text).toMatch(/^ {2}column +public\.tenants\.api_key_hash {2}\(line \d+\)$/m);
  });

  it('an unknown phase is an input error naming the known ones', () => {
    expect(() => inventory(spec, 'b9.9')).toThrow(InputError);
    expect(() => inventory(spec, 'b9.9')).toThrow(/known: b0.3, b0.4/);
  });
});
