import type { Index } from '../model';
import { quoteIdent } from '../pgtext';
import type { Divergence } from '../report/types';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { pairByDefinition } from './renamed';
import { divergence, onTable, tableOf, type CompareContext, type KindComparer } from './context';

/**
 * The index definition with its own name taken out, so two names for one index compare equal.
 * pg_get_indexdef prints the name as quote_ident() does (`"my idx"`, `"Ünïcode"`), never qualified.
 */
export function indexShape(i: Index): string {
  const name = quoteIdent(i.name);
  for (const u of ['UNIQUE ', '']) {
    const prefix = `CREATE ${u}INDEX ${name} ON `;
    if (i.definition.startsWith(prefix)) return `CREATE ${u}INDEX ON ${i.definition.slice(prefix.length)}`;
  }
  return i.definition;
}

/**
 * What pg_get_indexdef leaves out: the partitioned index an index on a partition is attached to,
 * and whether the index is valid (a partitioned index stays invalid while a partition's index is
 * left unattached). Compared only when both models carry it.
 */
function attachment(i: Index): string {
  return [
    i.attachedTo ? `ALTER INDEX ${i.attachedTo} ATTACH PARTITION ${i.schema}.${i.name};` : '',
    i.valid === false ? '-- INVALID: not every partition has an index attached' : '',
  ].filter(Boolean).join('\n');
}
const knowsAttachment = (e: Index, a: Index) => e.attachedTo !== undefined && a.attachedTo !== undefined;
const withAttachment = (i: Index) => [i.definition, attachment(i)].filter(Boolean).join('\n');

/** Columns an index is built on (keys that are plain columns, then INCLUDE). */
const indexColumns = (i: Index) => [...i.keys.filter((k) => k.isColumn).map((k) => k.expression), ...i.include];

/**
 * Indexes of tables present on both sides, compared by pg_get_indexdef (method, key order,
 * DESC/NULLS, opclass, INCLUDE, partial WHERE, UNIQUE, NULLS NOT DISTINCT all live in it).
 * An untagged index inherits its columns' classification (context.ts).
 */
export const compareIndexes: KindComparer = (ctx: CompareContext) => {
  const inScope = (i: Index) => !ctx.oneSidedTables.has(tableOf(i));
  const d = diffLists(ctx.expected.indexes.filter(inScope), ctx.actual.indexes.filter(inScope), onTable, (e, a) => {
    const object = onTable(e);
    const out: Divergence[] = [];
    const shapeDiffers = indexShape(e) !== indexShape(a);
    const attachmentDiffers = knowsAttachment(e, a) && attachment(e) !== attachment(a);
    if (shapeDiffers || attachmentDiffers) {
      const show = attachmentDiffers ? withAttachment : (i: Index) => i.definition;
      out.push(divergence(ctx, {
        kind: 'definition_mismatch', objectType: 'index', object, table: tableOf(e), expected: show(e), actual: show(a),
        inheritFromColumns: indexColumns(e), facts: { unique: e.unique, uniqueInDump: a.unique },
        message: shapeDiffers ? `index ${object} differs from canonical` : attachmentMessage(object, e, a),
      }));
    }
    out.push(...commentDivergence(ctx, 'index', object, tableOf(e), e.comment, a.comment));
    return out;
  });
  const renamed = pairByDefinition(d.missing, d.extra, indexShape);
  const renamedTo = new Set(renamed.values());
  return [
    ...d.missing.map((i) => {
      const other = renamed.get(i);
      return divergence(ctx, {
        kind: 'missing', objectType: 'index', object: onTable(i), table: tableOf(i), expected: i.definition, actual: other ? other.definition : null,
        inheritFromColumns: indexColumns(i), severity: other ? 'LOW' : undefined, facts: { unique: i.unique },
        message: other
          ? `index ${onTable(i)} is named ${other.name} in the dump (same definition)`
          : `index ${onTable(i)} is missing from the dump`,
      });
    }),
    ...d.extra.filter((i) => !renamedTo.has(i)).map((i) => divergence(ctx, {
      kind: 'extra', objectType: 'index', object: onTable(i), table: tableOf(i), expected: null, actual: i.definition,
      message: `index ${onTable(i)} is not in the canonical schema`,
    })),
    ...d.altered,
  ];
};

function attachmentMessage(object: string, e: Index, a: Index): string {
  if ((e.attachedTo ?? null) !== (a.attachedTo ?? null)) {
    return a.attachedTo
      ? `index ${object} is attached to partitioned index ${a.attachedTo} in the dump${e.attachedTo ? `, not ${e.attachedTo}` : ', not attached in the canonical'}`
      : `index ${object} is not attached to partitioned index ${e.attachedTo} in the dump (ALTER INDEX … ATTACH PARTITION missing)`;
  }
  return a.valid === false
    ? `partitioned index ${object} is invalid in the dump: a partition's index is not attached`
    : `partitioned index ${object} is valid in the dump but invalid in the canonical`;
}
