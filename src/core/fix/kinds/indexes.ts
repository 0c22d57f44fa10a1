/**
 * Indexes that back no constraint (those come with their constraint), from pg_get_indexdef of
 * the canonical. A build on a table with rows offers CREATE INDEX CONCURRENTLY (outside a
 * transaction); an index only renamed is renamed. Partition indexes come with the parent's.
 */
import type { Index } from '../../model';
import { indexShape } from '../../compare/indexes';
import { pairByDefinition } from '../../compare/renamed';
import { H, onTableKey, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel } from '../sql';

const ikey = (i: Index) => onTableKey('index', i);
const obj = (i: Index) => `${i.schema}.${i.table}.${i.name}`;
const tbl = (i: Index) => qn(i.schema, i.table);

/** pg_get_indexdef prints `ON ONLY` for a partitioned table's index: without ONLY it cascades to the partitions. */
const createSql = (i: Index) => i.definition.replace(/ ON ONLY /, ' ON ');

export function createIndex(ctx: FixContext, i: Index, why: string, fixes: string[]): void {
  ctx.create(ikey(i));
  const fresh = ctx.created.has(`table:${tbl(i)}`) || ctx.created.has(`view:${tbl(i)}`);
  const partitioned = ctx.canonical.model.tables.some((t) => qn(t.schema, t.name) === tbl(i) && t.kind === 'partitioned');
  const sql = `${createSql(i)};`;
  const onView = ctx.canonical.model.views.some((v) => qn(v.schema, v.name) === tbl(i));
  ctx.emit({
    sql, phase: onView ? 'view_index' : 'create_index', object: obj(i), key: ikey(i), why, fixes,
    hazards: fresh ? [] : [
      { type: 'INDEX_BUILD', message: `builds ${i.name} over every row of ${tbl(i)}` },
      { type: 'ACQUIRES_SHARE_LOCK', message: `blocks writes to ${tbl(i)} until built${partitioned ? '' : '; the alternative builds CONCURRENTLY outside a transaction'}` },
      ...(i.unique ? [H.existing(`fails if existing rows are not unique on ${i.name}'s keys`)] : []),
    ],
    alternative: fresh || partitioned ? undefined : `-- outside a transaction:\n${sql.replace(/^CREATE (UNIQUE )?INDEX /, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX CONCURRENTLY `)}`,
  });
}

export function dropIndex(ctx: FixContext, i: Index, why: string, fixes: string[], phase: 'drop_index' | 'drop_dependant' = 'drop_index'): void {
  ctx.drop(ikey(i));
  const sql = `DROP INDEX ${rel(i.schema, i.name)};`;
  ctx.emit({
    sql, phase, object: obj(i), key: ikey(i), why, fixes,
    hazards: [{ type: 'INDEX_DROPPED', message: `queries that used ${i.name} may slow down` }, H.lock(tbl(i))],
    alternative: `-- outside a transaction:\nDROP INDEX CONCURRENTLY ${rel(i.schema, i.name)};`,
  });
}

export const fixIndexes: KindFixer = (ctx) => {
  const canonRels = new Set([...ctx.canonical.model.tables, ...ctx.canonical.model.views].map((t) => qn(t.schema, t.name)));
  // A dump index standing alone where the canonical's is attached to a partitioned index is
  // attached (attachPartitionIndexes), not dropped and re-created.
  // The reverse (attached in the dump, standalone in the canonical) is listed as not fixed there.
  const attachedOn = (side: 'canonical' | 'dump', i: Index) => ctx[side].catalog.inherited.has(ikey(i)) && !ctx.detached.has(tbl(i));
  const plain = (side: 'canonical' | 'dump', i: Index) => i.constraint === null
    && (!ctx[side].catalog.inherited.has(ikey(i)) || (side === 'dump' && ctx.detached.has(tbl(i))))
    && !attachedOn(side === 'dump' ? 'canonical' : 'dump', i);
  // A partition's copy of its parent's index comes with the parent's index (or the ATTACH).
  for (const i of ctx.canonical.model.indexes) if (ctx.canonical.catalog.inherited.has(ikey(i))) ctx.claimed.add(`missing:index:${obj(i)}`).add(`definition_mismatch:index:${obj(i)}`);
  for (const i of ctx.dump.model.indexes) if (ctx.dump.catalog.inherited.has(ikey(i)) && !ctx.detached.has(tbl(i))) ctx.claimed.add(`extra:index:${obj(i)}`);
  const expected = ctx.canonical.model.indexes.filter((i) => plain('canonical', i));
  // Indexes of a table or materialized view the plan drops go with it.
  for (const i of ctx.dump.model.indexes) if (!canonRels.has(tbl(i))) ctx.claimed.add(`extra:index:${obj(i)}`);
  const actual = ctx.dump.model.indexes.filter((i) => plain('dump', i) && canonRels.has(tbl(i)));
  const have = new Map(actual.map((i) => [ikey(i), i]));
  const want = new Map(expected.map((i) => [ikey(i), i]));
  const missing = expected.filter((i) => !have.has(ikey(i)));
  const extra = actual.filter((i) => !want.has(ikey(i)));
  const renamed = pairByDefinition(missing, extra, indexShape);
  const renamedFrom = new Set(renamed.values());
  for (const i of extra) {
    if (!renamedFrom.has(i)) dropIndex(ctx, i, `index ${obj(i)} is not in the canonical schema`, ctx.ids(`extra:index:${obj(i)}`));
  }
  for (const i of missing) {
    const from = renamed.get(i);
    if (from) {
      ctx.emit({
        sql: `ALTER INDEX ${rel(from.schema, from.name)} RENAME TO ${ident(i.name)};`, phase: 'create_index', object: obj(i),
        why: `the dump's ${from.name} is canonical ${i.name} under another name`, fixes: ctx.ids(`missing:index:${obj(i)}`), hazards: [H.lock(tbl(i))],
      });
      continue;
    }
    createIndex(ctx, i, ctx.created.has(`table:${tbl(i)}`) ? `canonical index of new table ${tbl(i)}` : `canonical has index ${obj(i)}; the dump lacks it`,
      ctx.ids(`missing:index:${obj(i)}`, `missing:table:${tbl(i)}`));
  }
  for (const i of expected) {
    const a = have.get(ikey(i));
    if (!a || indexShape(a) === indexShape(i)) continue;
    const fixes = ctx.ids(`definition_mismatch:index:${obj(i)}`);
    if (ctx.afterRenames(tbl(i), indexShape(a)) === indexShape(i)) {
      ctx.creditRename(tbl(i), fixes);
      continue;
    }
    dropIndex(ctx, a, `${obj(i)} differs from canonical; dropped and built again (online: build the new one CONCURRENTLY under another name, drop the old CONCURRENTLY, rename)`, fixes);
    createIndex(ctx, i, `canonical: ${i.definition}`, fixes);
  }
  attachPartitionIndexes(ctx);
};

