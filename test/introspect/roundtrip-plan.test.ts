/** The print-stability pass re-reads only the catalog kinds its statements can change. */
import { describe, expect, it } from 'vitest';
import { roundTripPlan } from '../../src/core/introspect/roundtrip';
import type { SchemaModel } from '../../src/core/model';

const empty = (): SchemaModel => ({
  schemas: ['public'], extensions: [], tables: [], constraints: [], indexes: [], policies: [], triggers: [],
  functions: [], views: [], sequences: [], types: [], privileges: [], roles: [],
});
const unstableCheck = "CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))";

describe('roundTripPlan', () => {
  it('nothing unstable: no statements, nothing to re-read', () => {
    expect(roundTripPlan(empty())).toEqual({ statements: [], touches: { relations: false, constraints: false, indexes: false, policies: false } });
  });

  it('only CHECK constraints unstable: re-reads constraints alone', () => {
    const m = empty();
    m.constraints.push({
      schema: 'public', table: 't', name: 't_status_check', type: 'check', columns: ['status'], definition: unstableCheck,
      foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null,
    });
    const plan = roundTripPlan(m);
    expect(plan.statements).toEqual([`ALTER TABLE public.t DROP CONSTRAINT t_status_check, ADD CONSTRAINT t_status_check ${unstableCheck}`]);
    expect(plan.touches).toEqual({ relations: false, constraints: true, indexes: false, policies: false });
  });

  it('an unstable policy or view touches policies or relations', () => {
    const m = empty();
    m.policies.push({ schema: 'public', table: 't', name: 'p', command: 'ALL', permissive: true, roles: ['public'], using: "(x = ANY (ARRAY['a'::text]))", withCheck: null });
    m.views.push({ schema: 'public', name: 'v', materialized: false, definition: " SELECT 1 WHERE 'a'::text = ANY (ARRAY['a'::text]);", columns: [], owner: 'postgres', comment: null });
    expect(roundTripPlan(m).touches).toEqual({ relations: true, constraints: false, indexes: false, policies: true });
  });
});
