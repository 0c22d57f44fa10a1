/**
 * The two synthetic tenants. Their values are recognisable in reports (`aaaaaaaa-…`, `bbbbbbbb-…`)
 * and typed after the tenancy column (uuid, integer or text).
 */
import type { Table } from '../model';

export function tenantValues(tenantTables: Table[], column: string): { a: string; b: string } {
  const type = tenantTables[0]?.columns.find((c) => c.name === column)?.type.toLowerCase() ?? 'uuid';
  if (type === 'uuid') return { a: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', b: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' };
  if (/^(smallint|integer|bigint|numeric)/.test(type)) return { a: '9101', b: '9102' };
  return { a: 'tenant_a', b: 'tenant_b' };
}
