import { describe, expect, it } from 'vitest';
import { emptyRegistry, registerDrifts } from '../../src/core/drift/registry';
import { driftRows, driftTableMarkdown, type DriftDecisions } from '../../src/core/drift/table';
import type { Divergence } from '../../src/core/report/types';

function div(over: Partial<Divergence> & Pick<Divergence, 'kind' | 'object_type' | 'object'>): Divergence {
  return {
    id: `${over.kind}:${over.object_type}:${over.object}`, severity: 'BLOCKING', table: null, invariant: null,
    expected: null, actual: null, phases: [], message: '', ...over,
  };
}

const idx = div({ kind: 'missing', object_type: 'index', object: 'public.attribution_allocations.idx_allocations_channel_performance',
  expected: 'CREATE INDEX idx_allocations_channel_performance ON public.attribution_allocations USING btree (tenant_id, channel, created_at DESC) INCLUDE (allocated_revenue_cents, confidence_score)' });
const chk = div({ kind: 'definition_mismatch', object_type: 'constraint', object: 'public.dead_events.ck_dead_events_remediation_status',
  severity: 'HIGH', expected: "CHECK (status IN ('pending','abandoned'))", actual: "CHECK (status IN ('pending','ignored'))" });

describe('schema drift table', () => {
  it('merges dumps, keeps the worst severity and shows when dumps disagree', () => {
    const staging = [idx, chk];
    const prod = [{ ...chk, severity: 'BLOCKING' as const, actual: "CHECK (status IN ('pending'))" }];
    const reg = registerDrifts(emptyRegistry(), [...staging, ...prod].map((d) => d.id));
    const rows = driftRows([{ dump: 'staging.sql', divergences: staging }, { dump: 'prod.sql', divergences: prod }], reg, {});
    expect(rows.map((r) => r.id)).toEqual(['SCHEMA-DRIFT-001', 'SCHEMA-DRIFT-002']);
    const c = rows.find((r) => r.objectType === 'constraint')!;
    expect(c.severity).toBe('BLOCKING');
    expect(c.dumps).toEqual(['staging.sql', 'prod.sql']);
    expect(c.migrationState).toBe("CHECK (status IN ('pending','ignored')) | CHECK (status IN ('pending'))");
    const i = rows.find((r) => r.objectType === 'index')!;
    expect(i.driftType).toBe('Missing / structural');
    expect(i.migrationState).toBe('(absent)');
    expect(i.decision.status).toBe('open');
  });

  it('keeps decided drifts that are gone and renders seed 004 §3.2 markdown', () => {
    const reg = registerDrifts(emptyRegistry(), [idx.id, chk.id]);
    const decisions: DriftDecisions = {
      [idx.id]: { resolution: 'Reconciliation migration | 202511171200', status: 'resolved', adr: '', notes: 'pending DBA validation' },
      [chk.id]: { resolution: 'Keep canonical until ADR', status: 'accepted', adr: 'ADR-004', notes: '' },
    };
    const rows = driftRows([{ dump: 'prod.sql', divergences: [chk] }], reg, decisions);
    expect(rows).toHaveLength(2);
    // Numbered in sorted divergence-id order: the constraint (definition_mismatch) is 001.
    expect(rows[1].dumps).toEqual([]);
    expect(rows[1].migrationState).toBe('(not present in the loaded dumps)');
    const md = driftTableMarkdown(rows);
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('| ID | Object | Drift Type | Canonical Truth | Migration State | Resolution Decision | Status |');
    expect(lines[3]).toContain('| SCHEMA-DRIFT-002 | `public.attribution_allocations.idx_allocations_channel_performance` index | Missing / structural |');
    expect(lines[3]).toContain('Reconciliation migration \\| 202511171200');
    expect(lines[3]).toContain('✅ Resolved – pending DBA validation |');
    expect(lines[2]).toContain('| SCHEMA-DRIFT-001 |');
    expect(lines[2]).toContain('☑️ Accepted (ADR-004) |');
    // Every row has exactly the seven cells (pipes inside values are escaped).
    for (const l of lines) expect(l.replace(/\\\|/g, '').split('|').length - 2).toBe(7);
  });
});
