/**
 * "Identity never set" reads taken on throwaway worlds (seeding that must act as the principal)
 * need their positive control on those same rows. Here a BEFORE INSERT trigger stamps the owner
 * from the identity: seeded with no identity in effect, the throwaway rows belong to nobody, so
 * "no rows visible" proves nothing — even though principal a sees its own row in the main worlds.
 */
import { describe, expect, it } from 'vitest';
import { runRlsSuite } from '../../src/core/rls/suite';
import { parseSpec } from '../../src/core/spec/parse';
import { loadSql } from './helpers';

const SQL = `
CREATE TABLE public.notes (id serial PRIMARY KEY, owner_id uuid, body text);
CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.owner_id := NULLIF(current_setting('app.uid', true), '')::uuid; RETURN NEW; END $$;
CREATE TRIGGER notes_stamp BEFORE INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION public.stamp();
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.notes FORCE ROW LEVEL SECURITY;
CREATE POLICY own ON public.notes USING (owner_id = NULLIF(current_setting('app.uid', true), '')::uuid);
`;

const overlay = ['name: m', 'tenancy: { column: owner_id, guc: app.uid, identity: { preset: guc, owner_columns: [owner_id] } }', 'phases: []', 'elements: []'].join('\n');

describe('the "identity never set" denial and its control', () => {
  it('is not passed when the rows it was judged on were invisible to their owner too', async () => {
    const { db, model } = await loadSql(SQL, 'unset-control');
    try {
      const rls = await runRlsSuite(db, model, parseSpec(overlay, 'overlay.yaml').tenancy!);
      const notes = rls.tests.filter((t) => t.table === 'public.notes');
      // the main worlds work: a sees its own row, b's row is invisible to it
      expect(notes.find((t) => t.scenario === 'cross_tenant_invisible')?.outcome).toBe('passed');
      const unset = notes.find((t) => t.scenario === 'unset_guc_denied')!;
      expect(unset.outcome).toBe('inconclusive');
    } finally {
      await db.close();
    }
  }, 120_000);
});
