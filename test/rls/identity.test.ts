/**
 * identity.ts: how the caller is identified, read from policy expressions and the functions they
 * reach. Pure (no database): expressions and function definitions are written the way Postgres
 * prints them (pg_get_expr, pg_get_functiondef), which is what the introspection hands over.
 */
import { describe, expect, it } from 'vitest';
import { emptyModel, type Column, type Func, type Policy, type SchemaModel, type Table, type Trigger } from '../../src/core/model';
import {
  calledFunctions, describeIdentity, hasIdentity, hasSettings, identityFunctions, identityReader, inferIdentity, seedingReadsIdentity,
} from '../../src/core/rls/identity';

const col = (name: string, type = 'uuid', def: string | null = null): Column => ({
  name, position: 1, type, notNull: true, default: def, identity: null, generated: null, collation: null, comment: null,
});
const table = (schema: string, name: string, cols: Column[]): Table => ({
  schema, name, kind: 'table', columns: cols, rlsEnabled: true, rlsForced: false, owner: 'postgres', comment: null, partitionKey: null, partitionOf: null,
});
const policy = (schema: string, tbl: string, using: string | null, withCheck: string | null = null, roles = ['public']): Policy => ({
  schema, table: tbl, name: `${tbl}_p`, command: 'ALL' as Policy['command'], permissive: true, roles, using, withCheck,
});
const fn = (schema: string, name: string, language: 'sql' | 'plpgsql', body: string, opts: Partial<Func> = {}): Func => ({
  schema, name, identityArgs: '', kind: 'function', returns: 'uuid', language, securityDefiner: false, volatility: 's', comment: null,
  definition: `CREATE OR REPLACE FUNCTION ${schema}.${name}(${opts.identityArgs ?? ''})\n RETURNS ${opts.returns ?? 'uuid'}\n LANGUAGE ${language}\n${opts.securityDefiner ? ' SECURITY DEFINER\n' : ''}AS $function$\n${body}\n$function$\n`,
  ...opts,
});
const model = (parts: Partial<SchemaModel>): SchemaModel => ({ ...emptyModel(), ...parts });
const infer = (m: SchemaModel) => inferIdentity(m, m.tables);

/** Supabase's auth.uid(), as GoTrue installs it. */
const authUid = fn('auth', 'uid', 'sql', `  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid`);
const authJwt = fn('auth', 'jwt', 'sql', `  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb`, { returns: 'jsonb' });

