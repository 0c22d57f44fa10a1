/**
 * Row → model mapping for the database-wide kinds (queries/database.sql) and rules: schema
 * owners and comments, collations, event triggers, publications, foreign servers, default
 * privileges.
 */
import type { Collation, DefaultPrivilege, EventTrigger, ForeignDataWrapper, ForeignServer, Namespace, Publication, Rule } from '../model';
import { bool, str, strArray, strOrNull } from './introspect';

type Row = Record<string, unknown>;
const enabled = (v: unknown) => str(v) as 'O' | 'D' | 'R' | 'A';

export const toNamespace = (r: Row): Namespace => ({ name: str(r.name), owner: str(r.owner), comment: strOrNull(r.comment) });

export const toCollation = (r: Row): Collation => ({
  schema: str(r.schema), name: str(r.name), definition: str(r.definition), owner: str(r.owner), comment: strOrNull(r.comment),
});

export const toEventTrigger = (r: Row): EventTrigger => ({
  name: str(r.name), event: str(r.event), tags: strArray(r.tags), function: str(r.function), enabled: enabled(r.enabled),
  owner: str(r.owner), comment: strOrNull(r.comment),
});

export const toRule = (r: Row): Rule => ({
  schema: str(r.schema), table: str(r.table), name: str(r.name), definition: str(r.definition), enabled: enabled(r.enabled), comment: strOrNull(r.comment),
});

export const toPublication = (r: Row): Publication => ({
  name: str(r.name), allTables: bool(r.all_tables), actions: strArray(r.actions), viaRoot: bool(r.via_root),
  tables: strArray(r.tables), schemas: strArray(r.schemas), owner: str(r.owner), comment: strOrNull(r.comment),
});

export const toForeignDataWrapper = (r: Row): ForeignDataWrapper => ({
  name: str(r.name), definition: str(r.definition), owner: str(r.owner), comment: strOrNull(r.comment),
});

export const toForeignServer = (r: Row): ForeignServer => ({
  name: str(r.name), wrapper: str(r.wrapper), definition: str(r.definition), owner: str(r.owner), comment: strOrNull(r.comment),
});

export const toDefaultPrivilege = (r: Row): DefaultPrivilege => ({
  role: str(r.role), schema: strOrNull(r.schema), objectType: str(r.object_type), grantee: str(r.grantee), privileges: strArray(r.privileges),
});
