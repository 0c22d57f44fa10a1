/**
 * How a caller is identified, read from the policies and the functions they call.
 *
 * Row-level security decides per row from expressions that read *who is asking*. Real schemas
 * spell that in a handful of ways, and the suite must act as a principal in the same way:
 *
 * - a custom GUC: `tenant_id = current_setting('app.current_tenant_id')::uuid` (Skeldir);
 * - JWT claims, the PostgREST/Supabase convention: `auth.uid()` reads
 *   `current_setting('request.jwt.claim.sub', true)` or `request.jwt.claims ->> 'sub'`,
 *   `auth.jwt() ->> 'org_id'` reads another claim — usually through SECURITY DEFINER helpers
 *   such as `has_role_on_account(account_id)` that look the caller up in a membership table;
 * - the database role: `owner = current_user`, `pg_has_role(tenant_role, 'member')` (role per tenant).
 *
 * The expressions Postgres prints (`pg_get_expr`, `pg_get_functiondef`) are scanned, following
 * every function a policy calls, recursively through SQL and PL/pgSQL bodies. What it finds:
 * the settings to set, whether identity is the role, the roles the policies target
 * (`TO authenticated`), and the *identity columns*: columns compared with the caller's identity
 * (`user_id = auth.uid()`), or defaulting to it. A principal's world gives those columns the
 * principal's value, so membership rows and owner columns point at the principal.
 */
import type { Func, SchemaModel, Table } from '../model';
import { unquoteIdent } from '../pgtext';
import type { Tenancy } from '../spec/types';

export type IdentityKind = 'value' | 'role';

export interface Identity {
  /** Custom settings read with current_setting() that are not JWT claims, e.g. `app.current_tenant_id`. */
  gucs: string[];
  /** JWT claims the policies read (`sub`, `org_id`, …); null when no policy reads request.jwt.*. */
  jwtClaims: string[] | null;
  /** Policies compare with current_user / session_user or test role membership. */
  byRole: boolean;
  /** Roles the covered tables' policies are written TO (public excluded), e.g. `authenticated`. */
  targetRoles: string[];
  /** `schema.table` → column → compared with the identity value or with the role name. */
  columns: Record<string, Record<string, IdentityKind>>;
  /** Identity functions found, e.g. `auth.uid`, `public.has_role_on_account` (for the report). */
  functions: string[];
  /** Where the identity came from. */
  source: 'overlay' | 'inferred';
  /** Overlay owner columns / membership that match no column of this schema (reported, not silently dropped). */
  unmatched?: string[];
}

const GUC_CALL = String.raw`current_setting\s*\(\s*'([^']+)'`;
const ROLE_ATOM = String.raw`\b(?:current_user|session_user|current_role)\b|\bpg_has_role\s*\(`;
const AUTH_CALL = String.raw`\bauth\.(?:uid|jwt|role)\s*\(`;
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;

const qn = (schema: string, name: string) => `${schema}.${name}`;
const unquote = (s: string) => unquoteIdent(s) ?? s;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Identity stated by the overlay's tenancy: one GUC, one column on every table that has it. */
export function identityFromTenancy(model: SchemaModel, tenancy: Tenancy, targetRoles: string[]): Identity {
  const columns: Identity['columns'] = {};
  for (const t of model.tables) if (t.columns.some((c) => c.name === tenancy.column)) columns[qn(t.schema, t.name)] = { [tenancy.column]: 'value' };
  return { gucs: tenancy.guc ? [tenancy.guc] : [], jwtClaims: null, byRole: false, targetRoles, columns, functions: [], source: 'overlay' };
}

/**
 * Identity stated by the overlay (`tenancy.identity`, presets resolved by spec/tenancy.ts): the
 * settings, claims and role are the overlay's; the identity columns are the overlay's owner
 * columns (on every table that has them) and membership column, added to those the policies
 * show (`user_id = auth.uid()`), the overlay's winning where both name a column.
 */
