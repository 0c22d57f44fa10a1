/**
 * Seeding "while acting as the principal" (rls/worlds.ts): on the Supabase model, whose
 * `notes.created_by uuid NOT NULL DEFAULT auth.uid()` is filled by its default, the worlds are
 * written with the principal's JWT claims in effect — the INSERT leaves `created_by` out and the
 * row still holds the principal's id — while "identity never set" is still observed (read on
 * worlds seeded before any setting existed, in a rolled-back transaction).
 */
import { describe, expect, it } from 'vitest';
import { runRlsOracle } from '../../src/core/rls/oracle';
import { loadSql, read } from './helpers';

describe('seeding acts as the principal (fixtures/rls_models/supabase)', () => {
  it('fills auth.uid() defaults from the principal\u2019s claims, still observes the identity unset', async () => {
    const sql = read('fixtures/rls_models/supabase/correct/dump.sql');
    const canon = await loadSql(sql, 'canonical');
    const dump = await loadSql(sql, 'dump');
    try {
      const rls = await runRlsOracle({ db: canon.db, model: canon.model }, { db: dump.db, model: dump.model });
      const [a, b] = rls.dump!.principals;
      // the seeding session acted as each principal
      expect(a.session?.join('\n')).toContain(`'request.jwt.claims', '{"sub":"${a.value}"`);
      expect(b.session?.join('\n')).toContain(b.value);
      // notes.created_by is left to its default (auth.uid()) …
      const notes = a.world.find((w) => w.table === 'public.notes')!;
      expect(notes.error).toBeNull();
      expect(notes.sql).toMatch(/^INSERT INTO public\.notes/);
      expect(notes.sql).not.toContain('created_by');
      // … and the row holds the principal's id all the same
      const own = rls.tests.find((t) => t.table === 'public.notes' && t.scenario === 'own_rows_visible')!;
      expect(own.outcome).toBe('passed');
      expect(own.rows?.[0]?.created_by).toBe(a.value);
      // the principal's own auth.users row is reported in its world
      expect(a.world.find((w) => w.table === 'auth.users')?.error).toBeNull();
      // "never set" is still observed on every table, on both sides
      const unset = rls.tests.filter((t) => t.scenario === 'unset_guc_denied');
      expect(unset.length).toBe(4);
      expect(unset.map((t) => `${t.table}: ${t.outcome}`)).toEqual(unset.map((t) => `${t.table}: passed`));
      expect(rls.summary).toMatchObject({ failed: 0, inconclusive: 0 });
    } finally {
      await canon.db.close();
      await dump.db.close();
    }
  }, 240_000);
});
