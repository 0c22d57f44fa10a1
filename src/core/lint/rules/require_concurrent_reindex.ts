import { rangeVarName } from '../ast';
import { isNewTable } from '../facts';
import { reindexConcurrently, statementsOf } from '../helpers';
import type { LintRule, RuleReport } from '../types';

const KIND: Record<string, string> = {
  REINDEX_OBJECT_INDEX: 'INDEX', REINDEX_OBJECT_TABLE: 'TABLE', REINDEX_OBJECT_SCHEMA: 'SCHEMA', REINDEX_OBJECT_DATABASE: 'DATABASE',
};

/** REINDEX without CONCURRENTLY (REINDEX SYSTEM has no concurrent form and is left alone). */
export const rule: LintRule = {
  id: 'require_concurrent_reindex',
  description: '`REINDEX` of an index, table, schema or database uses `CONCURRENTLY`.',
  severity: 'warning',
  source: 'squawk require-concurrent-reindex; PostgreSQL docs REINDEX "Rebuilding Indexes Concurrently"',
  help: 'Use `REINDEX … CONCURRENTLY` (PostgreSQL 12+, outside a transaction block).',
  problem: 'A plain REINDEX locks out writes to the table for the whole rebuild, and REINDEX INDEX takes an ACCESS EXCLUSIVE lock on the index, so queries that would use it block too.',
  solution: 'Rebuild with `REINDEX INDEX CONCURRENTLY` / `REINDEX TABLE CONCURRENTLY`: it builds the new index beside the old one and swaps them, with reads and writes continuing.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const [s, r] of statementsOf(ctx, 'ReindexStmt')) {
      const kind = KIND[r.kind];
      if (!kind || reindexConcurrently(r)) continue;
      const target = r.relation ? rangeVarName(r.relation) : String(r.name ?? '');
      if (kind === 'TABLE' && isNewTable(ctx.facts, target, s.index)) continue;
      out.push({ statement: s, message: `REINDEX ${kind} ${target} without CONCURRENTLY blocks writes while it rebuilds`.replace(/ +without/, ' without') });
    }
    return out;
  },
};