export function identityFromOverlay(model: SchemaModel, tenancy: Tenancy, tables: Table[], targetRoles: string[]): Identity {
  const stated = tenancy.identity!;
  const inferred = inferIdentity(model, tables);
  const kind: IdentityKind = stated.rolePerTenant ? 'role' : 'value';
  const columns: Identity['columns'] = {};
  for (const [q, cols] of Object.entries(inferred.columns)) columns[q] = { ...cols };
  const unmatched = new Set(stated.ownerColumns.map((c) => `owner_columns: ${c}`));
  for (const t of model.tables) {
    if (t.partitionOf !== null) continue;
    for (const c of stated.ownerColumns) if (t.columns.some((x) => x.name === c && x.generated === null)) { (columns[qn(t.schema, t.name)] ??= {})[c] = kind; unmatched.delete(`owner_columns: ${c}`); }
  }
  if (stated.membership) {
    const [schema, table, column] = stated.membership.split('.');
    if (model.tables.some((t) => t.schema === schema && t.name === table && t.columns.some((c) => c.name === column))) (columns[qn(schema, table)] ??= {})[column] = kind;
    else unmatched.add(`membership: ${stated.membership}`);
  }
  return {
    ...(unmatched.size ? { unmatched: [...unmatched] } : {}),
    gucs: [...stated.settings], jwtClaims: stated.jwtClaims ? [...stated.jwtClaims].sort() : null, byRole: stated.rolePerTenant,
    targetRoles: stated.role ? [stated.role] : targetRoles, columns, functions: inferred.functions, source: 'overlay',
  };
}

/** Functions (by `schema.name`) whose bodies read the caller's identity, directly or through another such function. */
export function identityFunctions(funcs: Func[], direct = new RegExp(`${GUC_CALL}|${ROLE_ATOM}|${AUTH_CALL}`, 'i')): Map<string, Func> {
  const found = new Map<string, Func>();
  for (const f of funcs) if (f.kind === 'function' && direct.test(f.definition)) found.set(qn(f.schema, f.name), f);
  for (let changed = true; changed;) {
    changed = false;
    for (const f of funcs) {
      const key = qn(f.schema, f.name);
      if (f.kind !== 'function' || found.has(key)) continue;
      if (calledFunctions(f.definition, funcs).some((g) => found.has(qn(g.schema, g.name)) && g !== f)) { found.set(key, f); changed = true; }
    }
  }
  return found;
}

/** Functions of the model called in `text` (`name(`, `schema.name(`, quoted or not). */
export function calledFunctions(text: string, funcs: Func[]): Func[] {
  const out = new Set<Func>();
  for (const m of text.matchAll(new RegExp(`(?:(${IDENT})\\s*\\.\\s*)?(${IDENT})\\s*\\(`, 'g'))) {
    const schema = m[1] ? unquote(m[1]) : null;
    const name = unquote(m[2]);
    for (const f of funcs) if (f.name === name && (schema === null || f.schema === schema)) out.add(f);
  }
  return [...out];
}

