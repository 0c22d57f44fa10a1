/**
 * Functions and procedures, from pg_get_functiondef of the canonical. A changed body keeps
 * its signature: CREATE OR REPLACE (dependants stay). A changed result type or kind needs DROP
 * and CREATE (dependants rebuilt). Aggregates are listed as not fixed (Postgres prints no
 * CREATE AGGREGATE).
 */
import type { Func } from '../../model';
import { funcKey } from '../../compare/functions';
import { H, type FixContext, type KindFixer } from '../context';
import { ident } from '../sql';

const fkey = (f: Func) => `function:${funcKey(f)}`;
const word = (f: Func) => (f.kind === 'procedure' ? 'PROCEDURE' : f.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION');
export const signature = (f: Func) => `${ident(f.schema)}.${ident(f.name)}(${f.identityArgs})`;

export function createFunction(ctx: FixContext, f: Func, why: string, fixes: string[]): void {
  if (f.kind === 'aggregate') {
    for (const id of fixes) ctx.unfix(id, `aggregate ${funcKey(f)}: Postgres prints no CREATE AGGREGATE to copy; write it by hand`);
    return;
  }
  // CREATE OR REPLACE over a function that stays keeps its grants and comment: only a new one counts as created.
  if (ctx.dropped.has(fkey(f)) || !ctx.dump.model.functions.some((x) => fkey(x) === fkey(f))) ctx.create(fkey(f));
  ctx.emit({
    sql: `${f.definition.trimEnd()};`, phase: 'create_function', object: funcKey(f), key: fkey(f), why, fixes,
    hazards: [H.correctness(`callers of ${funcKey(f)} get the canonical behaviour`), ...(f.securityDefiner ? [H.authz(`${funcKey(f)} runs with its owner's rights (SECURITY DEFINER)`)] : [])],
  });
}

export function dropFunction(ctx: FixContext, f: Func, why: string, fixes: string[], phase: 'drop_function' | 'drop_dependant' = 'drop_function'): void {
  ctx.drop(fkey(f));
  ctx.emit({ sql: `DROP ${word(f)} ${signature(f)};`, phase, object: funcKey(f), key: fkey(f), why, fixes, hazards: [H.correctness(`callers of ${funcKey(f)} fail`)] });
}

export const fixFunctions: KindFixer = (ctx) => {
  // A range type's constructor functions come and go with the type.
  for (const f of ctx.canonical.model.functions) if (ctx.canonical.catalog.inherited.has(fkey(f))) ctx.claimed.add(`missing:function:${funcKey(f)}`);
  for (const f of ctx.dump.model.functions) if (ctx.dump.catalog.inherited.has(fkey(f))) ctx.claimed.add(`extra:function:${funcKey(f)}`);
  const have = new Map(ctx.dump.model.functions.filter((f) => !ctx.dump.catalog.inherited.has(fkey(f))).map((f) => [fkey(f), f]));
  const want = new Map(ctx.canonical.model.functions.filter((f) => !ctx.canonical.catalog.inherited.has(fkey(f))).map((f) => [fkey(f), f]));
  for (const [k, f] of have) if (!want.has(k)) dropFunction(ctx, f, `${f.kind} ${funcKey(f)} is not in the canonical schema`, ctx.ids(`extra:function:${funcKey(f)}`));
  for (const [k, f] of want) {
    const a = have.get(k);
    if (!a) createFunction(ctx, f, `canonical has ${f.kind} ${funcKey(f)}; the dump lacks it`, ctx.ids(`missing:function:${funcKey(f)}`));
    else if (a.definition !== f.definition || a.kind !== f.kind) {
      const fixes = ctx.ids(`definition_mismatch:function:${funcKey(f)}`);
      if (a.kind !== f.kind || a.returns !== f.returns) dropFunction(ctx, a, `${funcKey(f)} changes ${a.kind !== f.kind ? 'kind' : 'result type'}: CREATE OR REPLACE cannot, so it is dropped first`, fixes, 'drop_dependant');
      createFunction(ctx, f, `canonical definition of ${funcKey(f)}`, fixes);
    }
  }
};
