import type { Constraint } from '../model';
import type { Divergence } from '../report/types';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { pairByDefinition } from './renamed';
import { divergence, onTable, tableOf, type CompareContext, type KindComparer } from './context';

/** pg_get_constraintdef already carries type, columns, FK target/actions, DEFERRABLE and NOT VALID. */
const shape = (c: Constraint) => c.definition;

/**
 * PK / FK / UNIQUE / CHECK / EXCLUDE of tables present on both sides (NOT NULL is the column's
 * nullability). An untagged constraint inherits its columns' classification (context.ts).
 */
export const compareConstraints: KindComparer = (ctx: CompareContext) => {
  const inScope = (c: Constraint) => !ctx.oneSidedTables.has(tableOf(c));
  const d = diffLists(ctx.expected.constraints.filter(inScope), ctx.actual.constraints.filter(inScope), onTable, (e, a) => {
    const object = onTable(e);
    const out: Divergence[] = [];
    if (shape(e) !== shape(a)) {
      out.push(divergence(ctx, {
        kind: 'definition_mismatch', objectType: 'constraint', object, table: tableOf(e), expected: e.definition, actual: a.definition,
        inheritFromColumns: e.columns, message: `${e.type} constraint ${object} differs from canonical`,
      }));
    }
    out.push(...commentDivergence(ctx, 'constraint', object, tableOf(e), e.comment, a.comment));
    return out;
  });
  const renamed = pairByDefinition(d.missing, d.extra, shape);
  const renamedTo = new Set(renamed.values());
  return [
    ...d.missing.map((c) => {
      const other = renamed.get(c);
      return divergence(ctx, {
        kind: 'missing', objectType: 'constraint', object: onTable(c), table: tableOf(c), expected: c.definition, actual: other ? other.definition : null,
        inheritFromColumns: c.columns, severity: other ? 'LOW' : undefined,
        message: other
          ? `${c.type} constraint ${onTable(c)} is named ${other.name} in the dump (same definition)`
          : `${c.type} constraint ${onTable(c)} is missing from the dump`,
      });
    }),
    ...d.extra.filter((c) => !renamedTo.has(c)).map((c) => divergence(ctx, {
      kind: 'extra', objectType: 'constraint', object: onTable(c), table: tableOf(c), expected: null, actual: c.definition,
      message: `${c.type} constraint ${onTable(c)} is not in the canonical schema`,
    })),
    ...d.altered,
  ];
};
