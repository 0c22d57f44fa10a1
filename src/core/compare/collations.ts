import type { Collation } from '../model';
import { qname } from './context';
import { simpleKind } from './simple-kind';

/** CREATE COLLATION: provider, locale, deterministic (the catalog row as Postgres stores it). */
export const compareCollations = simpleKind<Collation>({
  objectType: 'collation', label: 'collation',
  list: (m) => m.collations, key: (c) => qname(c.schema, c.name), describe: (c) => c.definition, comment: (c) => c.comment,
});
