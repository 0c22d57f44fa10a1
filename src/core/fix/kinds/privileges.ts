/**
 * GRANT / REVOKE per object and grantee, to the canonical ACL. An object this script creates
 * or re-creates starts from Postgres's defaults (nothing for relations, EXECUTE to PUBLIC for
 * functions), so its grants are applied again; objects the script drops are left alone.
 */
import type { Privilege } from '../../model';
import { H, type FixContext, type KindFixer } from '../context';
import { ident, relKey, roleName } from '../sql';

const KEYWORD: Record<Privilege['objectType'], string> = {
  table: 'TABLE', view: 'TABLE', 'materialized view': 'TABLE', sequence: 'SEQUENCE', function: 'FUNCTION', schema: 'SCHEMA', column: 'TABLE', 'foreign table': 'FOREIGN TABLE',
};
const KEY_KIND: Record<Privilege['objectType'], string> = {
  table: 'table', view: 'view', 'materialized view': 'view', sequence: 'sequence', function: 'function', schema: 'schema', column: 'column', 'foreign table': 'table',
};

/** `public.t` → `public.t`; `public.f(a integer)` → `public.f(a integer)`, each name quoted as needed. */
function target(p: Pick<Privilege, 'object' | 'objectType'>): string {
  if (p.objectType === 'schema') return `SCHEMA ${ident(p.object)}`;
  if (p.objectType === 'column') {
    const t = p.object.slice(0, p.object.lastIndexOf('.'));
    return `TABLE ${relKey(t)}`;
  }
  const paren = p.objectType === 'function' ? p.object.indexOf('(') : p.object.length;
  const head = p.object.slice(0, paren);
  const dot = head.indexOf('.');
  return `${KEYWORD[p.objectType]} ${ident(head.slice(0, dot))}.${ident(head.slice(dot + 1))}${p.object.slice(paren)}`;
}

const tokens = (p: Privilege | undefined) => (p ? [...p.privileges.map((x) => `${x}`), ...p.grantable.map((g) => `${g}+`)] : []);

export const fixPrivileges: KindFixer = (ctx) => {
  const key = (p: Privilege) => `${p.object}:${p.grantee}`;
  const objKey = (p: Pick<Privilege, 'object' | 'objectType'>) => `${KEY_KIND[p.objectType]}:${p.object}`;
  const fresh = (p: Pick<Privilege, 'object' | 'objectType'>) => ctx.created.has(objKey(p));
  const gone = (p: Pick<Privilege, 'object' | 'objectType'>) => ctx.dropped.has(objKey(p)) && !ctx.created.has(objKey(p));
  const want = new Map(ctx.canonical.model.privileges.map((p) => [key(p), p]));
  // A dropped or re-created object loses its grants with it: nothing to revoke.
  for (const p of ctx.dump.model.privileges) if (fresh(p) || gone(p)) ctx.claimed.add(`privilege_extra:privilege:${key(p)}`);
  const have = new Map(ctx.dump.model.privileges.filter((p) => !fresh(p)).map((p) => [key(p), p]));
  // What Postgres grants by itself to an object created by this script.
  for (const p of ctx.canonical.model.privileges) {
    if (fresh(p) && p.objectType === 'function' && !have.has(`${p.object}:PUBLIC`)) have.set(`${p.object}:PUBLIC`, { ...p, grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: [] });
  }
  for (const f of ctx.canonical.model.functions) {
    const object = `${f.schema}.${f.name}(${f.identityArgs})`;
    if (fresh({ object, objectType: 'function' }) && !want.has(`${object}:PUBLIC`) && !have.has(`${object}:PUBLIC`)) {
      have.set(`${object}:PUBLIC`, { object, objectType: 'function', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: [] });
    }
  }
  const keys = [...new Set([...want.keys(), ...have.keys()])].sort();
  for (const k of keys) {
    const e = want.get(k);
    const a = have.get(k);
    const p = (e ?? a)!;
    if (gone(p) || !existsInCanonical(ctx, p)) continue;
    const et = tokens(e);
    const at = tokens(a);
    const fixes = ctx.ids(`privilege_missing:privilege:${k}`, `privilege_extra:privilege:${k}`);
    const who = roleName(p.grantee);
    // Column privileges name their column: GRANT SELECT (c) ON TABLE t.
    const col = p.objectType === 'column' ? ` (${ident(p.object.slice(p.object.lastIndexOf('.') + 1))})` : '';
    const list = (xs: string[]) => xs.map((x) => `${x}${col}`).join(', ');
    const revoke = at.filter((t) => !et.includes(t));
    const grant = et.filter((t) => !at.includes(t));
    // Revoking a privilege also revokes its grant option; revoke plain ones first.
    const revokePlain = revoke.filter((t) => !t.endsWith('+'));
    const revokeOption = revoke.filter((t) => t.endsWith('+') && !revokePlain.includes(t.slice(0, -1))).map((t) => t.slice(0, -1));
    if (revokePlain.length) ctx.emit({ sql: `REVOKE ${list(revokePlain)} ON ${target(p)} FROM ${who};`, phase: 'privilege', object: k, why: `canonical does not grant ${revokePlain.join(', ')} on ${p.object} to ${p.grantee}`, fixes, hazards: [H.authz(`${p.grantee} loses ${revokePlain.join(', ')} on ${p.object}`)] });
    if (revokeOption.length) ctx.emit({ sql: `REVOKE GRANT OPTION FOR ${list(revokeOption)} ON ${target(p)} FROM ${who};`, phase: 'privilege', object: k, why: `canonical gives ${p.grantee} no grant option for ${revokeOption.join(', ')}`, fixes, hazards: [H.authz(`${p.grantee} can no longer pass on ${revokeOption.join(', ')}`)] });
    const plain = grant.filter((t) => !t.endsWith('+') && !grant.includes(`${t}+`));
    const withOption = grant.filter((t) => t.endsWith('+')).map((t) => t.slice(0, -1));
    if (plain.length) ctx.emit({ sql: `GRANT ${list(plain)} ON ${target(p)} TO ${who};`, phase: 'privilege', object: k, why: `canonical grants ${plain.join(', ')} on ${p.object} to ${p.grantee}`, fixes, hazards: [H.authz(`${p.grantee} gains ${plain.join(', ')} on ${p.object}`)] });
    if (withOption.length) ctx.emit({ sql: `GRANT ${list(withOption)} ON ${target(p)} TO ${who} WITH GRANT OPTION;`, phase: 'privilege', object: k, why: `canonical grants ${withOption.join(', ')} on ${p.object} to ${p.grantee} with grant option`, fixes, hazards: [H.authz(`${p.grantee} gains ${withOption.join(', ')} on ${p.object} and may pass it on`)] });
  }
};

function existsInCanonical(ctx: FixContext, p: Privilege): boolean {
  const m = ctx.canonical.model;
  switch (p.objectType) {
    case 'schema': return m.schemas.includes(p.object);
    case 'function': return m.functions.some((f) => `${f.schema}.${f.name}(${f.identityArgs})` === p.object);
    case 'sequence': return m.sequences.some((s) => `${s.schema}.${s.name}` === p.object);
    case 'table': case 'foreign table': return m.tables.some((t) => `${t.schema}.${t.name}` === p.object);
    case 'column': return m.tables.some((t) => t.columns.some((c) => `${t.schema}.${t.name}.${c.name}` === p.object));
    default: return m.views.some((v) => `${v.schema}.${v.name}` === p.object);
  }
}
