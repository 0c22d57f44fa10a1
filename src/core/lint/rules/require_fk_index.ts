import type { LintRule, RuleReport } from '../types';

/** Whether some index's leading keys are exactly the FK's columns (in any order). */
function covered(keys: (string | null)[], cols: string[]): boolean {
  if (keys.length < cols.length) return false;
  const lead = new Set(keys.slice(0, cols.length));
  return cols.every((c) => lead.has(c));
}

/**
 * A foreign key whose referencing columns lead no index: every DELETE or key UPDATE on the
 * referenced table scans the referencing table (under lock) to enforce the constraint, and joins
 * on the key have nothing to use. Indexes are looked for in the migration and, when known, in
 * the base schema.
 */
export const rule: LintRule = {
  id: 'require_fk_index',
  description: 'The referencing columns of a foreign key lead an index.',
  severity: 'warning',
  source: 'PostgreSQL docs §5.4.5 (indexes on referencing columns); pg-schema-diff, squawk discussions',
  help: 'Create an index whose first columns are the foreign key\'s columns (CONCURRENTLY on an existing table).',
  problem: 'PostgreSQL indexes the referenced side of a foreign key, not the referencing side. Without that index, each delete or key update on the parent scans the child table to check for references (holding locks meanwhile), and cascades crawl.',
  solution: 'Index the referencing columns (a composite index led by them counts). On a table that already has rows, build it with `CREATE INDEX CONCURRENTLY`.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const fk of ctx.facts.foreignKeys) {
      const inFile = ctx.facts.indexes.some((i) => i.table === fk.table && !i.partial && covered(i.columns, fk.columns));
      const inBase = (ctx.base?.indexes ?? []).some((i) => i.table === fk.table && !i.predicate && covered(i.keys.map((k) => (k.isColumn ? k.expression : null)), fk.columns));
      if (!inFile && !inBase) out.push({ statement: fk.statement, offset: fk.offset, message: `foreign key ${fk.table}(${fk.columns.join(', ')}) → ${fk.refTable} has no index on its referencing columns` });
    }
    return out;
  },
};
