/**
 * The two principals the suite acts as, and the SQL that makes a session one of them.
 *
 * A principal is what the policies identify (identity.ts): a value for the settings and JWT
 * claims they read (`app.current_tenant_id`, `request.jwt.claim.sub`), and a database role —
 * its own role when the policies compare with `current_user`, otherwise the shared probe role,
 * a member of the roles the policies target (`TO authenticated`). Values are recognisable in
 * reports (`aaaaaaaa-…`, `bbbbbbbb-…`) and typed after the identity columns (uuid, integer, text).
 */
import type { SchemaModel } from '../model';
import { quoteIdent, quoteLiteral } from '../pgtext';
import type { Identity } from './identity';
import type { ProbeRoles } from './roles';

export type PrincipalKey = 'a' | 'b';

export interface Principal {
  key: PrincipalKey;
  /** The identity value: tenant id, user id (JWT `sub`), or the role name. */
  value: string;
  /** Role the principal's session runs as. */
  role: string;
}

/** Identity state of a session without a principal: never set, set to '', set to NULL. */
export type Anonymous = 'unset' | 'empty' | 'null';

export function principalValues(model: SchemaModel, identity: Identity): { a: string; b: string } {
  const types = Object.entries(identity.columns).flatMap(([t, cols]) => {
    const table = model.tables.find((x) => `${x.schema}.${x.name}` === t);
    return Object.entries(cols).filter(([, k]) => k === 'value').map(([c]) => table?.columns.find((x) => x.name === c)?.type.toLowerCase() ?? '');
  });
  const type = types.find((t) => t === 'uuid') ?? types[0] ?? (identity.jwtClaims ? 'uuid' : 'uuid');
  if (type === 'uuid') return { a: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', b: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' };
  if (/^(smallint|integer|bigint|numeric)/.test(type)) return { a: '9101', b: '9102' };
  return { a: 'tenant_a', b: 'tenant_b' };
}

export function makePrincipals(model: SchemaModel, identity: Identity, roles: ProbeRoles): { a: Principal; b: Principal } {
  const v = principalValues(model, identity);
  return {
    a: { key: 'a', value: v.a, role: roles.principals?.a ?? roles.probe },
    b: { key: 'b', value: v.b, role: roles.principals?.b ?? roles.probe },
  };
}

/** The value a column of kind `kind` gets in `p`'s world, as a SQL literal. */
export function identityLiteral(p: Principal, kind: 'value' | 'role'): string {
  return quoteLiteral(kind === 'role' ? p.role : p.value);
}

/** set_config calls that give the session `p`'s identity (or an anonymous state), transaction-local. */
export function identitySettings(identity: Identity, p: Principal | Anonymous, targetRole: string | null, local = true): string[] {
  const l = local ? 'true' : 'false';
  const val = (v: string) => (p === 'null' ? 'NULL' : p === 'empty' ? "''" : quoteLiteral(v));
  if (p === 'unset') return [];
  const value = typeof p === 'object' ? p.value : '';
  const out = identity.gucs.map((g) => `SELECT set_config(${quoteLiteral(g)}, ${val(value)}, ${l})`);
  if (identity.jwtClaims) {
    const claims: Record<string, string> = {};
    for (const c of identity.jwtClaims) claims[c] = c === 'role' ? (targetRole ?? 'authenticated') : value;
    claims.sub = value;
    if (!('role' in claims) && targetRole) claims.role = targetRole;
    out.push(`SELECT set_config('request.jwt.claim.sub', ${val(value)}, ${l})`);
    out.push(`SELECT set_config('request.jwt.claims', ${typeof p === 'object' ? quoteLiteral(JSON.stringify(claims)) : val('')}, ${l})`);
    for (const c of identity.jwtClaims) if (c !== 'sub') out.push(`SELECT set_config(${quoteLiteral(`request.jwt.claim.${c}`)}, ${val(claims[c])}, ${l})`);
  }
  return out;
}

/** SET LOCAL ROLE + identity settings: the statements that make this transaction act as `p`. */
export function actAs(identity: Identity, p: Principal | Anonymous, role: string, targetRole: string | null): string[] {
  return [`SET LOCAL ROLE ${quoteIdent(role)}`, ...identitySettings(identity, p, targetRole)];
}
