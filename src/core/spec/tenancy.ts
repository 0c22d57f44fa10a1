/**
 * `tenancy:` of the overlay → Tenancy, with `identity` presets resolved. A preset is a common
 * convention for how the caller is identified; every field the overlay states overrides it:
 *
 *   preset   | settings        | jwt_claims | role           | role_per_tenant | owner_columns    | FORCE required
 *   guc      | [tenancy.guc]   | —          | policies' TO   | no              | [tenancy.column] | yes
 *   supabase | —               | [sub]      | authenticated  | no              | (from policies)  | no
 *   role     | —               | —          | policies' TO   | yes             | [tenancy.column] | yes
 *
 * Supabase's tables are owned by `postgres`, which bypasses RLS anyway, and the app's roles
 * (anon, authenticated) never own them: FORCE is not required unless `force: true` says so.
 */
import type { Tenancy, TenancyIdentity } from './types';

/** The tenancy as written (snake_case), once it passed the JSON Schema. */
export interface RawTenancy {
  column: string;
  guc?: string;
  tenants_table?: string | null;
  app_role?: string | null;
  force?: boolean;
  identity?: {
    preset?: 'guc' | 'supabase' | 'role';
    settings?: string[];
    jwt_claims?: string[];
    role?: string;
    role_per_tenant?: boolean;
    owner_columns?: string[];
    membership?: string;
  };
}

/** A problem with its JSON pointer (relative to the overlay root) for a located error. */
export interface TenancyProblem {
  pointer: string;
  message: string;
}

/** Resolve presets; a problem the JSON Schema cannot express is returned, not thrown. */
export function parseTenancy(raw: RawTenancy): Tenancy | TenancyProblem {
  const base: Tenancy = {
    column: raw.column, guc: raw.guc ?? '', tenantsTable: raw.tenants_table ?? null, appRole: raw.app_role ?? null,
  };
  const id = raw.identity;
  if (!id) {
    if (!raw.guc) return { pointer: '/tenancy', message: "tenancy: missing required property 'guc' (the setting the policies read), or an `identity` (e.g. identity: { preset: supabase })" };
    return raw.force === false ? { ...base, requireForce: false } : base;
  }
  const preset = id.preset ?? null;
  if (preset === 'guc' && !raw.guc && !id.settings?.length) {
    return { pointer: '/tenancy/identity/preset', message: 'tenancy.identity: preset `guc` needs tenancy.guc (the setting the policies read), e.g. guc: app.current_tenant_id' };
  }
  const defaults: TenancyIdentity = {
    preset,
    settings: preset === 'guc' ? [raw.guc!] : [],
    jwtClaims: preset === 'supabase' ? ['sub'] : null,
    role: preset === 'supabase' ? 'authenticated' : null,
    rolePerTenant: preset === 'role',
    ownerColumns: preset === 'guc' || preset === 'role' ? [raw.column] : [],
    membership: null,
  };
  const identity: TenancyIdentity = {
    preset,
    settings: id.settings ? [...id.settings] : defaults.settings,
    jwtClaims: id.jwt_claims ? [...id.jwt_claims] : defaults.jwtClaims,
    role: id.role ?? defaults.role,
    rolePerTenant: id.role_per_tenant ?? defaults.rolePerTenant,
    ownerColumns: id.owner_columns ? [...id.owner_columns] : defaults.ownerColumns,
    membership: id.membership ?? defaults.membership,
  };
  if (!identity.settings.length && !identity.jwtClaims?.length && !identity.rolePerTenant) {
    return { pointer: '/tenancy/identity', message: 'tenancy.identity states nothing to act with: give a preset (guc, supabase, role), settings, jwt_claims or role_per_tenant: true' };
  }
  if (identity.jwtClaims && identity.jwtClaims.length === 0) identity.jwtClaims = null;
  const requireForce = raw.force ?? preset !== 'supabase';
  return { ...base, identity, ...(requireForce ? {} : { requireForce: false }) };
}
