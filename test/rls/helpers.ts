import { readFileSync } from 'node:fs';
import { pgliteFactory } from '../../src/adapters/pglite';
import type { DbFactory } from '../../src/core/db';
import { introspect } from '../../src/core/introspect/introspect';
import { loadScript } from '../../src/core/load/load';
import { parseSeedOverrides } from '../../src/core/synth/overrides';
import type { Tenancy } from '../../src/core/spec/types';

export const SKELDIR_TENANCY: Tenancy = { column: 'tenant_id', guc: 'app.current_tenant_id', tenantsTable: 'public.tenants', appRole: 'app_rw' };

export const factory: DbFactory = pgliteFactory();

export function read(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

export function skeldirOverrides() {
  return parseSeedOverrides(read('schema/seeds/skeldir.yaml'), 'schema/seeds/skeldir.yaml');
}

/** Load SQL text into a fresh database and introspect it; throws if any statement failed. */
export async function loadSql(text: string, source: string) {
  const { db, summary } = await loadScript(factory, text, { source });
  if (summary.errors.length) throw new Error(`${source}: ${summary.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  const model = await introspect(db);
  return { db, model };
}
