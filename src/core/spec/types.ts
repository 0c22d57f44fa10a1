/**
 * The metadata overlay (`schema/canonical_schema.yaml`), parsed and validated.
 * It tags schema elements with invariant categories and severities, names the
 * phases and what each requires, and tells the behaviour checks how tenancy works.
 * A check with no overlay at all uses `defaultSpec()` (spec/defaults.ts): generic
 * schema comparison with documented default severities.
 */
export type Severity = 'BLOCKING' | 'HIGH' | 'MEDIUM' | 'LOW';
export const SEVERITIES: readonly Severity[] = ['BLOCKING', 'HIGH', 'MEDIUM', 'LOW'];

/** Kinds of element an overlay entry can tag. */
export type ElementType =
  | 'table' | 'column' | 'constraint' | 'index' | 'policy' | 'rls' | 'trigger' | 'function'
  | 'view' | 'materialized_view' | 'sequence' | 'type' | 'extension' | 'privilege';

export interface SpecElement {
  type: ElementType;
  /**
   * Identity of the element, schema-qualified:
   * table `public.tenants`; column `public.tenants.api_key_hash`; constraint/index/policy/trigger
   * `public.revenue_ledger.ck_revenue_ledger_state_valid` (table + name); rls `public.revenue_ledger`;
   * function `public.check_allocation_sum()`; privilege `public.revenue_ledger:app_rw`.
   */
  object: string;
  /** Invariant category, e.g. `auth_critical`; its severity comes from `invariants`. */
  invariant?: string;
  /** Explicit severity; wins over the invariant's. */
  severity?: Severity;
  /** Phase ids that require this element, e.g. `['b0.3', 'b1.2']`. */
  phases: string[];
  /** Why it matters, shown in reports and the data dictionary. */
  rationale?: string;
  /** 1-based line in the YAML where the entry starts (filled by the parser). */
  line?: number;
}

export interface Tenancy {
  /** Column that scopes a row to a tenant, e.g. `tenant_id`. */
  column: string;
  /** GUC the policies read, e.g. `app.current_tenant_id`; '' when the overlay states an `identity` instead. */
  guc: string;
  /** How the RLS suite acts as a principal, when the overlay states it (spec/tenancy.ts resolves presets). */
  identity?: TenancyIdentity;
  /** The tenants table, e.g. `public.tenants`; null when the schema has none. */
  tenantsTable: string | null;
  /** Role the application connects as, e.g. `app_rw`; the RLS suite creates its own when absent. */
  appRole: string | null;
  /**
   * FORCE ROW LEVEL SECURITY (and that the table owner cannot bypass the policies) is required:
   * tested as `rls_forced` / `owner_cannot_bypass`. Default true when the overlay declares a
   * tenancy (`tenancy.force: false` turns it off); without an overlay it is reported as information.
   */
  requireForce?: boolean;
}

/**
 * The caller's identity as the overlay states it (`tenancy.identity`), presets resolved. Policies
 * read *who is asking*; the RLS suite sets these to act as principal a or b.
 */
export interface TenancyIdentity {
  /** The convention the other fields defaulted from, e.g. `supabase`; null when all are stated. */
  preset: 'guc' | 'supabase' | 'role' | null;
  /** Custom GUCs set to the principal's identity value, e.g. `app.current_tenant_id`. */
  settings: string[];
  /** JWT claims set to the principal's value (request.jwt.claims, request.jwt.claim.<name>); null: not JWT. */
  jwtClaims: string[] | null;
  /** Role the principals act as (a member of), e.g. `authenticated`; null: the roles the policies are written TO. */
  role: string | null;
  /** Each principal is its own database role (`current_user`, `pg_has_role`). */
  rolePerTenant: boolean;
  /** Columns holding the principal's identity on every table that has them, e.g. `user_id`. */
  ownerColumns: string[];
  /** `schema.table.column` of the membership row that holds the principal's id, e.g. `basejump.account_user.user_id`. */
  membership: string | null;
}

export interface Phase {
  /** Lower-case id, e.g. `b0.3`. */
  id: string;
  name: string;
  /** Phase ids that must PASS first (the critical path). */
  prerequisites: string[];
  /** Regression matrix: phases re-validated when this one is (seed 000 §7.2). Defaults to the transitive prerequisites. */
  regression: string[];
  /** Smoke test ids run for this phase (files in `schema/smoke/`). */
  smoke: string[];
  /** When true, missing HIGH-only elements give WARN_PASS (degraded mode) instead of FAIL. */
  allowDegraded: boolean;
  description?: string;
  /** Migration checks the phase's gate requires (seed 003 §2.2, seed 002 gates 4A.6/4A.10/4B.8/4C.8). */
  migrationChecks?: ('lint' | 'reversibility')[];
}

export interface Spec {
  /** Display name, e.g. `Skeldir`. */
  name: string;
  /** Invariant category → severity, e.g. `auth_critical: BLOCKING`, `statistical: HIGH`. */
  invariants: Record<string, Severity>;
  /** Severity for elements the overlay does not tag, per divergence kind family (see spec/defaults.ts). */
  defaults: {
    /** A canonical element missing from the dump / different in it. */
    untagged: Severity;
    /** An element the dump has that the canonical schema does not. */
    extra: Severity;
    /**
     * No overlay at all: untagged divergences take `reviewerSeverity()` (spec/defaults.ts), by
     * what the change does (a dropped column is BLOCKING), instead of `untagged` / `extra`.
     */
    byChange?: boolean;
  };
  tenancy: Tenancy | null;
  phases: Phase[];
  elements: SpecElement[];
  /** Source label of the YAML (for locations), e.g. `schema/canonical_schema.yaml`. */
  source: string;
  /** DDL lint settings (`lint:` in the overlay); absent = every rule at its default severity. */
  lint?: LintConfig;
}

export interface LintConfig {
  /** Rule id → severity, e.g. `{ require_table_comment: 'error', prefer_timestamptz: 'off' }`. */
  rules: Record<string, 'error' | 'warning' | 'off'>;
  /** Contract fields (seed 003 §2.1 rule 3), `schema.table.column`: migrations create them NOT NULL. */
  requiredColumns: string[];
}
