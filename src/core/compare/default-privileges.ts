import type { DefaultPrivilege } from '../model';
import type { Divergence } from '../report/types';
import { divergence, type KindComparer } from './context';

/** `ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA s … ON TABLES` + grantee, as one identity. */
const key = (d: DefaultPrivilege) => `FOR ROLE ${d.role}${d.schema ? ` IN SCHEMA ${d.schema}` : ''} ON ${d.objectType.toUpperCase()}:${d.grantee}`;
const show = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

/**
 * ALTER DEFAULT PRIVILEGES: what future objects will grant, per (role, schema, kind, grantee).
 * Like table grants: `privilege_missing` for what canonical gives and the dump does not,
 * `privilege_extra` for more.
 */
export const compareDefaultPrivileges: KindComparer = (ctx) => {
  const expected = new Map((ctx.expected.defaultPrivileges ?? []).map((d) => [key(d), d]));
  const actual = new Map((ctx.actual.defaultPrivileges ?? []).map((d) => [key(d), d]));
  const out: Divergence[] = [];
  for (const k of [...new Set([...expected.keys(), ...actual.keys()])]) {
    const e = expected.get(k)?.privileges ?? [];
    const a = actual.get(k)?.privileges ?? [];
    const d = (expected.get(k) ?? actual.get(k))!;
    const who = d.grantee === 'PUBLIC' ? 'PUBLIC' : `role ${d.grantee}`;
    const where = `new ${d.objectType} of ${d.role}${d.schema ? ` in schema ${d.schema}` : ''}`;
    const lacking = e.filter((p) => !a.includes(p));
    const beyond = a.filter((p) => !e.includes(p));
    const base = { objectType: 'default_privilege' as const, object: k, table: null, expected: show(e), actual: show(a) };
    if (lacking.length) out.push(divergence(ctx, { ...base, kind: 'privilege_missing', message: `${who} will lack ${lacking.join(', ')} on ${where} (ALTER DEFAULT PRIVILEGES)` }));
    if (beyond.length) out.push(divergence(ctx, { ...base, kind: 'privilege_extra', message: `${who} will get ${beyond.join(', ')} on ${where} beyond canonical (ALTER DEFAULT PRIVILEGES)` }));
  }
  return out;
};
