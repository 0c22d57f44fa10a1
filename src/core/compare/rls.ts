import type { Table } from '../model';
import { diffLists } from './diff-lists';
import { divergence, qname, type CompareContext, type KindComparer } from './context';

const describeRls = (t: Table) =>
  !t.rlsEnabled ? 'ROW LEVEL SECURITY disabled' : t.rlsForced ? 'ROW LEVEL SECURITY enabled, forced' : 'ROW LEVEL SECURITY enabled, not forced';

/**
 * ENABLE / FORCE ROW LEVEL SECURITY of tables present on both sides. Losing either is reported
 * (`rls_disabled`, `rls_not_forced`); RLS the dump has and canonical does not is `extra`.
 */
export const compareRls: KindComparer = (ctx: CompareContext) =>
  diffLists(ctx.expected.tables, ctx.actual.tables, (t) => qname(t.schema, t.name), (e, a) => {
    const object = qname(e.schema, e.name);
    const base = { objectType: 'rls' as const, object, table: object, expected: describeRls(e), actual: describeRls(a) };
    if (e.rlsEnabled && !a.rlsEnabled) {
      return [divergence(ctx, { ...base, kind: 'rls_disabled', message: `${object} has row level security disabled; canonical enables it` })];
    }
    if (e.rlsForced && !a.rlsForced) {
      return [divergence(ctx, { ...base, kind: 'rls_not_forced', message: `${object} does not FORCE row level security; the table owner bypasses its policies` })];
    }
    if ((a.rlsEnabled && !e.rlsEnabled) || (a.rlsForced && !e.rlsForced)) {
      return [divergence(ctx, { ...base, kind: 'extra', message: `${object} has ${describeRls(a)}; canonical: ${describeRls(e)}` })];
    }
    return [];
  }).altered;
