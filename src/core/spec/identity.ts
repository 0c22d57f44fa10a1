/**
 * Shape of an overlay element identity per element type (see SpecElement.object):
 *   table, rls, view, materialized_view, sequence, type   `schema.name`
 *   column, constraint, index, policy, trigger            `schema.table.name`
 *   function                                              `schema.name(identity args)`
 *   privilege                                             `schema.object:role`
 *   extension                                             `name`
 * Identifiers may be double-quoted (`public."Odd.Name"`), as Postgres prints them.
 */
import type { ElementType } from './types';

/** Split on `sep` outside double quotes; null when quotes are unbalanced or a part is empty. */
export function splitIdentity(text: string, sep: string): string[] | null {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        cur += '""';
        i++;
        continue;
      }
      quoted = !quoted;
      cur += c;
    } else if (c === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  parts.push(cur);
  return parts.some((p) => p.trim() === '' || p !== p.trim()) ? null : parts;
}

const DOTTED_PARTS: Partial<Record<ElementType, number>> = {
  table: 2, rls: 2, view: 2, materialized_view: 2, sequence: 2, type: 2,
  column: 3, constraint: 3, index: 3, policy: 3, trigger: 3, extension: 1,
};

const EXAMPLES: Record<ElementType, string> = {
  table: 'public.tenants', rls: 'public.tenants', view: 'public.v_name', materialized_view: 'public.mv_name',
  sequence: 'public.seq_name', type: 'public.type_name', column: 'public.tenants.api_key_hash',
  constraint: 'public.table.constraint_name', index: 'public.table.index_name', policy: 'public.table.policy_name',
  trigger: 'public.table.trigger_name', extension: 'pgcrypto', function: 'public.check_allocation_sum()',
  privilege: 'public.revenue_ledger:app_rw',
};

/** Null when `object` has the shape its type needs, else a message saying what was expected. */
export function identityProblem(type: ElementType, object: string): string | null {
  const expected = `a ${type} identity looks like \`${EXAMPLES[type]}\``;
  if (type === 'function') {
    const open = object.indexOf('(');
    if (open < 0 || !object.endsWith(')')) return `${expected} (name with its argument types in parentheses)`;
    const name = splitIdentity(object.slice(0, open), '.');
    return name && name.length === 2 ? null : expected;
  }
  if (type === 'privilege') {
    const parts = splitIdentity(object, ':');
    if (!parts || parts.length !== 2) return expected;
    const obj = splitIdentity(parts[0], '.');
    return obj && obj.length === 2 ? null : expected;
  }
  const parts = splitIdentity(object, '.');
  return parts && parts.length === DOTTED_PARTS[type] ? null : expected;
}
