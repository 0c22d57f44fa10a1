import type { Column, Table } from '../model';
import type { Divergence } from '../report/types';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, qname, type CompareContext, type KindComparer } from './context';

const typeWithNull = (c: Column) => `${c.type}${c.collation ? ` COLLATE ${c.collation}` : ''}${c.notNull ? ' NOT NULL' : ''}`;
const describeDefault = (c: Column) => (c.default === null ? 'no default' : `DEFAULT ${c.default}`);
const describeIdentity = (c: Column) => (c.identity === null ? 'not an identity column' : `GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
const describeGenerated = (c: Column) => (c.generated === null ? 'not generated' : `GENERATED ALWAYS AS ${c.generated}`);
/** Physical settings, only when not the default: SET STATISTICS n, SET STORAGE x. */
const describePhysical = (c: Column) =>
  [c.statistics != null ? `SET STATISTICS ${c.statistics}` : '', c.storage ? `SET STORAGE ${c.storage.toUpperCase()}` : ''].filter(Boolean).join(' ');
/** Generated expression and physical settings: one definition_mismatch per column. */
const describeDefinition = (c: Column) => [describeGenerated(c), describePhysical(c)].filter(Boolean).join(', ');

/** Full column line as a reviewer reads it, e.g. `character varying(255) NOT NULL DEFAULT 'x'::character varying`. */
export function describeColumn(c: Column): string {
  const parts = [typeWithNull(c)];
  if (c.default !== null) parts.push(describeDefault(c));
  if (c.identity !== null) parts.push(describeIdentity(c));
  if (c.generated !== null) parts.push(describeGenerated(c));
  return parts.join(' ');
}

function diffColumn(ctx: CompareContext, table: string, e: Column, a: Column): Divergence[] {
  const object = `${table}.${e.name}`;
  const out: Divergence[] = [];
  const base = { objectType: 'column' as const, object, table };
  if (e.type !== a.type || e.collation !== a.collation) {
    out.push(divergence(ctx, { ...base, kind: 'type_mismatch', expected: typeWithNull(e), actual: typeWithNull(a), message: `${object} is ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}; canonical requires ${e.type}${e.collation ? ` COLLATE ${e.collation}` : ''}` }));
  }
  if (e.notNull !== a.notNull) {
    out.push(divergence(ctx, {
      ...base, kind: 'nullability_mismatch', expected: typeWithNull(e), actual: typeWithNull(a),
      message: e.notNull ? `${object} is nullable; canonical requires NOT NULL` : `${object} is NOT NULL; canonical allows NULL`,
    }));
  }
  if (e.default !== a.default) {
    out.push(divergence(ctx, { ...base, kind: 'default_mismatch', expected: describeDefault(e), actual: describeDefault(a), message: `${object} has ${describeDefault(a)}; canonical: ${describeDefault(e)}` }));
  }
  if (e.identity !== a.identity) {
    out.push(divergence(ctx, { ...base, kind: 'identity_mismatch', expected: describeIdentity(e), actual: describeIdentity(a), message: `${object} is ${describeIdentity(a)}; canonical: ${describeIdentity(e)}` }));
  }
  if (e.generated !== a.generated) {
    out.push(divergence(ctx, { ...base, kind: 'definition_mismatch', expected: describeDefinition(e), actual: describeDefinition(a), message: `${object} is ${describeGenerated(a)}; canonical: ${describeGenerated(e)}` }));
  } else if (describePhysical(e) !== describePhysical(a)) {
    out.push(divergence(ctx, {
      ...base, kind: 'definition_mismatch', expected: describePhysical(e) || 'default statistics and storage', actual: describePhysical(a) || 'default statistics and storage',
      message: `${object} has ${describePhysical(a) || 'default statistics and storage'}; canonical: ${describePhysical(e) || 'default statistics and storage'}`,
    }));
  }
  out.push(...commentDivergence(ctx, 'column', object, table, e.comment, a.comment));
  return out;
}

/**
 * Pairs a missing and an extra column of the same table with the same type (and nullability),
 * in column order, as a probable rename. Both divergences still stand (a rename breaks every
 * caller); the messages just say what probably happened.
 */
export function renames(missing: Column[], extra: Column[]): Map<Column, Column> {
  const pairs = new Map<Column, Column>();
  const free = [...extra];
  for (const m of missing) {
    const i = free.findIndex((x) => x.type === m.type && x.notNull === m.notNull);
    if (i >= 0) {
      pairs.set(m, free[i]);
      pairs.set(free[i], m);
      free.splice(i, 1);
    }
  }
  return pairs;
}

function diffTableColumns(ctx: CompareContext, e: Table, a: Table): Divergence[] {
  const table = qname(e.schema, e.name);
  const d = diffLists(e.columns, a.columns, (c) => c.name, (ec, ac) => diffColumn(ctx, table, ec, ac));
  const renamed = renames(d.missing, d.extra);
  return [
    ...d.missing.map((c) => {
      const to = renamed.get(c);
      return divergence(ctx, {
        kind: 'missing', objectType: 'column', object: `${table}.${c.name}`, table, expected: describeColumn(c), actual: null,
        message: `${table}.${c.name} is missing from the dump${to ? ` (possibly renamed to ${to.name})` : ''}`,
      });
    }),
    ...d.extra.map((c) => {
      const from = renamed.get(c);
      return divergence(ctx, {
        kind: 'extra', objectType: 'column', object: `${table}.${c.name}`, table, expected: null, actual: describeColumn(c),
        message: `${table}.${c.name} is not in the canonical schema${from ? ` (${table}.${from.name} possibly renamed to ${c.name})` : ''}`,
      });
    }),
    ...d.altered,
  ];
}

/** Columns of every table present on both sides. */
export const compareColumns: KindComparer = (ctx) => {
  const actual = new Map(ctx.actual.tables.map((t) => [qname(t.schema, t.name), t]));
  return ctx.expected.tables.flatMap((e) => {
    const a = actual.get(qname(e.schema, e.name));
    return a ? diffTableColumns(ctx, e, a) : [];
  });
};
