import type { TypeDef } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, qname, type CompareContext, type KindComparer } from './context';

const describe = (t: TypeDef) => `${t.kind.toUpperCase()} ${t.definition}`;

/** Enums (labels in order), domains, composite and range types. */
export const compareTypes: KindComparer = (ctx: CompareContext) => {
  const key = (t: TypeDef) => qname(t.schema, t.name);
  const d = diffLists(ctx.expected.types, ctx.actual.types, key, (e, a) => {
    const out = [];
    if (describe(e) !== describe(a)) {
      const added = a.labels.filter((l) => !e.labels.includes(l));
      const removed = e.labels.filter((l) => !a.labels.includes(l));
      const detail = e.kind === 'enum' && a.kind === 'enum' && (added.length || removed.length)
        ? ` (${[removed.length ? `lacks ${removed.join(', ')}` : '', added.length ? `adds ${added.join(', ')}` : ''].filter(Boolean).join('; ')})`
        : '';
      out.push(divergence(ctx, { kind: 'definition_mismatch', objectType: 'type', object: key(e), table: null, expected: describe(e), actual: describe(a), message: `type ${key(e)} differs from canonical${detail}` }));
    }
    out.push(...commentDivergence(ctx, 'type', key(e), null, e.comment, a.comment));
    // A domain's constraints live in its definition; their comments are compared by name.
    const [ec, ac] = [e.constraintComments ?? {}, a.constraintComments ?? {}];
    for (const name of [...new Set([...Object.keys(ec), ...Object.keys(ac)])].sort()) {
      out.push(...commentDivergence(ctx, 'constraint', `${key(e)}.${name}`, null, ec[name] ?? null, ac[name] ?? null));
    }
    return out;
  });
  return [
    ...d.missing.map((t) => divergence(ctx, { kind: 'missing', objectType: 'type', object: key(t), table: null, expected: describe(t), actual: null, message: `type ${key(t)} is missing from the dump` })),
    ...d.extra.map((t) => divergence(ctx, { kind: 'extra', objectType: 'type', object: key(t), table: null, expected: null, actual: describe(t), message: `type ${key(t)} is not in the canonical schema` })),
    ...d.altered,
  ];
};