describe('inferIdentity', () => {
  it('a custom GUC compared with the tenant column (Skeldir form)', () => {
    const m = model({
      tables: [table('public', 'events', [col('id'), col('tenant_id')])],
      policies: [policy('public', 'events', "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)", "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)")],
    });
    const id = infer(m);
    expect(id.gucs).toEqual(['app.current_tenant_id']);
    expect(id.jwtClaims).toBeNull();
    expect(id.byRole).toBe(false);
    expect(id.columns).toEqual({ 'public.events': { tenant_id: 'value' } });
    expect(hasSettings(id)).toBe(true);
  });

  it('the fail-closed NULLIF(current_setting(…, true), \'\') form, bigint', () => {
    const m = model({
      tables: [table('tracker', 'orders', [col('id', 'bigint'), col('tenant', 'bigint')])],
      policies: [policy('tracker', 'orders', "(tenant = (NULLIF(current_setting('app.tenant'::text, true), ''::text))::bigint)")],
    });
    const id = infer(m);
    expect(id.gucs).toEqual(['app.tenant']);
    expect(id.columns).toEqual({ 'tracker.orders': { tenant: 'value' } });
  });

  it('JWT claims through auth.uid(): request.jwt.* are claims, not tenant GUCs', () => {
    const m = model({
      tables: [table('public', 'profiles', [col('id'), col('user_id')])],
      functions: [authUid],
      policies: [policy('public', 'profiles', '(( SELECT auth.uid() AS uid) = user_id)', null, ['authenticated'])],
    });
    const id = infer(m);
    expect(id.gucs).toEqual([]);
    expect(id.jwtClaims).toEqual(['sub']);
    expect(id.columns).toEqual({ 'public.profiles': { user_id: 'value' } });
    expect(id.functions).toEqual(['auth.uid']);
    expect(id.targetRoles).toEqual(['authenticated']);
    expect(describeIdentity(id)).toContain('via auth.uid()');
  });

  it('a claim path read with auth.jwt() ->> \'org_id\' and request.jwt.claim.<name>', () => {
    const m = model({
      tables: [table('public', 'docs', [col('id'), col('org_id')]), table('public', 'notes', [col('id'), col('team')])],
      functions: [authJwt],
      policies: [
        policy('public', 'docs', "(org_id = ((auth.jwt() ->> 'org_id'::text))::uuid)"),
        policy('public', 'notes', "(team = current_setting('request.jwt.claim.team'::text, true))"),
      ],
    });
    const id = infer(m);
    expect(id.jwtClaims).toEqual(['org_id', 'sub', 'team']);
    expect(id.gucs).toEqual([]);
    expect(id.columns['public.docs']).toEqual({ org_id: 'value' });
    expect(id.columns['public.notes']).toEqual({ team: 'value' });
  });

  it('a SECURITY DEFINER SQL helper: the membership table it looks the caller up in gets the identity column', () => {
    const helper = fn('public', 'has_role_on_account', 'sql', `  SELECT EXISTS (
    SELECT 1 FROM public.accounts_memberships membership
    WHERE membership.user_id = (SELECT auth.uid())
      AND membership.account_id = has_role_on_account.account_id
  );`, { returns: 'boolean', identityArgs: 'account_id uuid', securityDefiner: true });
    const m = model({
      tables: [
        table('public', 'accounts_memberships', [col('user_id'), col('account_id')]),
        table('public', 'notes', [col('id', 'bigint'), col('account_id')]),
      ],
      functions: [authUid, helper],
      policies: [policy('public', 'notes', 'has_role_on_account(account_id)', null, ['authenticated'])],
    });
    const id = infer(m);
    expect(id.jwtClaims).toContain('sub');
    expect(id.functions).toEqual(['auth.uid', 'public.has_role_on_account']);
    expect(id.columns['public.accounts_memberships']).toEqual({ user_id: 'value' });
    // notes.account_id is tied to the caller only through the helper: not an identity column
    expect(id.columns['public.notes']).toBeUndefined();
  });

  it('recursion through PL/pgSQL and SQL bodies reaches the setting read three calls down', () => {
    const m = model({
      tables: [table('app', 'projects', [col('id'), col('org_id')]), table('app', 'members', [col('org_id'), col('user_id')])],
      functions: [
        fn('app', 'current_user_id', 'sql', "  SELECT NULLIF(current_setting('app.user_id', true), '')::uuid"),
        fn('app', 'user_orgs', 'sql', '  SELECT org_id FROM app.members WHERE user_id = app.current_user_id()', { returns: 'SETOF uuid' }),
        fn('app', 'is_member', 'plpgsql', 'BEGIN\n  RETURN p_org IN (SELECT app.user_orgs());\nEND;', { returns: 'boolean', identityArgs: 'p_org uuid' }),
      ],
      policies: [policy('app', 'projects', 'app.is_member(org_id)')],
    });
    const id = infer(m);
    expect(id.gucs).toEqual(['app.user_id']);
    expect(id.functions).toEqual(['app.current_user_id', 'app.is_member', 'app.user_orgs']);
    expect(id.columns['app.members']).toEqual({ user_id: 'value' });
    expect([...identityFunctions(m.functions).keys()].sort()).toEqual(['app.current_user_id', 'app.is_member', 'app.user_orgs']);
  });

  it('terminates on a cycle of functions calling each other', () => {
    const m = model({
      tables: [table('public', 't', [col('id'), col('owner')])],
      functions: [
        fn('public', 'f', 'plpgsql', "BEGIN\n  IF depth > 0 THEN RETURN public.g(depth - 1); END IF;\n  RETURN current_setting('app.owner')::uuid;\nEND;", { identityArgs: 'depth integer' }),
        fn('public', 'g', 'sql', '  SELECT public.f(depth)', { identityArgs: 'depth integer' }),
      ],
      policies: [policy('public', 't', '(owner = g(3))')],
    });
    const id = infer(m);
    expect(id.gucs).toEqual(['app.owner']);
    expect(id.functions).toEqual(['public.f', 'public.g']);
    expect(calledFunctions('g(3) AND public.f(1)', m.functions).map((f) => f.name).sort()).toEqual(['f', 'g']);
  });

  it('the role: current_user compared with a column, pg_has_role on a column, policies TO a role', () => {
    const m = model({
      tables: [table('crm', 'leads', [col('id'), col('owner_role', 'name', 'CURRENT_USER')]), table('crm', 'deals', [col('id'), col('team_role', 'name')])],
      policies: [
        policy('crm', 'leads', '(owner_role = CURRENT_USER)', null, ['crm_tenant']),
        policy('crm', 'deals', "pg_has_role(CURRENT_USER, team_role, 'MEMBER'::text)", null, ['crm_tenant', 'public']),
      ],
    });
    const id = infer(m);
    expect(id.byRole).toBe(true);
    expect(id.gucs).toEqual([]);
    expect(id.jwtClaims).toBeNull();
    expect(id.columns).toEqual({ 'crm.leads': { owner_role: 'role' }, 'crm.deals': { team_role: 'role' } });
    expect(id.targetRoles).toEqual(['crm_tenant']);
    expect(hasSettings(id)).toBe(false);
    expect(hasIdentity(id)).toBe(true);
  });

  it('a column defaulting to the identity is an identity column even when no policy compares it', () => {
    const m = model({
      tables: [table('public', 'notes', [col('id'), col('account_id'), col('created_by', 'uuid', 'auth.uid()')])],
      functions: [authUid],
      policies: [policy('public', 'notes', '(( SELECT auth.uid() AS uid) IS NOT NULL)')],
    });
    expect(infer(m).columns['public.notes']).toEqual({ created_by: 'value' });
  });

  it('nothing to act on: USING (true)', () => {
    const m = model({ tables: [table('public', 't', [col('id')])], policies: [policy('public', 't', 'true')] });
    const id = infer(m);
    expect(hasIdentity(id)).toBe(false);
    expect(describeIdentity(id)).toContain('nothing the policies read');
  });
});

