import { bareName } from '../ast';
import type { LintRule, RuleReport } from '../types';

/**
 * Seed 003 §2.1 rule 3: contract fields are NOT NULL. The contract is data in the overlay:
 * `lint.required_columns` lists the columns the API contract requires (its `required` arrays).
 * Without that list the rule has nothing to check.
 */
export const rule: LintRule = {
  id: 'require_contract_not_null',
  description: 'Columns the overlay lists as contract fields (`lint.required_columns`) are created NOT NULL and stay NOT NULL.',
  severity: 'error',
  source: 'seed 003 §2.1 rule 3, gate 2.1.4 (contract required fields → NOT NULL)',
  help: 'Declare the column NOT NULL (with a default or a backfill for existing rows).',
  problem: 'A contract field the application must always receive is nullable: one missing value slips through and the invariants built on it (sums, tenancy, authorisation) silently skip the row.',
  solution: 'Create the column `NOT NULL`; when adding it to a populated table, add it with a default or backfill first, then set NOT NULL.',
  check(ctx) {
    const required = new Set((ctx.spec?.lint?.requiredColumns ?? []).map((c) => c.split('.').slice(-2).join('.')));
    if (required.size === 0) return [];
    const out: RuleReport[] = [];
    for (const c of ctx.facts.columns) {
      if (!c.notNull && required.has(`${c.table}.${c.name}`)) {
        out.push({ statement: c.statement, offset: c.offset, message: `contract field ${c.table}.${c.name} is created nullable` });
      }
    }
    for (const s of ctx.statements) {
      const a = s.node.AlterTableStmt;
      if (!a) continue;
      (a.cmds ?? []).forEach((x: { AlterTableCmd?: { subtype: string; name: string } }, i: number) => {
        const cmd = x.AlterTableCmd;
        if (cmd?.subtype === 'AT_DropNotNull' && required.has(`${bareName(String(a.relation?.relname ?? ''))}.${cmd.name}`)) {
          out.push({ statement: s, offset: s.alterCmdOffsets[i], message: `contract field ${a.relation?.relname}.${cmd.name} loses NOT NULL` });
        }
      });
    }
    return out;
  },
};
