/**
 * Tables: CREATE TABLE for what canonical has and the dump lacks (columns inline; constraints,
 * indexes, policies … come from their own kinds), partitions created or attached with the
 * bound Postgres printed for the canonical, DROP TABLE for what only the dump has.
 */
import type { Column, Sequence, Table } from '../../model';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel, relKey } from '../sql';

const tkey = (t: { schema: string; name: string }) => qn(t.schema, t.name);

/** The identity column's sequence options as CREATE TABLE / ADD GENERATED spell them. */
export function identityClause(ctx: FixContext, t: Table, c: Column): string {
  const seq = ctx.canonical.model.sequences.find((s) => s.ownedBy === `${tkey(t)}.${c.name}`);
  const kind = c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
  return seq ? `GENERATED ${kind} AS IDENTITY (${sequenceOptions(seq, true)})` : `GENERATED ${kind} AS IDENTITY`;
}

/** `SEQUENCE NAME s.n START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE … [NO] CYCLE` (AS is implied for identity). */
export function sequenceOptions(s: Sequence, identity = false): string {
  return [
    identity ? `SEQUENCE NAME ${rel(s.schema, s.name)}` : `AS ${s.dataType}`,
    `START WITH ${s.start}`, `INCREMENT BY ${s.increment}`, `MINVALUE ${s.min}`, `MAXVALUE ${s.max}`, s.cycle ? 'CYCLE' : 'NO CYCLE',
  ].join(' ');
}

/** One column as CREATE TABLE / ADD COLUMN spell it, from the canonical model. */
export function columnDefinition(ctx: FixContext, t: Table, c: Column): string {
  const parts = [ident(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${c.collation.split('.').map(ident).join('.')}`);
  if (c.generated !== null) parts.push(`GENERATED ALWAYS AS (${c.generated.replace(/ VIRTUAL$/, '')}) STORED`);
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull) parts.push('NOT NULL');
  if (c.identity !== null) parts.push(identityClause(ctx, t, c));
  return parts.join(' ');
}

function createTable(ctx: FixContext, t: Table): void {
  const key = tkey(t);
  const fixes = ctx.ids(`missing:table:${key}`);
  let sql: string;
  if (t.partitionOf) {
    const bound = ctx.canonical.catalog.partitionBounds.get(key);
    if (!bound) {
      ctx.unfix(`missing:table:${key}`, `the partition bound of ${key} could not be read from the canonical database`);
      return;
    }
    sql = `CREATE TABLE ${rel(t.schema, t.name)} PARTITION OF ${relKey(t.partitionOf)} ${bound}${t.partitionKey ? ` PARTITION BY ${t.partitionKey}` : ''};`;
  } else {
    const cols = t.columns.map((c) => `    ${columnDefinition(ctx, t, c)}`).join(',\n');
    sql = `CREATE TABLE ${rel(t.schema, t.name)} (\n${cols}\n)${t.partitionKey ? ` PARTITION BY ${t.partitionKey}` : ''};`;
  }
  ctx.create(`table:${key}`);
  ctx.emit({ sql, phase: 'table', object: key, key: `table:${key}`, why: `canonical has ${t.kind === 'partitioned' ? 'partitioned table' : 'table'} ${key}; the dump lacks it`, fixes });
}

/** Parents before partitions, so CREATE … PARTITION OF finds its parent. */
function parentsFirst(tables: Table[]): Table[] {
  const byKey = new Map(tables.map((t) => [tkey(t), t]));
  const depth = (t: Table): number => (t.partitionOf && byKey.has(t.partitionOf) ? 1 + depth(byKey.get(t.partitionOf)!) : 0);
  return [...tables].sort((a, b) => depth(a) - depth(b));
}

export const fixTables: KindFixer = (ctx) => {
  const dump = new Map(ctx.dump.model.tables.map((t) => [tkey(t), t]));
  const canon = new Map(ctx.canonical.model.tables.map((t) => [tkey(t), t]));
  for (const t of parentsFirst(ctx.canonical.model.tables.filter((t) => !dump.has(tkey(t))))) createTable(ctx, t);

  for (const t of ctx.dump.model.tables) {
    const key = tkey(t);
    const c = canon.get(key);
    if (!c) {
      ctx.drop(`table:${key}`);
      // A partition goes with its parent when that is dropped too.
      if (t.partitionOf && !canon.has(t.partitionOf)) {
        ctx.claimed.add(`extra:table:${key}`);
        continue;
      }
      ctx.emit({
        sql: `DROP TABLE ${rel(t.schema, t.name)};`, phase: 'drop_table', object: key, key: `table:${key}`, destructive: true,
        why: `${key} is not in the canonical schema`, fixes: ctx.ids(`extra:table:${key}`),
        hazards: [H.deletes(`drops ${key} and every row in it`), H.lock(key)],
      });
      continue;
    }
    alterTable(ctx, c, t);
  }
};

/** Partition membership and kind of a table both sides have. */
function alterTable(ctx: FixContext, e: Table, a: Table): void {
  const key = tkey(e);
  const id = `definition_mismatch:table:${key}`;
  if (e.kind !== a.kind || e.partitionKey !== a.partitionKey) {
    ctx.unfix(id, `${key} must be ${e.kind === 'partitioned' ? `partitioned by ${e.partitionKey}` : 'a plain table'}: Postgres cannot convert a table in place; create the new table, copy the rows, swap names`);
    return;
  }
  if (e.partitionOf === a.partitionOf) return;
  if (a.partitionOf) {
    ctx.detached.add(key);
    // Early: the indexes and constraints it inherited become its own, and may then be dropped.
    ctx.emit({
      sql: `ALTER TABLE ${relKey(a.partitionOf)} DETACH PARTITION ${rel(a.schema, a.name)};`, phase: 'drop_dependant', object: key, key: `table:${key}`,
      why: `canonical ${e.partitionOf ? `attaches ${key} to ${e.partitionOf}` : `has ${key} as a table of its own`}`, fixes: ctx.ids(id),
      hazards: [H.lock(a.partitionOf), H.correctness(`rows of ${key} stop appearing in ${a.partitionOf}`)],
    });
  }
  if (e.partitionOf) {
    const bound = ctx.canonical.catalog.partitionBounds.get(key);
    if (!bound) return ctx.unfix(id, `the partition bound of ${key} could not be read from the canonical database`);
    ctx.emit({
      sql: `ALTER TABLE ${relKey(e.partitionOf)} ATTACH PARTITION ${rel(e.schema, e.name)} ${bound};`, phase: 'add_constraint', object: key,
      why: `canonical has ${key} as a partition of ${e.partitionOf}`, fixes: ctx.ids(id),
      hazards: [H.existing(`every row of ${key} must fit ${bound}; Postgres scans the table to check`), { type: 'ACQUIRES_SHARE_LOCK', message: `${e.partitionOf} takes SHARE UPDATE EXCLUSIVE, ${key} ACCESS EXCLUSIVE` }],
    });
  }
}

