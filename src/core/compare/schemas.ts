import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, type KindComparer } from './context';

/** Schemas (namespaces): present or not, and COMMENT ON SCHEMA (owners: owners.ts). */
export const compareNamespaces: KindComparer = (ctx) => {
  const comments = (m: typeof ctx.expected) => new Map((m.namespaces ?? []).map((n) => [n.name, n.comment]));
  const ec = comments(ctx.expected);
  const ac = comments(ctx.actual);
  const d = diffLists(ctx.expected.schemas, ctx.actual.schemas, (s) => s, (s) => commentDivergence(ctx, 'schema', s, null, ec.get(s) ?? null, ac.get(s) ?? null));
  return [
    ...d.missing.map((s) => divergence(ctx, { kind: 'missing', objectType: 'schema', object: s, table: null, expected: `schema ${s}`, actual: null, message: `schema ${s} is missing from the dump` })),
    ...d.extra.map((s) => divergence(ctx, { kind: 'extra', objectType: 'schema', object: s, table: null, expected: null, actual: `schema ${s}`, message: `schema ${s} is not in the canonical schema` })),
    ...d.altered,
  ];
};
