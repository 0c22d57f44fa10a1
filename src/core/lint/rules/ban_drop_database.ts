import type { LintRule, RuleReport } from '../types';

/** DROP DATABASE in a migration. */
export const rule: LintRule = {
  id: 'ban_drop_database',
  description: 'No `DROP DATABASE` in a migration.',
  severity: 'error',
  source: 'squawk ban-drop-database; PostgreSQL docs DROP DATABASE',
  destructive: true,
  help: 'Drop databases by hand or in provisioning, never from a schema migration; if it is truly intended, sign it with `-- CI:DESTRUCTIVE_OK: <reason>`.',
  problem: 'DROP DATABASE deletes every table, row and object of the database at once, and cannot be rolled back (it cannot even run inside a transaction block). In a migration it is almost always a setup script that reached the wrong environment.',
  solution: 'Keep database creation and removal out of migrations, in provisioning or test setup that cannot run against production.',
  check(ctx) {
    const out: RuleReport[] = [];
    for (const s of ctx.statements) if (s.node.DropdbStmt) out.push({ statement: s, message: `DROP DATABASE ${s.node.DropdbStmt.dbname} deletes the whole database` });
    return out;
  },
};
