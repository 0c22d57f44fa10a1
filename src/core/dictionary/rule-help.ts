/**
 * Help for every finding the engine can report: one entry per DivergenceKind and per RLS
 * scenario (those from the scenario registry, rls/scenarios), each with a docs page under `docs/rules/` (Problem / Solution / Incorrect /
 * Correct, the way squawk and eslint document rules). The app and the SARIF renderer link
 * these; `Record<DivergenceKind, …>` makes the compiler insist on an entry for each kind.
 */
import type { DivergenceKind } from '../report/types';
import { SCENARIOS, SCENARIO_IDS, type RlsScenarioId } from '../rls/scenarios';

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

/** Scenario ids of the behavioural RLS suite (RlsTest.scenario), from the registry (rls/scenarios). */
export const RLS_SCENARIO_IDS = SCENARIO_IDS;
export type { RlsScenarioId };

export const RLS_SCENARIO_HELP = Object.fromEntries(
  SCENARIOS.map((s) => [s.id, { title: s.title, summary: s.summary, docPath: s.docPath }]),
) as Record<RlsScenarioId, RuleHelp>;

/** Every rule by id: divergence kinds as themselves (`missing`), RLS scenarios as `rls/<id>`. */
export const RULE_HELP: Record<string, RuleHelp> = {
  ...DIVERGENCE_HELP,
  ...Object.fromEntries(Object.entries(RLS_SCENARIO_HELP).map(([id, h]) => [`rls/${id}`, h])),
};

/** Help for a divergence kind or an RLS scenario id (with or without the `rls/` prefix). */
export function ruleHelp(id: string): RuleHelp | null {
  return RULE_HELP[id] ?? RULE_HELP[`rls/${id}`] ?? null;
}
