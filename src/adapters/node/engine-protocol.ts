/**
 * Messages between the CLI (watchdog) and its engine child process (engine-child.ts), sent over
 * Node's IPC channel with `serialization: 'advanced'` (structured clone: strings and bytes as is).
 */
import type { Activity, Stop } from '../../core/guard/types';
import type { MigrationEvidence } from '../../core/gates/migrations';
import type { Report } from '../../core/report/types';
import type { SourceLocation } from '../../core/errors';
import type { PrebuiltCanonicalMeta } from '../browser/prebuilt-canonical';

/** The canonical side as one attempt prepared it: the next attempt starts from its data directory. */
export interface CanonicalSnapshot {
  meta: PrebuiltCanonicalMeta;
  /** gzip'd data directory. */
  dataDir: Uint8Array;
}

/** An engine process's own resource use: its peak RSS is PostgreSQL's memory (WASM) + V8's. */
export interface EngineUsage {
  /** Peak resident set size of the engine process (getrusage ru_maxrss), MB. */
  peakRssMb: number;
  /** User + system CPU time of the engine process, ms. */
  cpuMs: number;
  /** Where the resident memory went (the bench's breakdown). */
  memory?: EngineMemory;
}

/** Resident set (MB) of the engine process at named points. */
export interface EngineMemory {
  /** Node and the engine's modules, before any database. */
  baseMb: number;
  /** After each PostgreSQL start (its start-up garbage collected), in order. */
  startsMb: number[];
  /** The highest seen in each stage the engine reported (`load dump`, `rls`, …), sampled at stage ends. */
  stagesMb: Record<string, number>;
  /**
   * When (ms since the engine process started): its modules were loaded and it began serving
   * (`readyMs`), the job arrived (`jobMs`), the database started ahead began and was ready.
   */
  process?: { readyMs: number; jobMs: number; ahead: { startMs?: number; readyMs?: number } };
}

/** Exit code of an engine child that ended itself because its PostgreSQL can no longer be trusted. */
export const EXIT_ENGINE_POISONED = 70;

export interface Named {
  name: string;
  sql: string;
}

/** One attempt at checking the dumps that have no report yet. */
export interface EngineJob {
  type: 'job';
  canonical: Named;
  spec: { name: string; yaml: string } | null;
  dumps: Named[];
  phase: string;
  smoke: { name: string; yaml: string }[];
  seeds: { name: string; yaml: string } | null;
  behaviour: boolean | undefined;
  withData: boolean;
  /** DDL lint / reversibility evidence for phases with migration_checks (check --lint-report / --reversibility-report). */
  migrations?: MigrationEvidence | null;
  stops: Stop[];
  /** An initialised PGlite data directory (gzip tar) from an earlier attempt or the bundle; null: initdb. */
  template: Uint8Array | null;
  /** The canonical prepared by an earlier attempt (a restart does not load it again). */
  canonicalSnapshot: CanonicalSnapshot | null;
  toolVersion: string;
}

export type FromEngine =
  | { type: 'activity'; activity: Activity | null }
  | { type: 'progress'; stage: string }
  | { type: 'template'; bytes: Uint8Array }
  | { type: 'canonical'; snapshot: CanonicalSnapshot }
  /** `index`: position in the job's `dumps`. */
  | { type: 'report'; index: number; report: Report }
  | { type: 'input-error'; message: string; location: SourceLocation }
  | { type: 'failed'; message: string; stack: string }
  | { type: 'done' }
  /** What the engine process used, sent last before `done-sending` (the benchmark reads it). */
  | { type: 'usage'; usage: EngineUsage }
  /** Last message: everything before it has been delivered. */
  | { type: 'done-sending' };
