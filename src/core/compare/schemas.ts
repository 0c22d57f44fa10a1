import { diffLists } from './diff-lists';
import { divergence, type KindComparer } from './context';

/** Schemas (namespaces): present or not. */
export const compareNamespaces: KindComparer = (ctx) => {
  const d = diffLists(ctx.expected.schemas, ctx.actual.schemas, (s) => s, () => []);
  return [
    ...d.missing.map((s) => divergence(ctx, { kind: 'missing', objectType: 'schema', object: s, table: null, expected: `schema ${s}`, actual: null, message: `schema ${s} is missing from the dump` })),
    ...d.extra.map((s) => divergence(ctx, { kind: 'extra', objectType: 'schema', object: s, table: null, expected: null, actual: `schema ${s}`, message: `schema ${s} is not in the canonical schema` })),
  ];
};
