/**
 * The ERD's own view model: what the diagram draws, built from one or two SchemaModels
 * (graph.ts). Pure data, JSON-serialisable, so it can cross into the layout worker.
 */
import type { Severity } from '../../core/spec/types';

/** Which model(s) the diagram shows. `both` overlays the dump on the canonical schema. */
export type OverlayMode = 'canonical' | 'dump' | 'both';

/**
 * Presence of a table/column/edge relative to the two models.
 * `same`: in both (or only one model is shown); `missing`: in canonical, absent from the dump
 * (drawn as a dashed ghost); `extra`: in the dump, absent from canonical (greyed).
 */
export type Presence = 'same' | 'missing' | 'extra';

/** RLS state of a table: FORCE'd, ENABLE'd only, or off. */
export type RlsState = 'forced' | 'enabled' | 'off';

export interface ErdColumn {
  /** Column id: `schema.table.column`. */
  id: string;
  name: string;
  type: string;
  notNull: boolean;
  pk: boolean;
  fk: boolean;
  unique: boolean;
  presence: Presence;
  /** Worst severity among divergences on this column; null when none. */
  severity: Severity | null;
  comment: string | null;
}

export interface ErdTable {
  /** Table id: `schema.table`. */
  id: string;
  schema: string;
  name: string;
  columns: ErdColumn[];
  presence: Presence;
  rls: RlsState;
  /** Worst severity among divergences attributed to this table (any object on it); null when none. */
  severity: Severity | null;
  /** Divergence counts on this table by severity. */
  counts: Record<Severity, number>;
  comment: string | null;
}

/** Crow's-foot end markers. */
export type EndMarker = 'one-mandatory' | 'one-optional' | 'many-optional' | 'many-mandatory';

/** One foreign key, drawn from the referenced (parent) column rows to the referencing (child) rows. */
export interface ErdEdge {
  /** `schema.table.constraint_name` of the FK. */
  id: string;
  name: string;
  /** Child (referencing) table id. */
  from: string;
  fromColumns: string[];
  /** Parent (referenced) table id. */
  to: string;
  toColumns: string[];
  /** Marker at the parent end (one, optional when the FK columns are nullable). */
  parentEnd: EndMarker;
  /** Marker at the child end (many, or one when the FK columns are unique). */
  childEnd: EndMarker;
  /** Any FK column nullable: the line is dashed. */
  nullable: boolean;
  presence: Presence;
  selfRef: boolean;
}

export interface ErdGraph {
  tables: ErdTable[];
  edges: ErdEdge[];
  schemas: string[];
}

/** Layout result for one table (top-left corner, size) in diagram coordinates. */
export interface Box { x: number; y: number; width: number; height: number }

export interface Point { x: number; y: number }

export interface Layout {
  boxes: Record<string, Box>;
  /** Edge id → orthogonal polyline from the parent port to the child port. */
  routes: Record<string, Point[]>;
  width: number;
  height: number;
  /** Milliseconds the layout took inside the worker. */
  ms: number;
}
