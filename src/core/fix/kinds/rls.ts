/** ENABLE / DISABLE and FORCE / NO FORCE ROW LEVEL SECURITY, per canonical table. */
import { H, qn, type KindFixer } from '../context';
import { rel } from '../sql';

export const fixRls: KindFixer = (ctx) => {
  const dump = new Map(ctx.dump.model.tables.map((t) => [qn(t.schema, t.name), t]));
  for (const e of ctx.canonical.model.tables) {
    const key = qn(e.schema, e.name);
    const a = dump.get(key) ?? { rlsEnabled: false, rlsForced: false };
    const fixes = ctx.ids(`rls_disabled:rls:${key}`, `rls_not_forced:rls:${key}`, `extra:rls:${key}`, `missing:table:${key}`);
    const t = rel(e.schema, e.name);
    if (e.rlsEnabled !== a.rlsEnabled) {
      ctx.emit({
        sql: `ALTER TABLE ${t} ${e.rlsEnabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`, phase: 'rls', object: key, fixes,
        why: e.rlsEnabled ? `canonical enables row level security on ${key}` : `canonical does not enable row level security on ${key}`,
        hazards: [H.authz(e.rlsEnabled ? `non-owner roles now see only the rows ${key}'s policies allow` : `policies on ${key} stop applying`), H.lock(key)],
      });
    }
    if (e.rlsForced !== a.rlsForced) {
      ctx.emit({
        sql: `ALTER TABLE ${t} ${e.rlsForced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;`, phase: 'rls', object: key, fixes,
        why: e.rlsForced ? `canonical forces row level security on ${key}: the owner is subject to the policies too` : `canonical does not force row level security on ${key}`,
        hazards: [H.authz(e.rlsForced ? `the owner of ${key} now sees only what the policies allow` : `the owner of ${key} bypasses its policies`), H.lock(key)],
      });
    }
  }
};
