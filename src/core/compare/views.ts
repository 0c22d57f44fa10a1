import type { View } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, qname, type CompareContext, type KindComparer } from './context';

const objectType = (v: View) => (v.materialized ? 'materialized_view' as const : 'view' as const);
const label = (v: View) => (v.materialized ? 'materialized view' : 'view');
const describe = (v: View) => `${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'}${v.options?.length ? ` WITH (${v.options.join(', ')})` : ''} AS${v.definition}`;

/** Views and materialized views by pg_get_viewdef(oid, true). */
export const compareViews: KindComparer = (ctx: CompareContext) => {
  const key = (v: View) => qname(v.schema, v.name);
  const d = diffLists(ctx.expected.views, ctx.actual.views, key, (e, a) => {
    const out = [];
    if (describe(e) !== describe(a)) {
      out.push(divergence(ctx, {
        kind: 'definition_mismatch', objectType: objectType(e), object: key(e), table: null, expected: describe(e), actual: describe(a),
        message: e.materialized !== a.materialized ? `${key(e)} is a ${label(a)}; canonical: ${label(e)}` : `${label(e)} ${key(e)} differs from canonical`,
      }));
    }
    out.push(...commentDivergence(ctx, objectType(e), key(e), null, e.comment, a.comment));
    // COMMENT ON COLUMN of a view's output columns.
    const actualColumns = new Map(a.columns.map((c) => [c.name, c]));
    for (const c of e.columns) {
      const ac = actualColumns.get(c.name);
      if (ac) out.push(...commentDivergence(ctx, 'column', `${key(e)}.${c.name}`, null, c.comment ?? null, ac.comment ?? null));
    }
    return out;
  });
  return [
    ...d.missing.map((v) => divergence(ctx, { kind: 'missing', objectType: objectType(v), object: key(v), table: null, expected: describe(v), actual: null, message: `${label(v)} ${key(v)} is missing from the dump` })),
    ...d.extra.map((v) => divergence(ctx, { kind: 'extra', objectType: objectType(v), object: key(v), table: null, expected: null, actual: describe(v), message: `${label(v)} ${key(v)} is not in the canonical schema` })),
    ...d.altered,
  ];
};
