/**
 * A smoke test: a phase's acceptance condition as data (schema/smoke/<phase>.yaml, format in
 * schema/smoke/README.md). It runs in a scratch copy, inside BEGIN … ROLLBACK, as the application
 * role with a tenant set unless it says otherwise.
 */
export type Comparison = '=' | '>=' | '<=' | '>' | '<';

export type SmokeExpect =
  /** Rows the statement returns, e.g. `">=1"`, `0`. */
  | { kind: 'rows'; op: Comparison; count: number }
  /** Rows the statement inserted/updated/deleted. */
  | { kind: 'affected'; op: Comparison; count: number }
  /** The statement fails with this SQLSTATE, e.g. `23502`, `42501`. */
  | { kind: 'error'; sqlstate: string }
  /** `… RETURNING` gives no row (ON CONFLICT DO NOTHING hit the existing one). */
  | { kind: 'returns_no_row' }
  /** EXPLAIN (FORMAT JSON) of the statement names this index (with enable_seqscan off). */
  | { kind: 'uses_index'; index: string }
  /** The statement succeeds (whatever it returns). */
  | { kind: 'ok' };

/** Insert one synthesised row (the synthesiser fills every other required column). */
export interface SmokeInsert {
  table: string;
  /** Column → value (placeholders allowed); null is SQL NULL. */
  values: Record<string, string | null>;
}

/** A row put in place (as the superuser) before the test runs. */
export interface SmokeSeed extends SmokeInsert {
  /** Tenant whose row it is: fills the tenancy column when the table has it. */
  tenant: 'a' | 'b' | null;
  /** Name to refer to the inserted row's columns later, as `{{name.column}}`. */
  ref: string | null;
}

export interface SmokeStep {
  /** SQL text (placeholders allowed), or null when the step is an `insert`. */
  sql: string | null;
  insert: SmokeInsert | null;
  /** Checked after this step; intermediate steps without one only need to succeed. */
  expect: SmokeExpect | null;
}

export interface SmokeTest {
  id: string;
  phase: string;
  title: string;
  /** Element identities that must exist: `public.t`, `public.t.column`, `public.t.index_or_constraint_name`. */
  requires: string[];
  /** `app` (tenancy.appRole), `superuser`, `owner` (the owner of the first required table), or a role name. */
  as: string;
  tenant: 'a' | 'b' | null;
  seed: SmokeSeed[];
  /** Superuser SQL run after the seeds, before switching role. */
  setup: string[];
  /** Steps run as `as`; the last one is checked against `expect`. */
  steps: SmokeStep[];
  expect: SmokeExpect;
  /** Where the test is defined, e.g. `schema/smoke/b0.3.yaml:12`. */
  source: string;
}
