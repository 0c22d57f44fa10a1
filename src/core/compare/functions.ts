import type { Func } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, type CompareContext, type KindComparer } from './context';

/** Identity of a routine: `public.check_allocation_sum()`, `public.f(p_tenant uuid)`. */
export const funcKey = (f: Func) => `${f.schema}.${f.name}(${f.identityArgs})`;

/**
 * Functions, procedures, aggregates by pg_get_functiondef (which carries language, volatility,
 * SECURITY DEFINER, SET clauses and the body as written: pg_dump keeps bodies verbatim).
 */
export const compareFunctions: KindComparer = (ctx: CompareContext) => {
  const d = diffLists(ctx.expected.functions, ctx.actual.functions, funcKey, (e, a) => {
    const object = funcKey(e);
    const out = [];
    if (e.definition !== a.definition || e.kind !== a.kind) {
      out.push(divergence(ctx, { kind: 'definition_mismatch', objectType: 'function', object, table: null, expected: e.definition, actual: a.definition, message: `${e.kind} ${object} differs from canonical` }));
    }
    out.push(...commentDivergence(ctx, 'function', object, null, e.comment, a.comment));
    return out;
  });
  return [
    ...d.missing.map((f) => divergence(ctx, { kind: 'missing', objectType: 'function', object: funcKey(f), table: null, expected: f.definition, actual: null, message: `${f.kind} ${funcKey(f)} is missing from the dump` })),
    ...d.extra.map((f) => divergence(ctx, { kind: 'extra', objectType: 'function', object: funcKey(f), table: null, expected: null, actual: f.definition, message: `${f.kind} ${funcKey(f)} is not in the canonical schema` })),
    ...d.altered,
  ];
};
