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
 * - when the policies identify the caller by its role (`owner = current_user`), each principal
 *   gets its **own role** (`skeldir_rls_a`, `skeldir_rls_b`), a member of the same roles and
 *   granted the same, so `current_user` differs between them;
 * - the **owner** is made the owner of one table at a time (inside a rolled-back transaction) to
 *   check that FORCE ROW LEVEL SECURITY binds the owner too.
 */
import type { Db } from '../db';
import type { SchemaModel } from '../model';
import { quoteIdent } from '../pgtext';

export const PROBE_ROLE = 'skeldir_rls_probe';
export const OWNER_ROLE = 'skeldir_rls_owner';
export const PRINCIPAL_ROLE = 'skeldir_rls_';

export interface ProbeRoles {
  probe: string;
  owner: string;
  /** Roles the probe is a member of (whose policies apply to it). */
  memberOf: string[];
  /** Per-principal roles, when identity is the role. */
  principals: { a: string; b: string } | null;
}

/**
 * `appRole`: the role the application connects as (overlay), used when the dump has it;
 * otherwise the probe joins `targetRoles` (the roles the policies are written TO).
 */
export async function createProbeRoles(db: Db, model: SchemaModel, opts: { appRole: string | null; targetRoles: string[]; byRole: boolean }): Promise<ProbeRoles> {
  const existing = new Set((await db.query<{ rolname: string; rolsuper: boolean }>('SELECT rolname, rolsuper FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
  const probe = freeName(PROBE_ROLE, existing);
  const owner = freeName(OWNER_ROLE, existing);
  const principals = opts.byRole ? { a: freeName(`${PRINCIPAL_ROLE}a`, existing), b: freeName(`${PRINCIPAL_ROLE}b`, existing) } : null;
  let memberOf: string[];
  if (opts.appRole && existing.has(opts.appRole)) memberOf = [opts.appRole];
  else memberOf = opts.targetRoles.filter((r) => r !== 'public' && existing.has(r));
  const supers = new Set((await db.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles WHERE rolsuper OR rolbypassrls')).rows.map((r) => r.rolname));
  memberOf = memberOf.filter((r) => !supers.has(r));
  const actors = [probe, ...(principals ? [principals.a, principals.b] : [])];
  const stmts = [
    ...actors.map((r) => `CREATE ROLE ${quoteIdent(r)} NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT`),
    `CREATE ROLE ${quoteIdent(owner)} NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT`,
    ...actors.flatMap((a) => memberOf.map((r) => `GRANT ${quoteIdent(r)} TO ${quoteIdent(a)}`)),
  ];
  const to = actors.map(quoteIdent).join(', ');
  for (const s of model.schemas) {
    const q = quoteIdent(s);
    stmts.push(
      `GRANT USAGE ON SCHEMA ${q} TO ${to}, ${quoteIdent(owner)}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${to}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${q} TO ${to}, ${quoteIdent(owner)}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${q} TO ${to}, ${quoteIdent(owner)}`,
    );
  }
  for (const s of stmts) await db.query(s);
  return { probe, owner, memberOf, principals };
}

function freeName(base: string, existing: Set<string>): string {
  let name = base;
  for (let i = 2; existing.has(name); i++) name = `${base}_${i}`;
  return name;
}
