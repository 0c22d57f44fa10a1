import type { Policy } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, onTable, tableOf, type CompareContext, type KindComparer } from './context';

/** A policy as one line, e.g. `PERMISSIVE FOR ALL TO app_rw USING (…) WITH CHECK (…)`. */
export function describePolicy(p: Policy): string {
  return [
    p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE',
    `FOR ${p.command}`,
    `TO ${p.roles.join(', ')}`,
    p.using !== null ? `USING ${p.using}` : null,
    p.withCheck !== null ? `WITH CHECK ${p.withCheck}` : null,
  ].filter((x) => x !== null).join(' ');
}

function differences(e: Policy, a: Policy): string[] {
  const out: string[] = [];
  if (e.permissive !== a.permissive) out.push(a.permissive ? 'is PERMISSIVE, canonical RESTRICTIVE' : 'is RESTRICTIVE, canonical PERMISSIVE');
  if (e.command !== a.command) out.push(`applies to ${a.command}, canonical ${e.command}`);
  if (e.roles.join(',') !== a.roles.join(',')) out.push(`applies to roles ${a.roles.join(', ')}, canonical ${e.roles.join(', ')}`);
  if (e.using !== a.using) out.push(a.using === null ? 'has no USING' : 'has a different USING');
  if (e.withCheck !== a.withCheck) out.push(a.withCheck === null ? 'has no WITH CHECK' : 'has a different WITH CHECK');
  return out;
}

/** RLS policies of tables present on both sides: command, roles, permissive, USING, WITH CHECK. */
export const comparePolicies: KindComparer = (ctx: CompareContext) => {
  const inScope = (p: Policy) => !ctx.oneSidedTables.has(tableOf(p));
  const d = diffLists(ctx.expected.policies.filter(inScope), ctx.actual.policies.filter(inScope), onTable, (e, a) => {
    const diff = differences(e, a);
    const comment = commentDivergence(ctx, 'policy', onTable(e), tableOf(e), e.comment ?? null, a.comment ?? null);
    return diff.length === 0 ? comment : [divergence(ctx, {
      kind: 'policy_mismatch', objectType: 'policy', object: onTable(e), table: tableOf(e), expected: describePolicy(e), actual: describePolicy(a),
      message: `policy ${onTable(e)} ${diff.join('; ')}`,
    }), ...comment];
  });
  return [
    ...d.missing.map((p) => divergence(ctx, {
      kind: 'missing', objectType: 'policy', object: onTable(p), table: tableOf(p), expected: describePolicy(p), actual: null,
      message: `policy ${onTable(p)} is missing from the dump`,
    })),
    ...d.extra.map((p) => divergence(ctx, {
      kind: 'extra', objectType: 'policy', object: onTable(p), table: tableOf(p), expected: null, actual: describePolicy(p),
      message: `policy ${onTable(p)} is not in the canonical schema`,
    })),
    ...d.altered,
  ];
};
