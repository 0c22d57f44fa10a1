/**
 * The data dictionary: one entry per table or view of a SchemaModel, enriched with
 * what the overlay (Spec) says about each element. Plain JSON values; built by
 * `buildDictionary()` (build.ts), exported by `dictionaryToMarkdown()` (markdown.ts).
 */
import type { Column, ConstraintType, FkAction, PolicyCommand, QName } from '../model';
import type { Severity } from '../spec/types';
import type { AllowedValues } from './check-values';

/** What the overlay says about one element; absent when the overlay does not tag it. */
export interface DictTag {
  /** Invariant category, e.g. `auth_critical`; null when the entry only sets a severity or phases. */
  invariant: string | null;
  /** The element's severity: explicit, else its invariant's, else the overlay's untagged default. */
  severity: Severity;
  /** Phase ids that require the element, sorted, e.g. `['b0.3']`. */
  phases: string[];
  /** Why it matters (overlay `rationale`), null when none. */
  rationale: string | null;
}

/** A column as the model has it (src/core/model.ts), plus what the dictionary adds. */
export interface DictColumn extends Pick<Column, 'name' | 'position' | 'type' | 'notNull' | 'default' | 'identity' | 'generated' | 'comment'> {
  /** Element id, e.g. `public.dead_events.remediation_status`. */
  id: string;
  /** Key roles the column plays: `PK`, `FK`, `UNIQUE` (single- or multi-column unique constraint/index). */
  keys: ('PK' | 'FK' | 'UNIQUE')[];
  /** Foreign-key targets, e.g. `public.tenants.id`. */
  references: string[];
  /** Values a CHECK enumerates for this column, with the constraint's name. */
  allowed: (AllowedValues & { constraint: string }) | null;
  tag: DictTag | null;
}

export interface DictConstraint {
  id: string;
  name: string;
  type: ConstraintType;
  columns: string[];
  /** pg_get_constraintdef. */
  definition: string;
  /** For a CHECK that is an IN-list: its values. */
  allowed: AllowedValues | null;
  validated: boolean;
  comment: string | null;
  tag: DictTag | null;
}

export interface DictIndex {
  id: string;
  name: string;
  unique: boolean;
  primary: boolean;
  method: string;
  /** pg_get_indexdef. */
  definition: string;
  /** Constraint the index implements, null for a plain index. */
  constraint: string | null;
  comment: string | null;
  tag: DictTag | null;
}

export interface DictPolicy {
  id: string;
  name: string;
  command: PolicyCommand;
  permissive: boolean;
  roles: string[];
  using: string | null;
  withCheck: string | null;
  tag: DictTag | null;
}

export interface DictTrigger {
  id: string;
  name: string;
  /** e.g. `BEFORE INSERT OR UPDATE FOR EACH ROW` */
  summary: string;
  function: QName;
  enabled: boolean;
  definition: string;
  tag: DictTag | null;
}

/** A foreign key in another table pointing at this one. */
export interface DictReference {
  /** Referencing table, e.g. `public.attribution_events`. */
  table: QName;
  constraint: string;
  columns: string[];
  refColumns: string[];
  onDelete: FkAction;
}

export interface DictPrivilege {
  grantee: string;
  privileges: string[];
}

export interface DictionaryEntry {
  /** Schema-qualified name, also the deep-link anchor: `public.tenants`. */
  id: QName;
  schema: string;
  name: string;
  kind: 'table' | 'partitioned table' | 'view' | 'materialized view';
  comment: string | null;
  owner: string;
  /** Null for views (RLS does not apply). */
  rls: { enabled: boolean; forced: boolean; tag: DictTag | null } | null;
  partitionKey: string | null;
  partitionOf: QName | null;
  /** View definition (pg_get_viewdef), null for tables. */
  viewDefinition: string | null;
  tag: DictTag | null;
  columns: DictColumn[];
  constraints: DictConstraint[];
  indexes: DictIndex[];
  policies: DictPolicy[];
  triggers: DictTrigger[];
  referencedBy: DictReference[];
  privileges: DictPrivilege[];
  /** Every phase any element of this entry is required by, sorted. */
  phases: string[];
  /** Every invariant category used inside this entry, sorted. */
  invariants: string[];
}
