/**
 * Compliance diff: the canonical model against a dump's model, each divergence classified by
 * the overlay (`classify`, spec/classify.ts). Works with no overlay too (`defaultSpec()`).
 * Roles and owners are never diffed: dumps carry no CREATE ROLE, and OWNER TO is noise
 * (seed 004 §3.1).
 */
import type { SchemaModel } from '../model';
import type { Divergence } from '../report/types';
import type { Spec } from '../spec/types';
import { severityRank } from '../spec/classify';
import { qname, type CompareContext, type KindComparer } from './context';
import { compareNamespaces } from './schemas';
import { compareExtensions } from './extensions';
import { compareTables } from './tables';
import { compareColumns } from './columns';
import { compareConstraints } from './constraints';
import { compareIndexes } from './indexes';
import { compareRls } from './rls';
import { comparePolicies } from './policies';
import { compareTriggers } from './triggers';
import { compareFunctions, funcKey } from './functions';
import { compareViews } from './views';
import { compareSequences } from './sequences';
import { compareTypes } from './types';
import { comparePrivileges } from './privileges';
import { compareOwners } from './owners';
import { compareCollations } from './collations';
import { compareEventTriggers } from './event-triggers';
import { compareRules } from './rules';
import { comparePublications } from './publications';
import { compareForeignDataWrappers, compareForeignServers } from './foreign-servers';
import { compareDefaultPrivileges } from './default-privileges';

/** Every object kind, one comparer each; the engine just loops. */
export const COMPARERS: readonly KindComparer[] = [
  compareNamespaces, compareExtensions, compareTables, compareColumns, compareConstraints, compareIndexes, compareRls,
  comparePolicies, compareTriggers, compareFunctions, compareViews, compareSequences, compareTypes, comparePrivileges,
  compareOwners, compareCollations, compareEventTriggers, compareRules, comparePublications, compareForeignDataWrappers, compareForeignServers,
  compareDefaultPrivileges,
];

function oneSided(a: Iterable<string>, b: Iterable<string>): Set<string> {
  const sa = new Set(a);
  const sb = new Set(b);
  return new Set([...[...sa].filter((x) => !sb.has(x)), ...[...sb].filter((x) => !sa.has(x))]);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Severity first (BLOCKING … LOW), then object, then kind; id breaks the last ties. */
export function sortDivergences(ds: Divergence[]): Divergence[] {
  return [...ds].sort((x, y) =>
    severityRank(x.severity) - severityRank(y.severity) || byString(x.object, y.object) || byString(x.kind, y.kind) || byString(x.id, y.id));
}

export function compareSchemas(expected: SchemaModel, actual: SchemaModel, spec: Spec): Divergence[] {
  const names = (m: SchemaModel) => [
    ...m.tables.map((t) => qname(t.schema, t.name)),
    ...m.views.map((v) => qname(v.schema, v.name)),
    ...m.sequences.map((s) => qname(s.schema, s.name)),
    ...m.functions.map(funcKey),
    ...m.schemas,
  ];
  const ctx: CompareContext = {
    spec, expected, actual,
    oneSidedTables: oneSided(expected.tables.map((t) => qname(t.schema, t.name)), actual.tables.map((t) => qname(t.schema, t.name))),
    oneSidedObjects: oneSided(names(expected), names(actual)),
  };
  const out = COMPARERS.flatMap((c) => c(ctx));
  // One divergence per id: a comparer never reports the same thing twice, but be certain.
  const seen = new Set<string>();
  return sortDivergences(out.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true))));
}
