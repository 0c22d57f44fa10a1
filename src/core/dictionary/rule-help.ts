/**
 * Help for every finding the engine can report: one entry per DivergenceKind and per RLS
 * scenario, each with a docs page under `docs/rules/` (Problem / Solution / Incorrect /
 * Correct, the way squawk and eslint document rules). The app and the SARIF renderer link
 * these; `Record<DivergenceKind, …>` makes the compiler insist on an entry for each kind.
 */
import type { DivergenceKind } from '../report/types';

export interface RuleHelp {
  title: string;
  /** One sentence: what the finding means and why it matters. */
  summary: string;
  /** Repository-relative path of the docs page, e.g. `docs/rules/missing.md`. */
  docPath: string;
}

const kind = (id: DivergenceKind, title: string, summary: string): RuleHelp => ({ title, summary, docPath: `docs/rules/${id}.md` });

export const DIVERGENCE_HELP: Record<DivergenceKind, RuleHelp> = {
  missing: kind('missing', 'Missing object', 'An object the canonical schema defines is absent from the dump, so whatever it guarantees (a column, an index, a constraint, a policy) does not hold.'),
  extra: kind('extra', 'Extra object', 'The dump has an object the canonical schema does not define: undocumented drift that must be reconciled or recorded with an ADR.'),
  type_mismatch: kind('type_mismatch', 'Column type differs', 'A column exists but with a different type (as format_type prints it), which changes what values it accepts and how it compares.'),
  nullability_mismatch: kind('nullability_mismatch', 'Nullability differs', 'A column is nullable where canonical requires NOT NULL (or the reverse), so required data can be missing.'),
  default_mismatch: kind('default_mismatch', 'Default differs', 'A column default differs from canonical, so rows inserted without the column get a different value.'),
  identity_mismatch: kind('identity_mismatch', 'Identity differs', 'A column is (or is not) an identity column, or uses ALWAYS where canonical says BY DEFAULT, changing how keys are generated.'),
  definition_mismatch: kind('definition_mismatch', 'Definition differs', 'A constraint, index, view, function or trigger exists under the canonical name but Postgres prints a different definition.'),
  rls_disabled: kind('rls_disabled', 'Row-level security disabled', 'A table that canonical protects with row-level security has it disabled: every role with table privileges sees every tenant.'),
  rls_not_forced: kind('rls_not_forced', 'Row-level security not forced', 'RLS is enabled but not forced, so the table owner (often the migration or app role) bypasses every policy.'),
  policy_mismatch: kind('policy_mismatch', 'Policy differs', 'A row-level security policy differs in command, roles, permissiveness, USING or WITH CHECK, changing which rows a tenant can see or write.'),
  privilege_missing: kind('privilege_missing', 'Privilege missing', 'A GRANT canonical requires is absent, so a role cannot do what the application needs.'),
  privilege_extra: kind('privilege_extra', 'Extra privilege', 'A role holds a privilege canonical does not grant (e.g. UPDATE on an append-only ledger, or anything to PUBLIC).'),
  comment_mismatch: kind('comment_mismatch', 'Comment differs', 'COMMENT ON text differs from canonical; comments carry the contract and RLS tags the governance checks read.'),
  owner_mismatch: kind('owner_mismatch', 'Owner differs', 'An object the canonical gives an explicit owner (OWNER TO) is owned by another role in the dump; the owner can ALTER or DROP it and bypasses its row level security unless forced.'),
};

/** Scenario ids of the behavioural RLS suite (RlsTest.scenario). */
export const RLS_SCENARIO_IDS = [
  'own_rows_visible', 'cross_tenant_invisible', 'cross_tenant_insert_rejected', 'cross_tenant_update_zero_rows',
  'cross_tenant_delete_zero_rows', 'own_insert_allowed', 'own_update_allowed', 'unset_guc_denied', 'empty_guc_denied',
  'null_guc_denied', 'owner_cannot_bypass', 'rls_enabled', 'rls_forced',
] as const;
export type RlsScenarioId = (typeof RLS_SCENARIO_IDS)[number];

const rls = (id: RlsScenarioId, title: string, summary: string): RuleHelp => ({ title, summary, docPath: `docs/rules/rls/${id}.md` });

export const RLS_SCENARIO_HELP: Record<RlsScenarioId, RuleHelp> = {
  own_rows_visible: rls('own_rows_visible', 'Own rows visible', 'With the tenant GUC set, the application role sees the rows of its own tenant; if not, the policy is wrong or too strict.'),
  cross_tenant_invisible: rls('cross_tenant_invisible', 'Other tenants\u2019 rows invisible', 'With tenant A\u2019s GUC set, a SELECT returns none of tenant B\u2019s rows.'),
  cross_tenant_insert_rejected: rls('cross_tenant_insert_rejected', 'Cross-tenant INSERT rejected', 'Tenant A cannot insert a row carrying tenant B\u2019s id: WITH CHECK must reject it.'),
  cross_tenant_update_zero_rows: rls('cross_tenant_update_zero_rows', 'Cross-tenant UPDATE touches nothing', 'An UPDATE by tenant A aimed at tenant B\u2019s rows affects zero rows.'),
  cross_tenant_delete_zero_rows: rls('cross_tenant_delete_zero_rows', 'Cross-tenant DELETE touches nothing', 'A DELETE by tenant A aimed at tenant B\u2019s rows affects zero rows.'),
  own_insert_allowed: rls('own_insert_allowed', 'Own INSERT allowed', 'Tenant A can insert its own row: isolation must not break the application.'),
  own_update_allowed: rls('own_update_allowed', 'Own UPDATE allowed', 'Tenant A can update its own row (where the table allows updates at all).'),
  unset_guc_denied: rls('unset_guc_denied', 'Unset tenant GUC denies', 'With app.current_tenant_id never set, the application role sees no rows (default deny), instead of all rows or an unhandled error path.'),
  empty_guc_denied: rls('empty_guc_denied', 'Empty tenant GUC denies', 'With the GUC set to the empty string (what RESET leaves in a pooled session), no rows are visible.'),
  null_guc_denied: rls('null_guc_denied', 'NULL tenant GUC denies', 'With the GUC set to NULL, no rows are visible: the policy comparison is NULL, never true.'),
  owner_cannot_bypass: rls('owner_cannot_bypass', 'Owner cannot bypass', 'The table owner is subject to the policies too (FORCE ROW LEVEL SECURITY), so a connection as owner does not leak other tenants.'),
  rls_enabled: rls('rls_enabled', 'RLS enabled', 'The catalog says ALTER TABLE \u2026 ENABLE ROW LEVEL SECURITY is in effect (relrowsecurity).'),
  rls_forced: rls('rls_forced', 'RLS forced', 'The catalog says ALTER TABLE \u2026 FORCE ROW LEVEL SECURITY is in effect (relforcerowsecurity).'),
};

/** Every rule by id: divergence kinds as themselves (`missing`), RLS scenarios as `rls/<id>`. */
export const RULE_HELP: Record<string, RuleHelp> = {
  ...DIVERGENCE_HELP,
  ...Object.fromEntries(Object.entries(RLS_SCENARIO_HELP).map(([id, h]) => [`rls/${id}`, h])),
};

/** Help for a divergence kind or an RLS scenario id (with or without the `rls/` prefix). */
export function ruleHelp(id: string): RuleHelp | null {
  return RULE_HELP[id] ?? RULE_HELP[`rls/${id}`] ?? null;
}
