/**
 * Row-level security policies, from the expressions Postgres printed for the canonical. A
 * changed policy is dropped and created again (ALTER POLICY cannot change its command or
 * PERMISSIVE/RESTRICTIVE, nor remove a clause), inside the script's one transaction.
 */
import type { Policy } from '../../model';
import { H, onTableKey, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel, roleName } from '../sql';

const pkey = (p: Policy) => onTableKey('policy', p);
const obj = (p: Policy) => `${p.schema}.${p.table}.${p.name}`;
const tbl = (p: Policy) => qn(p.schema, p.table);

export function policySql(p: Policy): string {
  return [
    `CREATE POLICY ${ident(p.name)} ON ${rel(p.schema, p.table)}`,
    `AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`,
    `FOR ${p.command}`,
    `TO ${p.roles.map(roleName).join(', ')}`,
    p.using !== null ? `USING (${p.using})` : null,
    p.withCheck !== null ? `WITH CHECK (${p.withCheck})` : null,
  ].filter((x) => x !== null).join('\n  ') + ';';
}

export function createPolicy(ctx: FixContext, p: Policy, why: string, fixes: string[]): void {
  ctx.create(pkey(p));
  ctx.emit({ sql: policySql(p), phase: 'create_policy', object: obj(p), key: pkey(p), why, fixes, hazards: [H.authz(`${p.command} on ${tbl(p)} for ${p.roles.join(', ')} is decided by this policy`), H.lock(tbl(p))] });
}

export function dropPolicy(ctx: FixContext, p: Policy, why: string, fixes: string[], phase: 'drop_dependant' = 'drop_dependant'): void {
  ctx.drop(pkey(p));
  ctx.emit({ sql: `DROP POLICY ${ident(p.name)} ON ${rel(p.schema, p.table)};`, phase, object: obj(p), key: pkey(p), why, fixes, hazards: [H.authz(`rows ${p.name} ${p.permissive ? 'allowed' : 'restricted'} change visibility until it is re-created`), H.lock(tbl(p))] });
}

const same = (a: Policy, b: Policy) => a.permissive === b.permissive && a.command === b.command && a.roles.join() === b.roles.join() && a.using === b.using && a.withCheck === b.withCheck;

export const fixPolicies: KindFixer = (ctx) => {
  const canonTables = new Set(ctx.canonical.model.tables.map((t) => qn(t.schema, t.name)));
  const have = new Map(ctx.dump.model.policies.filter((p) => canonTables.has(tbl(p))).map((p) => [pkey(p), p]));
  const want = new Map(ctx.canonical.model.policies.map((p) => [pkey(p), p]));
  for (const [k, p] of have) if (!want.has(k)) dropPolicy(ctx, p, `policy ${obj(p)} is not in the canonical schema`, ctx.ids(`extra:policy:${obj(p)}`));
  for (const [k, p] of want) {
    const a = have.get(k);
    if (!a) {
      createPolicy(ctx, p, ctx.created.has(`table:${tbl(p)}`) ? `canonical policy of new table ${tbl(p)}` : `canonical has policy ${obj(p)}; the dump lacks it`, ctx.ids(`missing:policy:${obj(p)}`, `missing:table:${tbl(p)}`));
    } else if (!same(p, a)) {
      const fixes = ctx.ids(`policy_mismatch:policy:${obj(p)}`);
      const renamed = { ...a, using: a.using && ctx.afterRenames(tbl(p), a.using), withCheck: a.withCheck && ctx.afterRenames(tbl(p), a.withCheck) };
      if (same(p, renamed)) {
        ctx.creditRename(tbl(p), fixes);
        continue;
      }
      dropPolicy(ctx, a, `policy ${obj(p)} differs from canonical; dropped and created again`, fixes);
      createPolicy(ctx, p, `canonical policy ${obj(p)}`, fixes);
    }
  }
};
