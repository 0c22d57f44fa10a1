/**
 * Messages between the page and the engine worker: two unions tagged by `type`.
 * Everything here is structured-clone safe (plain data, no classes, no functions).
 */
import type { FixPlan, FixVerification } from '../../core/fix/types';
import type { SchemaModel } from '../../core/model';
import type { Report } from '../../core/report/types';
import type { Phase, Spec } from '../../core/spec/types';
import type { Activity, Stop } from '../../core/guard/types';
import type { LintResult } from '../../core/lint/engine';
import type { ReversibilityReport } from '../../core/reversibility/types';

export interface NamedText {
  name: string;
  text: string;
}

export interface DumpSource {
  /** Stable key of the dump in the session, e.g. `sample:legacy_head` or `file:3`. */
  key: string;
  name: string;
  sql: string;
}

export interface CheckRequest {
  type: 'check';
  /** Run id; results and progress carry it so stale ones can be dropped. */
  id: number;
  canonical: NamedText;
  spec: NamedText | null;
  /** Seed overrides for the RLS suite and smoke tests (schema/seeds/skeldir.yaml); null for none. */
  seeds: NamedText | null;
  dumps: DumpSource[];
  phase: string;
  /** Statements the page's watchdog stopped in an earlier attempt of this run (core/guard). */
  stops: Stop[];
  /** Load COPY … FROM stdin data (default off, like the CLI without --with-data). */
  withData: boolean;
  /** Most bytes a dump may have (the CLI's --max-input-size). */
  maxInputBytes: number;
}

/** Close the databases of dumps that are gone (removed from the session). */
export interface ForgetRequest {
  type: 'forget';
  /** Dump keys still in the session; every other dump database is closed. */
  keep: string[];
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

/** Run SQL by hand against a database the worker keeps (SQL console). */
export interface SqlQueryRequest {
  type: 'sql-query';
  id: number;
  /** `canonical` or a dump key. */
  target: string;
  sql: string;
  /** Run as a non-superuser role with the tenancy GUC set, to explore RLS by hand. */
  asTenant: { role: string; guc: string; tenant: string } | null;
}

/** Start PostgreSQL now (fetch the data directory, compile the WASM) while the page restores its session. */
export interface WarmRequest {
  type: 'warm';
  /**
   * The page will most likely check the bundled default sample first (no saved session, no share
   * link): start its database prepared at build time instead of an empty one.
   */
  sample?: boolean;
}

/**
 * Download (and unpack) the data directory the first database will most likely start from, now,
 * before the page has read IndexedDB to know for sure (`warm` follows with the answer). A wrong
 * guess costs a download, never a result: `warm` decides which database starts.
 */
export interface PrefetchRequest {
  type: 'prefetch';
  /** The bundled default sample's data directory (a first visit), else the empty one. */
  sample: boolean;
}

/** Plan the corrective migration of a dump of the latest run and prove it (src/core/fix). */
export interface FixRequest {
  type: 'fix';
  id: number;
  /** Dump key of the latest run. */
  dump: string;
}

/** DDL lint of migration files (Migrations view). */
export interface LintRequest {
  type: 'lint';
  id: number;
  files: (NamedText & { role: 'up' | 'down' })[];
  spec: NamedText | null;
}

/** Upgrade → downgrade → upgrade on a base schema (Migrations view). */
export interface ReversibilityRequest {
  type: 'reversibility';
  id: number;
  base: NamedText;
  up: NamedText;
  down: NamedText;
  spec: NamedText | null;
}

export type ToWorker = CheckRequest | CancelRequest | SqlQueryRequest | WarmRequest | PrefetchRequest | ForgetRequest | LintRequest | ReversibilityRequest | FixRequest;

/** What the engine is running now (null: between round trips): the page's watchdog heartbeat. */
export interface ActivityMessage {
  type: 'activity';
  id: number;
  activity: Activity | null;
}

/** PostgreSQL in this worker overflowed its stack (guard-db.ts): terminate it, blame the current activity. */
export interface PoisonedMessage {
  type: 'poisoned';
  id: number;
}

export interface ProgressMessage {
  type: 'progress';
  id: number;
  /** Dump key the progress is about; null for canonical / shared stages. */
  dump: string | null;
  /** Stage label, e.g. `boot`, `load-canonical`, `load-dump`, `introspect`, `compare`, `rls`, `smoke`. */
  stage: string;
  done?: number;
  total?: number;
}

/** The worker's start-up profile (boot-marks.ts) and its PGlite WASM memory now: the bench's breakdown. */
export interface WorkerProfile {
  /** Step → ms since the epoch. */
  marks: Record<string, number>;
  /** WASM linear memory of the PGlite instances open in the worker. */
  wasm: { instances: number; bytes: number };
  /** Check requests this worker has received so far (a first visit needs exactly one). */
  checks: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  dump: string;
  report: Report;
  canonicalModel: SchemaModel;
  dumpModel: SchemaModel;
  /** The overlay's phases (prerequisites for the gates graph); empty without an overlay. */
  phases: Phase[];
  /**
   * The parsed overlay (data dictionary tags, invariants), null without one. Parsed in the worker:
   * its JSON Schema validator compiles code, which the page's CSP (no unsafe-eval) forbids.
   */
  spec: Spec | null;
  ms: number;
  profile?: WorkerProfile;
}

/**
 * A dump's structural result, streamed before its RLS suite and smoke tests run: divergences and
 * load summary are final, `rls` / `smoke` not run yet. Its `result` follows (or an error).
 */
export interface StructuralMessage {
  type: 'structural';
  id: number;
  dump: string;
  report: Report;
  /** Milliseconds from the start of this dump's check. */
  ms: number;
  profile?: WorkerProfile;
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  /** Dump key the error belongs to; null when the whole run failed (e.g. canonical unusable). */
  dump: string | null;
  message: string;
  /** Where, when the error is an InputError (file, line, column). */
  location: { source: string; line?: number; column?: number } | null;
}

/** The run finished (all dumps done, failed or cancelled). */
export interface DoneMessage {
  type: 'done';
  id: number;
  cancelled: boolean;
}

export interface SqlResultMessage {
  type: 'sql-result';
  id: number;
  fields: string[];
  rows: unknown[][];
  /** Rows affected by DML, when Postgres reports it. */
  affectedRows: number | null;
  /** Rows returned before the display cap. */
  rowCount: number;
  ms: number;
  error: { message: string; sqlstate: string | null; position: number | null } | null;
}

export interface FixResultMessage {
  type: 'fix-result';
  id: number;
  dump: string;
  plan: FixPlan | null;
  /** The SQL script (hazards as comments, verification in its header). */
  script: string | null;
  verification: FixVerification | null;
  down: { plan: FixPlan; script: string; verification: FixVerification } | null;
  toolVersion: string;
  ms: number;
  /** Why no plan could be made (no result for that dump yet, an engine failure). */
  error: string | null;
}

export interface LintResultMessage {
  type: 'lint-result';
  id: number;
  results: LintResult[];
  error: { message: string; location: { source: string; line?: number; column?: number } | null } | null;
}

export interface ReversibilityResultMessage {
  type: 'reversibility-result';
  id: number;
  report: ReversibilityReport | null;
  error: { message: string; location: { source: string; line?: number; column?: number } | null } | null;
}

export type FromWorker = ProgressMessage | StructuralMessage | ResultMessage | ErrorMessage | DoneMessage | SqlResultMessage | ActivityMessage | PoisonedMessage | LintResultMessage | ReversibilityResultMessage | FixResultMessage;