describe('seeding acts as the principal where the schema reads the identity while writing', () => {
  const stamp = fn('public', 'stamp_creator', 'plpgsql', 'BEGIN\n  NEW.created_by := auth.uid();\n  RETURN NEW;\nEND;', { returns: 'trigger' });
  const touch = fn('public', 'touch', 'plpgsql', 'BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;', { returns: 'trigger' });
  const trigger = (name: string, f: string): Trigger => ({ schema: 'public', table: 'notes', name, timing: 'BEFORE', events: ['INSERT'], level: 'ROW', function: f } as Trigger);

  it('reads: defaults and trigger functions that read a setting or the JWT, directly or via a helper', () => {
    const m = model({
      tables: [table('public', 'notes', [col('id'), col('tenant', 'bigint', "(NULLIF(current_setting('app.tenant'::text, true), ''::text))::bigint"), col('owner', 'name', 'CURRENT_USER')])],
      functions: [authUid, stamp, touch],
      triggers: [trigger('notes_stamp', 'public.stamp_creator'), trigger('notes_touch', 'public.touch')],
      policies: [policy('public', 'notes', "(tenant = (NULLIF(current_setting('app.tenant'::text, true), ''::text))::bigint)")],
    });
    const reads = identityReader(m.functions);
    expect(reads('auth.uid()')).toBe(true);
    expect(reads('public.stamp_creator()')).toBe(true);
    expect(reads('now()')).toBe(false);
    expect(reads('CURRENT_USER')).toBe(false); // a role cannot be put in effect by settings
    const why = seedingReadsIdentity(m, infer(m));
    expect(why).toEqual([
      "public.notes.tenant defaults to (NULLIF(current_setting('app.tenant'::text, true), ''::text))::bigint",
      'trigger notes_stamp on public.notes runs public.stamp_creator(), which reads the identity',
    ]);
  });

  it('nothing to set (identity by role): seeding stays the superuser with explicit values', () => {
    const m = model({
      tables: [table('crm', 'leads', [col('id'), col('owner_role', 'name', 'CURRENT_USER')])],
      policies: [policy('crm', 'leads', '(owner_role = CURRENT_USER)')],
    });
    expect(seedingReadsIdentity(m, infer(m))).toEqual([]);
  });
});

describe('overlay identity names that match nothing', () => {
  it('are reported in the identity description, not silently dropped', async () => {
    const { identityFromOverlay, describeIdentity } = await import('../../src/core/rls/identity');
    const model = emptyModel();
    const id = identityFromOverlay(model, { column: 'org_id', guc: 'app.t', tenantsTable: null, appRole: null, identity: { preset: 'guc', settings: ['app.t'], jwtClaims: null, role: null, rolePerTenant: false, ownerColumns: ['ownr_id'], membership: 'public.members.usr_id' } }, [], []);
    expect(describeIdentity(id)).toMatch(/overlay names matching no column here \(not used\): owner_columns: ownr_id, membership: public\.members\.usr_id$/);
  });
});
