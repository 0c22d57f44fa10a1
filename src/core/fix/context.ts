/**
 * What every per-kind fixer gets: both models, both catalogs, the divergences to fix, and the
 * bookkeeping that lets kinds cooperate — which objects are dropped, created or re-created, so
 * dependants (pg_depend) are rebuilt around them and privileges/comments are re-applied.
 *
 * Object keys are `kind:qualified name`, the same as fix/catalog.sql prints them:
 * `table:public.t`, `column:public.t.c`, `constraint:public.t.name`, `index:public.t.name`,
 * `policy:public.t.name`, `trigger:public.t.name`, `view:public.v`, `sequence:public.s`,
 * `function:public.f(args)`, `type:public.e`, `default:public.t.c`.
 */
import type { SchemaModel } from '../model';
import type { Divergence } from '../report/types';
import type { FixCatalog } from './catalog';
import type { FixStatement, Hazard, Phase, Unfixed } from './types';

export interface FixSide {
  model: SchemaModel;
  catalog: FixCatalog;
}

/**
 * Statements the project's destructive-change check flags (seed 004 §5; src/core/lint's
 * ban_destructive_statement): every DROP of an object, DROP COLUMN / CONSTRAINT, turning row
 * level security off or unforced, DROP NOT NULL. They carry the waiver line for a reviewer to
 * sign, even when the plan re-creates the object right after (the reviewer decides).
 */
const ID = String.raw`(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_$]*)`;
const DESTRUCTIVE = new RegExp(
  String.raw`^(DROP (TABLE|INDEX|POLICY|SCHEMA|VIEW|MATERIALIZED VIEW|SEQUENCE|TYPE|DOMAIN|FUNCTION|PROCEDURE|AGGREGATE|TRIGGER|EXTENSION)\b` +
  String.raw`|ALTER TABLE ${ID}\.${ID} (DROP COLUMN|DROP CONSTRAINT|DISABLE ROW LEVEL SECURITY|NO FORCE ROW LEVEL SECURITY|ALTER COLUMN ${ID} DROP NOT NULL)\b)`,
);

export class FixContext {
  readonly statements: FixStatement[] = [];
  readonly unfixed: Unfixed[] = [];
  /** Keys the plan drops (explicitly, or as a dependant in the way of a change). */
  readonly dropped = new Set<string>();
  /** Keys the plan creates from the canonical definition (new, or re-created after a drop). */
  readonly created = new Set<string>();
  /** Column renames the plan makes, per table (`public.t` → old name → new name). */
  readonly renamedColumns = new Map<string, Map<string, string>>();
  /** Partitions (`public.t`) this plan detaches: what they inherited becomes their own. */
  readonly detached = new Set<string>();
  /** Column keys whose type changes (views, policies and triggers over them must step aside). */
  readonly retyped = new Set<string>();
  /** Divergence ids by id, for `fixes` lists. */
  readonly divergenceIds: Set<string>;
  /** Divergence ids a kind has claimed as handled elsewhere (e.g. a sequence default folded into an identity change). */
  readonly claimed = new Set<string>();

  constructor(
    readonly canonical: FixSide,
    readonly dump: FixSide,
    readonly divergences: readonly Divergence[],
  ) {
    this.divergenceIds = new Set(divergences.map((d) => d.id));
  }

  /** Divergence ids among `candidates` that the diff actually reported. */
  ids(...candidates: string[]): string[] {
    return candidates.filter((c) => this.divergenceIds.has(c));
  }

  emit(s: Omit<FixStatement, 'hazards' | 'destructive' | 'fixes'> & { hazards?: Hazard[]; destructive?: boolean; fixes?: string[] }): FixStatement {
    const st: FixStatement = { hazards: [], fixes: [], ...s, destructive: s.destructive === true || DESTRUCTIVE.test(s.sql) };
    this.statements.push(st);
    return st;
  }

  drop(key: string): void {
    this.dropped.add(key);
  }

  create(key: string): void {
    this.created.add(key);
  }

  /** Dropped and created again: its privileges and comments start from nothing. */
  recreated(key: string): boolean {
    return this.created.has(key) && this.dropped.has(key);
  }

  /**
   * A definition Postgres printed for the dump, as it will print after this plan's column
   * renames on `table` (Postgres follows a rename in every index, constraint and policy). Only
   * bare identifiers are replaced; a definition that still differs is rebuilt, and the proof
   * checks the result either way.
   */
  afterRenames(table: string, text: string): string {
    const m = this.renamedColumns.get(table);
    if (!m) return text;
    let out = text;
    for (const [from, to] of m) out = out.replace(new RegExp(`(?<![\\w"$.])${from}(?![\\w"$])`, 'g'), to);
    return out;
  }

  /** The divergences a column rename fixes by itself (an index or constraint that follows it) are credited to the RENAME statement. */
  creditRename(table: string, fixes: string[]): void {
    const st = this.statements.find((s) => s.phase === 'column' && s.object.startsWith(`${table}.`) && /^ALTER TABLE .* RENAME COLUMN /.test(s.sql));
    if (st) st.fixes.push(...fixes.filter((f) => !st.fixes.includes(f)));
  }

  unfix(divergence: string, reason: string): void {
    if (this.divergenceIds.has(divergence) && !this.unfixed.some((u) => u.divergence === divergence)) this.unfixed.push({ divergence, reason });
  }
}

/** A fixer for one object kind: reads both models, emits statements into the context. */
export type KindFixer = (ctx: FixContext) => void;

/** Re-creates (or drops) one object named by key when something it depends on changes. */
export interface Rebuilder {
  /** DROP statement for the dump's object; null when the dump has no such object. */
  drop(ctx: FixContext, key: string): void;
  /** CREATE from the canonical definition; nothing when canonical has no such object. */
  create(ctx: FixContext, key: string): void;
}

export const qn = (schema: string, name: string) => `${schema}.${name}`;
export const onTableKey = (kind: string, o: { schema: string; table: string; name: string }) => `${kind}:${o.schema}.${o.table}.${o.name}`;
export const keyKind = (key: string) => key.slice(0, key.indexOf(':'));
export const keyName = (key: string) => key.slice(key.indexOf(':') + 1);

/** Standard hazard sentences. */
export const H = {
  lock: (what: string): Hazard => ({ type: 'ACQUIRES_ACCESS_EXCLUSIVE_LOCK', message: `locks ${what} against reads and writes while it runs` }),
  authz: (message: string): Hazard => ({ type: 'AUTHZ_UPDATE', message }),
  deletes: (message: string): Hazard => ({ type: 'DELETES_DATA', message }),
  correctness: (message: string): Hazard => ({ type: 'CORRECTNESS', message }),
  existing: (message: string): Hazard => ({ type: 'MAY_FAIL_ON_EXISTING_ROWS', message }),
};

export type { Phase };
