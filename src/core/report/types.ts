/**
 * The report: one JSON document, the same bytes from the CLI and the browser.
 * Documented by `schema/report.schema.json`; keep field names stable.
 */
import type { Severity } from '../spec/types';

/** Every kind of divergence the compare engine reports (docs, help and tests iterate this list). */
export const DIVERGENCE_KINDS = [
  'missing',              // in canonical, absent from the dump
  'extra',                // in the dump, absent from canonical
  'type_mismatch',
  'nullability_mismatch',
  'default_mismatch',
  'identity_mismatch',
  'definition_mismatch', // constraint/index/view/function/trigger definition differs
  'rls_disabled',
  'rls_not_forced',
  'policy_mismatch',
  'privilege_missing',
  'privilege_extra',
  'comment_mismatch',
  'owner_mismatch',      // OWNER TO differs where the canonical names an owner
] as const;

export type DivergenceKind = (typeof DIVERGENCE_KINDS)[number];

export type ObjectType =
  | 'schema' | 'extension' | 'table' | 'column' | 'constraint' | 'index' | 'policy' | 'rls'
  | 'trigger' | 'function' | 'view' | 'materialized_view' | 'sequence' | 'type' | 'privilege'
  | 'collation' | 'event_trigger' | 'rule' | 'publication' | 'foreign_server' | 'foreign_data_wrapper' | 'default_privilege';

export interface Divergence {
  /**
   * Stable identity: `${kind}:${object_type}:${object}`. The same drift gets the same id
   * across runs and dumps; the drift registry maps it to SCHEMA-DRIFT-###.
   */
  id: string;
  severity: Severity;
  kind: DivergenceKind;
  object_type: ObjectType;
  /** Qualified object, e.g. `public.attribution_events.session_id`, `public.tenants.idx_tenants_api_key_hash`. */
  object: string;
  /** Table the object belongs to (`public.attribution_events`), null for schema-level objects. */
  table: string | null;
  /** Invariant category from the overlay, e.g. `privacy_critical`; null when untagged. */
  invariant: string | null;
  /** Canonical value, printed by Postgres (e.g. `uuid NOT NULL`); null when missing from canonical. */
  expected: string | null;
  /** Dump value; null when missing from the dump. */
  actual: string | null;
  /** Phases whose required elements include this one. */
  phases: string[];
  /** One sentence for people, e.g. `attribution_events.session_id is nullable; canonical requires NOT NULL`. */
  message: string;
  /**
   * 1-based line in the dump where the object is defined (for a missing object: where its table
   * is), located by report/locate.ts in pg_dump-shaped text; absent when not found. Used by
   * SARIF to annotate the dump file.
   */
  line?: number;
  /**
   * Present when a reviewer's drift decision (core/drift/apply.ts) waives this divergence: it is
   * reported but no longer gates. Absent in a report straight from the engine.
   */
  decision?: DivergenceDecision;
}

/** Why a divergence no longer blocks: the Schema Drift Table decision recorded for it. */
export interface DivergenceDecision {
  status: 'accepted' | 'resolved';
  /** `SCHEMA-DRIFT-003`; null when the drift has no number yet. */
  drift_id: string | null;
  /** ADR reference, e.g. `ADR-004` (required for `accepted`). */
  adr: string | null;
  /** One sentence: `SCHEMA-DRIFT-003 accepted with ADR-004: channel taxonomy kept`. */
  reason: string;
}

export interface LoadError {
  /** 1-based line in the input where the failing statement starts (or where the error points). */
  line: number;
  /** 1-based column of that line. */
  column: number;
  /** SQLSTATE from Postgres, e.g. `42P01`; `XX000` when unknown. */
  sqlstate: string;
  message: string;
  /** The statement text as it was in the input. */
  statement: string;
  /**
   * Set when the engine stopped the statement instead of PostgreSQL failing it: it ran past the
   * statement budget (`timeout`) or the engine died running it (`crash`). The check could not
   * fully use the input: exit code 3, verdict INCOMPLETE.
   */
  stopped?: 'timeout' | 'crash';
}

export interface LoadNote {
  line: number;
  /** Machine-readable code, e.g. `role_created`, `extension_loaded`, `extension_skipped`, `meta_command_skipped`. */
  code: string;
  message: string;
}

export interface LoadSummary {
  /** Statements found in the input (SQL + COPY; meta-commands excluded). */
  statements: number;
  /** Statements that ran without error. */
  executed: number;
  errors: LoadError[];
  notes: LoadNote[];
  /** Milliseconds spent loading. */
  ms: number;
}

/**
 * `INCOMPLETE`: an input could not be fully used (the report's `incomplete`), so no phase can be
 * decided; what the gate computed on the part that loaded is kept in `partial`.
 */
export type GateStatus = 'PASS' | 'WARN_PASS' | 'FAIL' | 'WAITING' | 'INCOMPLETE';

export interface GateDecision {
  status: GateStatus;
  reason: string;
  required_action: string;
  /** Divergence ids, failed RLS test keys and failed smoke ids that block this phase. */
  blocking_items: string[];
  /** Divergence counts among this phase's elements. */
  counts: { blocking: number; high: number; medium: number; low: number };
  /** Exit code of this phase alone (0/1/2), null when not evaluated (WAITING), 3 when INCOMPLETE. */
  exit_code: 0 | 1 | 2 | 3 | null;
  /**
   * Only when `status` is INCOMPLETE: the decision computed on what did load (partial evidence:
   * a statement that failed to load may hide or cause any of it).
   */
  partial?: { status: Exclude<GateStatus, 'INCOMPLETE'>; reason: string; exit_code: 0 | 1 | 2 | null };
}

