/**
 * What every per-kind comparer gets: both models, the spec, and the objects whose absence is
 * already reported at a higher level (a missing table is ONE divergence, not one per column,
 * index and policy inside it).
 */
import type { DivergenceKind, Divergence, ObjectType } from '../report/types';
import type { SchemaModel } from '../model';
import type { Severity, Spec } from '../spec/types';
import { classify, severityRank } from '../spec/classify';
import type { DivergenceFacts } from '../spec/defaults';

export interface CompareContext {
  spec: Spec;
  expected: SchemaModel;
  actual: SchemaModel;
  /** Tables (`schema.name`) present on one side only: their contents are not compared. */
  oneSidedTables: ReadonlySet<string>;
  /** Any object name (table, view, sequence, function with args, schema) present on one side only. */
  oneSidedObjects: ReadonlySet<string>;
}

/** A comparer for one object kind. */
export type KindComparer = (ctx: CompareContext) => Divergence[];

export const qname = (schema: string, name: string) => `${schema}.${name}`;
/** Identity of an object that lives on a table: `public.t.name`. */
export const onTable = (o: { schema: string; table: string; name: string }) => `${o.schema}.${o.table}.${o.name}`;
export const tableOf = (o: { schema: string; table: string }) => `${o.schema}.${o.table}`;

export interface DivergenceInput {
  kind: DivergenceKind;
  objectType: ObjectType;
  object: string;
  table: string | null;
  expected: string | null;
  actual: string | null;
  message: string;
  /**
   * Columns the object is built on (constraint/index keys). When the object itself is not
   * tagged by the overlay and the divergence is not `extra`, it inherits the most severe
   * classification of these columns: an untagged CHECK on a financial_critical column guards
   * that column's invariant.
   */
  inheritFromColumns?: readonly string[];
  /** Fixed severity (comment mismatches are LOW, a same-definition rename is LOW). */
  severity?: Severity;
  /** What the reviewer defaults need to know (no overlay): e.g. the index is unique. */
  facts?: DivergenceFacts;
}

export function divergence(ctx: CompareContext, d: DivergenceInput): Divergence {
  let c = classify(ctx.spec, d.objectType, d.object, d.kind, d.facts);
  if (!c.element && d.kind !== 'extra' && d.inheritFromColumns && d.table) {
    for (const col of d.inheritFromColumns) {
      const cc = classify(ctx.spec, 'column', `${d.table}.${col}`, d.kind);
      if (cc.element && severityRank(cc.severity) < severityRank(c.severity)) c = cc;
    }
  }
  return {
    id: `${d.kind}:${d.objectType}:${d.object}`,
    severity: d.severity ?? c.severity,
    kind: d.kind,
    object_type: d.objectType,
    object: d.object,
    table: d.table,
    invariant: c.invariant,
    expected: d.expected,
    actual: d.actual,
    phases: c.phases,
    message: d.message,
  };
}
