import type { Publication } from '../model';
import { simpleKind } from './simple-kind';

/** What a publication publishes, as CREATE PUBLICATION would say it. */
export function describePublication(p: Publication): string {
  const what = p.allTables ? 'FOR ALL TABLES'
    : [p.tables.length ? `FOR TABLE ${p.tables.join(', ')}` : '', p.schemas.length ? `TABLES IN SCHEMA ${p.schemas.join(', ')}` : ''].filter(Boolean).join(', ') || '(no tables)';
  return `${what} WITH (publish = '${p.actions.join(', ')}', publish_via_partition_root = ${p.viaRoot})`;
}

/** CREATE PUBLICATION: tables (with column lists and row filters), schemas, actions, via root. */
export const comparePublications = simpleKind<Publication>({
  objectType: 'publication', label: 'publication',
  list: (m) => m.publications, key: (p) => p.name, describe: describePublication, comment: (p) => p.comment,
});