export type TestOutcome = 'passed' | 'failed' | 'inconclusive';

/** What a probe saw: `allowed` (rows returned / write went through), `denied` (no rows / 42501), `error` (anything else). */
export type RlsObserved = 'allowed' | 'denied' | 'error';

/** The canonical schema's side of an RLS test (the oracle): same probe, same principals. */
export interface RlsCanonicalSide {
  outcome: TestOutcome;
  observed?: RlsObserved;
  detail: string;
  sql: string;
  rows?: Record<string, unknown>[];
}

export interface RlsTest {
  /** e.g. `public.attribution_events` */
  table: string;
  /** Scenario id, e.g. `own_rows_visible`, `cross_tenant_invisible`, `cross_tenant_insert_rejected`. */
  scenario: string;
  outcome: TestOutcome;
  /** Convenience: outcome === 'passed'. */
  passed: boolean;
  /** What was seen, e.g. `saw 1 of 1 own rows`, or why it was inconclusive. */
  detail: string;
  /** SQL that ran. */
  sql: string;
  /** Role it ran as, e.g. `skeldir_rls_probe`. */
  role: string;
  /** Tenant GUC value used (`null` for unset). */
  tenant: string | null;
  /** Rows the query returned (capped), for the UI's cell detail. */
  rows?: Record<string, unknown>[];
  /** What the probe saw on the dump (absent when it could not run). */
  observed?: RlsObserved;
  /** The same probe on the canonical schema, when the canonical is the oracle. */
  canonical?: RlsCanonicalSide;
  /**
   * For a failed test: BLOCKING for a leak (the dump allows what the canonical or the tenancy
   * forbids), HIGH for a regression (the dump denies own-row access the canonical allows).
   */
  severity?: 'BLOCKING' | 'HIGH';
}

/** One side's principal and the world seeded for it. */
export interface RlsPrincipal {
  /** `a` or `b`. */
  key: string;
  /** Identity value (tenant id, JWT sub, role name). */
  value: string;
  role: string;
  /**
   * The statements that made the seeding session act as the principal (its identity settings),
   * when the schema reads the identity while rows are written (defaults, triggers); absent otherwise.
   */
  session?: string[];
  /** Rows written for its world; `error` says why a table could not be seeded. */
  world: { table: string; sql: string; error: string | null }[];
}

export interface RlsSide {
  /** How the caller is identified, in one line (identity.ts describeIdentity). */
  identity: string;
  principals: RlsPrincipal[];
}

export interface RlsSection {
  /** `tenancy`: absolute checks from the overlay's tenancy; `oracle`: dump compared with the canonical. */
  mode?: 'tenancy' | 'oracle';
  /** Identity, principals and worlds on the dump (and on the canonical, for the oracle). */
  dump?: RlsSide;
  canonical?: RlsSide;
  /** Facts reported as information, not tests (e.g. RLS not forced where nothing requires it). */
  info?: { table: string; scenario: string; detail: string }[];
  tests: RlsTest[];
  summary: { passed: number; failed: number; inconclusive: number };
  ms: number;
}

export interface SmokeResult {
  id: string;
  phase: string;
  title: string;
  outcome: TestOutcome;
  passed: boolean;
  detail: string;
  sql: string;
  /** Element identities the test uses (its `requires`), e.g. `public.t`, `public.t.column`, `public.t.index_name`. */
  requires: string[];
}

export interface SmokeSection {
  tests: SmokeResult[];
  summary: { passed: number; failed: number; inconclusive: number };
  ms: number;
}

export interface InputInfo {
  /** `canonical_sql`, `spec_yaml`, `dump`. */
  role: 'canonical_sql' | 'spec_yaml' | 'dump';
  /** File name or label. */
  name: string;
  sha256: string;
  bytes: number;
}

/**
 * An input that did not load completely (any load error in the canonical SQL or the dump):
 * the comparison ran on what did load, so its divergences are partial and the verdict is
 * INCOMPLETE (exit 3), never a PASS or a FAIL that pretends to know.
 */
export interface Incomplete {
  /** The first input with a load error (canonical before dump). */
  input: 'canonical' | 'dump';
  /** Its file name or label, e.g. `staging.sql`. */
  source: string;
  /** Its first error, where Postgres pointed (1-based). */
  line: number;
  column: number;
  sqlstate: string;
  message: string;
  /** Load errors in both inputs together. */
  errors: number;
}

export interface Report {
  /** Version of the report format (semver of report.schema.json). */
  report_version: string;
  tool: { name: string; version: string };
  /** ISO-8601 time the check ran. */
  generated_at: string;
  /**
   * 0 pass, 1 any BLOCKING divergence or failed RLS/smoke test in scope, 2 only HIGH,
   * 3 an input could not be fully used (see `incomplete`).
   */
  exit_code: 0 | 1 | 2 | 3;
  /** `PASS` (0), `FAIL` (1), `WARN_PASS` (2), `INCOMPLETE` (3: input could not be fully used). */
  verdict: 'PASS' | 'FAIL' | 'WARN_PASS' | 'INCOMPLETE';
  /** Present when an input did not load completely: the divergences are then partial. */
  incomplete?: Incomplete;
  /** Phase selection: `all` or one phase id. */
  phase: string;
  /** Gating divergences per severity; `waived`: divergences a drift decision took out of gating (absent when none). */
  summary: { blocking: number; high: number; medium: number; low: number; waived?: number };
  divergences: Divergence[];
  phases: Record<string, GateDecision>;
  load: { canonical: LoadSummary; dump: LoadSummary };
  rls: RlsSection | null;
  smoke: SmokeSection | null;
  inputs: InputInfo[];
  timings: Record<string, number>;
}
