import type { Privilege } from '../model';
import type { Divergence } from '../report/types';
import { divergence, type CompareContext, type KindComparer } from './context';

/** Privilege keywords with the grant option spelled out: `SELECT`, `SELECT WITH GRANT OPTION`. */
function tokens(p: Privilege | undefined): string[] {
  if (!p) return [];
  return [...p.privileges, ...p.grantable.map((g) => `${g} WITH GRANT OPTION`)];
}
const show = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

/**
 * Privileges per object and grantee (`public.t:app_rw`). What canonical grants and the dump
 * lacks is `privilege_missing`; what the dump grants beyond canonical is `privilege_extra`
 * (both can hold for one grantee). Owners' implicit privileges never appear (introspection
 * leaves them out), and objects present on one side only are reported by their own kind.
 */
export const comparePrivileges: KindComparer = (ctx: CompareContext) => {
  const key = (p: Privilege) => `${p.object}:${p.grantee}`;
  // A column grant goes with its column: a missing column (or table) is reported once, as such.
  const columns = (m: typeof ctx.expected) => new Set([...m.tables, ...m.views].flatMap((t) => t.columns.map((c) => `${t.schema}.${t.name}.${c.name}`)));
  const bothColumns = new Set([...columns(ctx.expected)].filter((c) => columns(ctx.actual).has(c)));
  const inScope = (p: Privilege) => (p.objectType === 'column' ? bothColumns.has(p.object) : !ctx.oneSidedObjects.has(p.object));
  const expected = new Map(ctx.expected.privileges.filter(inScope).map((p) => [key(p), p]));
  const actual = new Map(ctx.actual.privileges.filter(inScope).map((p) => [key(p), p]));
  const out: Divergence[] = [];
  for (const k of [...new Set([...expected.keys(), ...actual.keys()])]) {
    const e = expected.get(k);
    const a = actual.get(k);
    const p = (e ?? a)!;
    const et = tokens(e);
    const at = tokens(a);
    const lacking = et.filter((t) => !at.includes(t));
    const beyond = at.filter((t) => !et.includes(t));
    const table = p.objectType === 'function' || p.objectType === 'schema' ? null
      : p.objectType === 'column' ? p.object.slice(0, p.object.lastIndexOf('.')) : p.object;
    const who = p.grantee === 'PUBLIC' ? 'PUBLIC' : `role ${p.grantee}`;
    if (lacking.length) {
      out.push(divergence(ctx, {
        kind: 'privilege_missing', objectType: 'privilege', object: k, table, expected: show(et), actual: show(at),
        message: `${who} lacks ${lacking.join(', ')} on ${p.objectType} ${p.object}`,
      }));
    }
    if (beyond.length) {
      out.push(divergence(ctx, {
        kind: 'privilege_extra', objectType: 'privilege', object: k, table, expected: show(et), actual: show(at),
        message: `${who} has ${beyond.join(', ')} on ${p.objectType} ${p.object} beyond canonical`,
      }));
    }
  }
  return out;
};
