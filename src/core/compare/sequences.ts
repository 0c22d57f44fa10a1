import type { Sequence } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, qname, type CompareContext, type KindComparer } from './context';

export function describeSequence(s: Sequence): string {
  return [
    `AS ${s.dataType}`, `START ${s.start}`, `INCREMENT ${s.increment}`, `MINVALUE ${s.min}`, `MAXVALUE ${s.max}`,
    s.cycle ? 'CYCLE' : 'NO CYCLE', s.ownedBy ? `OWNED BY ${s.ownedBy}` : 'OWNED BY NONE',
    // CACHE 1 is the default and is left out, so older reports read the same.
    s.cache && s.cache !== '1' ? `CACHE ${s.cache}` : '',
  ].filter(Boolean).join(' ');
}

/** The table a sequence belongs to through its owning column, if any. */
const ownerTable = (s: Sequence) => (s.ownedBy ? s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.')) : null);

/**
 * Sequences. One owned by a column of a table present on one side only goes with that table
 * (not reported again).
 */
export const compareSequences: KindComparer = (ctx: CompareContext) => {
  const key = (s: Sequence) => qname(s.schema, s.name);
  const inScope = (s: Sequence) => { const t = ownerTable(s); return t === null || !ctx.oneSidedTables.has(t); };
  const d = diffLists(ctx.expected.sequences.filter(inScope), ctx.actual.sequences.filter(inScope), key, (e, a) => [
    ...(describeSequence(e) === describeSequence(a) ? [] : [divergence(ctx, {
      kind: 'definition_mismatch', objectType: 'sequence', object: key(e), table: ownerTable(e), expected: describeSequence(e), actual: describeSequence(a),
      message: `${e.identity ? 'identity sequence' : 'sequence'} ${key(e)} differs from canonical`,
    })]),
    ...commentDivergence(ctx, 'sequence', key(e), ownerTable(e), e.comment ?? null, a.comment ?? null),
  ]);
  return [
    ...d.missing.map((s) => divergence(ctx, { kind: 'missing', objectType: 'sequence', object: key(s), table: ownerTable(s), expected: describeSequence(s), actual: null, message: `sequence ${key(s)} is missing from the dump` })),
    ...d.extra.map((s) => divergence(ctx, { kind: 'extra', objectType: 'sequence', object: key(s), table: ownerTable(s), expected: null, actual: describeSequence(s), message: `sequence ${key(s)} is not in the canonical schema` })),
    ...d.altered,
  ];
};
