/**
 * planFix(): the SQL that turns the dump's schema into the canonical one, as an ordered list of
 * statements with hazards. Pure over the Db port: both databases are read (catalog.ts) but never
 * changed. Every divergence the diff reported is either named in some statement's `fixes` or
 * listed in `unfixed` with the reason.
 */
import type { Db } from '../db';
import type { SchemaModel } from '../model';
import type { Divergence } from '../report/types';
import { readFixCatalog } from './catalog';
import { FixContext, type KindFixer } from './context';
import { fixColumns } from './kinds/columns';
import { fixComments } from './kinds/comments';
import { fixConstraints } from './kinds/constraints';
import { fixFunctions } from './kinds/functions';
import { fixIndexes } from './kinds/indexes';
import { fixNamespaces } from './kinds/namespaces';
import { fixPolicies } from './kinds/policies';
import { fixPrivileges } from './kinds/privileges';
import { fixRls } from './kinds/rls';
import { fixSequences } from './kinds/sequences';
import { fixTables } from './kinds/tables';
import { fixTriggers } from './kinds/triggers';
import { fixTypes } from './kinds/types';
import { fixViews } from './kinds/views';
import { orderStatements } from './order';
import { rebuildDependants } from './rebuild';
import type { FixPlan } from './types';

/**
 * Structural kinds, in the order they must decide (tables before what lives on them; columns
 * before sequences, which skip those an identity change already handles).
 */
export const STRUCTURAL_FIXERS: readonly KindFixer[] = [
  fixNamespaces, fixTypes, fixTables, fixColumns, fixSequences, fixFunctions, fixConstraints, fixIndexes,
  fixViews, fixTriggers, fixPolicies, fixRls,
];
/** Kinds that need to know what the structural ones (and the dependant rebuild) created. */
export const FOLLOW_UP_FIXERS: readonly KindFixer[] = [fixPrivileges, fixComments];

export interface FixSource {
  model: SchemaModel;
  db: Db;
}

export interface PlanOptions {
  lockTimeout?: string;
  statementTimeout?: string;
}

export async function planFix(canonical: FixSource, dump: FixSource, divergences: readonly Divergence[], options: PlanOptions = {}): Promise<FixPlan> {
  const [cc, dc] = [await readFixCatalog(canonical.db), await readFixCatalog(dump.db)];
  const ctx = new FixContext({ model: canonical.model, catalog: cc }, { model: dump.model, catalog: dc }, divergences);
  for (const f of STRUCTURAL_FIXERS) f(ctx);
  rebuildDependants(ctx);
  for (const f of FOLLOW_UP_FIXERS) f(ctx);

  const covered = new Set(ctx.statements.flatMap((s) => s.fixes));
  const unfixed = [...ctx.unfixed];
  for (const d of divergences) {
    if (covered.has(d.id) || ctx.claimed.has(d.id) || unfixed.some((u) => u.divergence === d.id)) continue;
    unfixed.push({ divergence: d.id, reason: `no statement fixes ${d.kind} of ${d.object_type} (${d.message})` });
  }
  return {
    statements: orderStatements(ctx.statements, cc, dc),
    unfixed,
    lockTimeout: options.lockTimeout ?? '5s',
    statementTimeout: options.statementTimeout ?? '15min',
  };
}
