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

/**
 * A labelled frame around a group of tables laid out together (partition.ts, pack.ts), or around a
 * schema's region when the diagram has several schemas. Labels are what stays readable at the
 * fit-to-screen overview of a big diagram.
 */
export interface LayoutFrame {
  id: string;
  level: 'schema' | 'group';
  schema: string;
  kind: 'schema' | 'all' | 'hubs' | 'cluster' | 'pool' | 'lone';
  /** Text (user identifiers inside: render with textContent only). */
  label: string;
  box: Box;
  /** Number of tables inside. */
  tables: number;
  /** Group frames: the label without its size (drawn as the card's first line; `label` is the tooltip). */
  name?: string;
  /** Group frames: the most connected table names inside (the overview card's second line). */
  top?: string[];
}

export interface Layout {
  boxes: Record<string, Box>;
  /** Edge id → orthogonal polyline from the parent port to the child port (edges inside one group). */
  routes: Record<string, Point[]>;
  width: number;
  height: number;
  /** Group and schema frames; empty for a diagram laid out as one group. */
  frames: LayoutFrame[];
  /** Table id → id of the group it was laid out in. Edges between groups are drawn as stubs. */
  groupOf: Record<string, string>;
  /** Wall-clock milliseconds from the layout request to the assembled result (0 when cached). */
  ms: number;
}