/** Infer the identity from the policies of `tables` (those under RLS) and every function they reach. */
export function inferIdentity(model: SchemaModel, tables: Table[]): Identity {
  const names = new Set(tables.map((t) => qn(t.schema, t.name)));
  const policies = model.policies.filter((p) => names.has(qn(p.schema, p.table)));
  const idFuncs = identityFunctions(model.functions);
  // Texts to read: every policy expression, and the bodies of functions they reach.
  const texts: { text: string; table: Table | null }[] = [];
  const reached = new Set<Func>();
  const visit = (text: string) => {
    for (const f of calledFunctions(text, model.functions)) {
      if (reached.has(f)) continue;
      reached.add(f);
      texts.push({ text: f.definition, table: null });
      visit(f.definition);
    }
  };
  for (const p of policies) {
    const text = `${p.using ?? ''}\n${p.withCheck ?? ''}`;
    const table = tables.find((t) => t.schema === p.schema && t.name === p.table) ?? null;
    texts.push({ text, table });
    visit(text);
  }
  for (const t of tables) for (const c of t.columns) if (c.default) visit(c.default);

  const gucs = new Set<string>();
  const claims = new Set<string>();
  let jwt = false;
  let byRole = false;
  for (const { text } of texts) {
    for (const m of text.matchAll(new RegExp(GUC_CALL, 'gi'))) {
      const name = m[1];
      if (/^request\.jwt\.claims?$/i.test(name)) jwt = true;
      else if (/^request\.jwt\.claim\./i.test(name)) { jwt = true; claims.add(name.slice('request.jwt.claim.'.length)); }
      else if (/^request\./i.test(name)) jwt = true; // request.headers, request.method: PostgREST context
      else gucs.add(name);
    }
    if (/\bauth\.(?:uid|jwt)\s*\(/i.test(text)) jwt = true;
    if (new RegExp(ROLE_ATOM, 'i').test(text)) byRole = true;
  }
  if (jwt) {
    claims.add('sub');
    for (const { text } of texts) {
      if (!/jwt/i.test(text)) continue;
      for (const m of text.matchAll(/->>?\s*'([A-Za-z_][A-Za-z0-9_]*)'/g)) claims.add(m[1]);
    }
  }

  // The identity "atoms" a column can be compared with.
  const valueFuncs = [...idFuncs.values()].filter((f) => f.returns !== null && f.returns !== 'boolean' && f.returns !== 'trigger' && f.identityArgs === '');
  const fnAtom = valueFuncs.map((f) => `(?:"?${esc(f.schema)}"?\\s*\\.\\s*)?"?${esc(f.name)}"?\\s*\\(\\s*\\)`);
  const valueAtom = [String.raw`current_setting\s*\([^)]*\)`, ...fnAtom].join('|');
  const roleAtom = String.raw`current_user|session_user|current_role`;
  const tail = String.raw`(?:\s*->>?\s*'[^']*'(?:::text)?|\s+AS\s+${IDENT}|\)|::[A-Za-z_ ]+(?:\[\])?)*`;
  const colRef = `\\(*((?:${IDENT}\\s*\\.\\s*)*${IDENT})\\)*(?:::[A-Za-z_ ]+)?`;
  // What may stand between `col =` and the identity: parentheses, a scalar subquery, and the
  // wrappers of the fail-closed idioms (`NULLIF(current_setting('x', true), '')`, `COALESCE(…)`).
  const lead = String.raw`(?:[\s(]|SELECT\b|(?:nullif|coalesce|lower|upper|btrim|trim)\s*\()*`;
  const patterns: { re: RegExp; kind: IdentityKind; col: number }[] = [
    { re: new RegExp(`${colRef}\\s*=\\s*${lead}(?:${valueAtom})`, 'gi'), kind: 'value', col: 1 },
    { re: new RegExp(`(?:${valueAtom})${tail}\\s*=\\s*${colRef}`, 'gi'), kind: 'value', col: 1 },
    { re: new RegExp(`${colRef}\\s*=\\s*${lead}(?:${roleAtom})\\b`, 'gi'), kind: 'role', col: 1 },
    { re: new RegExp(`\\b(?:${roleAtom})\\b${tail}\\s*=\\s*${colRef}`, 'gi'), kind: 'role', col: 1 },
    { re: new RegExp(`pg_has_role\\s*\\(\\s*(?:(?:${roleAtom})\\s*,\\s*)?${colRef}\\s*,`, 'gi'), kind: 'role', col: 1 },
  ];
  const columns: Identity['columns'] = {};
  const mark = (t: Table, col: string, kind: IdentityKind) => {
    if (!t.columns.some((c) => c.name === col && c.generated === null)) return;
    (columns[qn(t.schema, t.name)] ??= {})[col] ??= kind;
  };
  const SKIP = new Set(['select', 'and', 'or', 'not', 'null', 'true', 'false', 'where', 'then', 'else', 'when', 'case', 'exists', 'in']);
  for (const { text, table } of texts) {
    for (const { re, kind, col } of patterns) {
      for (const m of text.matchAll(re)) {
        const parts = [...m[col].matchAll(new RegExp(IDENT, 'g'))].map((x) => unquote(x[0]));
        const name = parts[parts.length - 1];
        if (!name || SKIP.has(name)) continue;
        if (table && table.columns.some((c) => c.name === name) && parts.length === 1) { mark(table, name, kind); continue; }
        // In a subquery or a helper's body: every table named in the same text that has the column.
        for (const t of model.tables) {
          if (t.partitionOf !== null || !t.columns.some((c) => c.name === name)) continue;
          if (new RegExp(`(?:^|[^A-Za-z0-9_$"])"?${esc(t.name)}"?(?:$|[^A-Za-z0-9_$"])`).test(text)) mark(t, name, kind);
        }
      }
    }
  }
  // Columns that default to the caller's identity (`created_by uuid DEFAULT auth.uid()`).
  const defaultValue = new RegExp(`^${lead}(?:${valueAtom})`, 'i');
  const defaultRole = new RegExp(`^\\(*\\s*(?:${roleAtom})\\b`, 'i');
  for (const t of model.tables) {
    for (const c of t.columns) {
      if (!c.default) continue;
      if (defaultRole.test(c.default)) mark(t, c.name, 'role');
      else if (valueFuncs.length + gucs.size > 0 && defaultValue.test(c.default)) mark(t, c.name, 'value');
    }
  }
  const targetRoles = [...new Set(policies.flatMap((p) => p.roles).filter((r) => r !== 'public'))].sort();
  return {
    gucs: [...gucs].sort(), jwtClaims: jwt ? [...claims].sort() : null, byRole, targetRoles, columns,
    functions: [...idFuncs.keys()].filter((k) => [...reached].some((f) => qn(f.schema, f.name) === k)).sort(),
    source: 'inferred',
  };
}

/**
 * A test for SQL text (a column default, a function body) that reads the caller's identity
 * setting-wise: `current_setting(…)`, `auth.uid()` / `auth.jwt()`, or a function of the model
 * that does (directly or through others). Role reads (`current_user`) are not included: a
 * principal's role is not something seeding can put in effect as the superuser.
 */
export function identityReader(funcs: Func[]): (text: string | null) => boolean {
  const direct = new RegExp(`${GUC_CALL}|${AUTH_CALL}`, 'i');
  const readers = identityFunctions(funcs, direct);
  return (text) => !!text && (direct.test(text) || calledFunctions(text, funcs).some((f) => readers.has(qn(f.schema, f.name))));
}

/**
 * Why seeding has to act as the principal (its identity settings in effect), or [] when the
 * superuser with explicit identity values sees the same: a column default that reads the
 * identity (`created_by uuid NOT NULL DEFAULT auth.uid()`, `tenant_id DEFAULT
 * current_setting('app.tenant')::bigint`), or a trigger whose function reads it (one that
 * stamps `created_by`, or adds the creator as the owner of a new organisation).
 */
export function seedingReadsIdentity(model: SchemaModel, id: Identity): string[] {
  if (!hasSettings(id)) return [];
  const reads = identityReader(model.functions);
  const why: string[] = [];
  for (const t of model.tables) {
    if (t.partitionOf !== null) continue;
    for (const c of t.columns) if (c.generated === null && reads(c.default)) why.push(`${qn(t.schema, t.name)}.${c.name} defaults to ${c.default}`);
  }
  for (const tr of model.triggers) {
    const f = model.functions.find((x) => qn(x.schema, x.name) === tr.function);
    if (f && reads(f.definition)) why.push(`trigger ${tr.name} on ${qn(tr.schema, tr.table)} runs ${tr.function}(), which reads the identity`);
  }
  return why;
}

/** Is there anything to act on: a setting, a claim or the role? */
export function hasIdentity(id: Identity): boolean {
  return id.gucs.length > 0 || id.jwtClaims !== null || id.byRole;
}

/** One line for the report, e.g. `JWT claims sub via auth.uid(); roles authenticated`. */
export function describeIdentity(id: Identity): string {
  const parts: string[] = [];
  if (id.gucs.length) parts.push(`setting${id.gucs.length > 1 ? 's' : ''} ${id.gucs.join(', ')}`);
  if (id.jwtClaims) parts.push(`JWT claims ${id.jwtClaims.join(', ')} (request.jwt.claim.sub, request.jwt.claims)`);
  if (id.byRole) parts.push('the database role (current_user / role membership)');
  if (!parts.length) parts.push('nothing the policies read');
  const via = id.functions.length ? ` via ${id.functions.map((f) => `${f}()`).join(', ')}` : '';
  const to = id.targetRoles.length ? `; policies TO ${id.targetRoles.join(', ')}` : '';
  const none = id.unmatched?.length ? `; overlay names matching no column here (not used): ${id.unmatched.join(', ')}` : '';
  return `${id.source === 'overlay' ? 'overlay' : 'inferred'}: ${parts.join(' + ')}${via}${to}${none}`;
}

/** Does the identity live in session settings (GUCs or JWT claims) that can be unset, emptied or nulled? */
export function hasSettings(id: Identity): boolean {
  return id.gucs.length > 0 || id.jwtClaims !== null;
}
