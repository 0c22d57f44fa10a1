import { as, rangeVarName } from '../ast';
import { isNewTable } from '../facts';
import { alterCmds } from '../helpers';
import type { LintRule, RuleReport } from '../types';

/** ALTER TABLE … DETACH PARTITION without CONCURRENTLY on a partitioned table the migration did not create. */
export const rule: LintRule = {
  id: 'require_concurrent_partition_detach',
  description: '`DETACH PARTITION` on an existing partitioned table uses `CONCURRENTLY`.',
  severity: 'warning',
  source: 'squawk require-concurrent-partition-detach; PostgreSQL docs ALTER TABLE "DETACH PARTITION"',
  help: 'Use `ALTER TABLE … DETACH PARTITION … CONCURRENTLY` (PostgreSQL 14+, outside a transaction block; not for the default partition).',
  problem: 'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on any partition waits until it is done, and it waits itself behind running queries.',
  solution: 'Detach with `CONCURRENTLY`: it takes SHARE UPDATE EXCLUSIVE and waits for running transactions in two steps. If it is interrupted, finish it with `DETACH PARTITION … FINALIZE`.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const a of alterCmds(ctx)) {
      if (a.cmd.subtype !== 'AT_DetachPartition' || isNewTable(ctx.facts, a.table, a.statement.index)) continue;
      const p = as(a.cmd.def, 'PartitionCmd');
      if (p?.concurrent) continue;
      out.push({ statement: a.statement, offset: a.offset, message: `DETACH PARTITION ${rangeVarName(p?.name)} locks partitioned table ${a.table} against reads and writes` });
    }
    return out;
  },
};