/**
 * A partition's index the canonical attaches to a partitioned index and the dump leaves
 * standalone (the parent then stays invalid): ALTER INDEX … ATTACH PARTITION, which also makes
 * the parent valid once every partition's index is attached. A partition the plan re-attaches
 * brings its index along; PostgreSQL cannot detach an index from its parent, so the reverse is
 * listed as not fixed.
 */
function attachPartitionIndexes(ctx: FixContext): void {
  const dumpByKey = new Map(ctx.dump.model.indexes.map((i) => [ikey(i), i]));
  const canonicalByName = new Map(ctx.canonical.model.indexes.map((i) => [`${i.schema}.${i.name}`, i]));
  for (const i of ctx.canonical.model.indexes) {
    const a = dumpByKey.get(ikey(i));
    if (!a || i.attachedTo === undefined || a.attachedTo === undefined || (i.attachedTo ?? null) === (a.attachedTo ?? null)) continue;
    if (ctx.detached.has(tbl(i)) || ctx.created.has(ikey(i)) || ctx.dropped.has(ikey(a))) continue;
    const id = `definition_mismatch:index:${obj(i)}`;
    if (!i.attachedTo || a.attachedTo) {
      ctx.unfix(id, a.attachedTo
        ? `PostgreSQL cannot detach ${a.name} from partitioned index ${a.attachedTo}: drop and re-create the partitioned index`
        : `canonical ${i.name} is attached to no partitioned index`);
      continue;
    }
    const parent = canonicalByName.get(i.attachedTo);
    if (!parent) {
      ctx.unfix(id, `partitioned index ${i.attachedTo} is not in the canonical model`);
      continue;
    }
    ctx.emit({
      sql: `ALTER INDEX ${rel(parent.schema, parent.name)} ATTACH PARTITION ${rel(i.schema, i.name)};`, phase: 'create_index', object: obj(i),
      why: `canonical attaches ${i.name} to partitioned index ${i.attachedTo}; the dump leaves it standalone`,
      fixes: ctx.ids(id, `definition_mismatch:index:${obj(parent)}`), hazards: [H.lock(tbl(i))],
    });
  }
}
