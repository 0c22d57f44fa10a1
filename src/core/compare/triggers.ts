import type { Trigger } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, onTable, tableOf, type CompareContext, type KindComparer } from './context';

const ENABLED: Record<Trigger['enabled'], string> = { O: 'enabled', D: 'DISABLED', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
const describe = (t: Trigger) => (t.enabled === 'O' ? t.definition : `${t.definition} (${ENABLED[t.enabled]})`);

/** Triggers of tables present on both sides, by pg_get_triggerdef and enabled state. */
export const compareTriggers: KindComparer = (ctx: CompareContext) => {
  const inScope = (t: Trigger) => !ctx.oneSidedTables.has(tableOf(t));
  const d = diffLists(ctx.expected.triggers.filter(inScope), ctx.actual.triggers.filter(inScope), onTable, (e, a) => [
    ...(describe(e) === describe(a) ? [] : [divergence(ctx, {
      kind: 'definition_mismatch', objectType: 'trigger', object: onTable(e), table: tableOf(e), expected: describe(e), actual: describe(a),
      message: e.definition === a.definition ? `trigger ${onTable(e)} is ${ENABLED[a.enabled]}; canonical: ${ENABLED[e.enabled]}` : `trigger ${onTable(e)} differs from canonical`,
    })]),
    ...commentDivergence(ctx, 'trigger', onTable(e), tableOf(e), e.comment ?? null, a.comment ?? null),
  ]);
  return [
    ...d.missing.map((t) => divergence(ctx, { kind: 'missing', objectType: 'trigger', object: onTable(t), table: tableOf(t), expected: describe(t), actual: null, message: `trigger ${onTable(t)} is missing from the dump` })),
    ...d.extra.map((t) => divergence(ctx, { kind: 'extra', objectType: 'trigger', object: onTable(t), table: tableOf(t), expected: null, actual: describe(t), message: `trigger ${onTable(t)} is not in the canonical schema` })),
    ...d.altered,
  ];
};
