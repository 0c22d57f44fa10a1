/**
 * The roles the isolation suite runs as, created in the scratch copy only.
 *
 * PGlite's (and pg_dump's restore) user is a superuser, and superusers bypass RLS, so every
 * scenario runs as a created NOLOGIN, NOSUPERUSER, NOBYPASSRLS role:
 *
 * - the **probe** is a member of the application role (tenancy.appRole, e.g. `app_rw`) when the
 *   dump has it — so policies written `TO app_rw` apply exactly as they do for the app — or, when
 *   it does not, of every role the tenant tables' policies name. It is also GRANTed SELECT,
 *   INSERT, UPDATE, DELETE on every table of the user schemas: a missing GRANT would make a
 *   cross-tenant write fail with "permission denied" and look like isolation. The GRANTs are the
 *   smoke tests' business (they run as the real app role); this suite isolates the policies.
 * - the **owner** is made the owner of one table at a time (inside a rolled-back transaction) to
 *   check that FORCE ROW LEVEL SECURITY binds the owner too.
 */
import type { Db } from '../db';
import type { SchemaModel } from '../model';
import type { Tenancy } from '../spec/types';
import { quoteIdent } from '../pgtext';

export const PROBE_ROLE = 'skeldir_rls_probe';
export const OWNER_ROLE = 'skeldir_rls_owner';

export interface ProbeRoles {
  probe: string;
  owner: string;
  /** Roles the probe is a member of (whose policies apply to it). */
  memberOf: string[];
}

export async function createProbeRoles(db: Db, model: SchemaModel, tenancy: Tenancy, tenantTables: Set<string>): Promise<ProbeRoles> {
  const existing = new Set((await db.query<{ rolname: string; rolsuper: boolean }>('SELECT rolname, rolsuper FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
  const probe = freeName(PROBE_ROLE, existing);
  const owner = freeName(OWNER_ROLE, existing);
  let memberOf: string[];
  if (tenancy.appRole && existing.has(tenancy.appRole)) memberOf = [tenancy.appRole];
  else {
    memberOf = [...new Set(model.policies
      .filter((p) => tenantTables.has(`${p.schema}.${p.table}`))
      .flatMap((p) => p.roles)
      .filter((r) => r !== 'public' && existing.has(r)))].sort();
  }
  const supers = new Set((await db.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles WHERE rolsuper')).rows.map((r) => r.rolname));
  memberOf = memberOf.filter((r) => !supers.has(r));
  const stmts = [
    `CREATE ROLE ${quoteIdent(probe)} NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT`,
    `CREATE ROLE ${quoteIdent(owner)} NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT`,
    ...memberOf.map((r) => `GRANT ${quoteIdent(r)} TO ${quoteIdent(probe)}`),
  ];
  for (const s of model.schemas) {
    const q = quoteIdent(s);
    stmts.push(
      `GRANT USAGE ON SCHEMA ${q} TO ${quoteIdent(probe)}, ${quoteIdent(owner)}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${quoteIdent(probe)}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${q} TO ${quoteIdent(probe)}, ${quoteIdent(owner)}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${q} TO ${quoteIdent(probe)}, ${quoteIdent(owner)}`,
    );
  }
  for (const s of stmts) await db.query(s);
  return { probe, owner, memberOf };
}

function freeName(base: string, existing: Set<string>): string {
  let name = base;
  for (let i = 2; existing.has(name); i++) name = `${base}_${i}`;
  return name;
}
