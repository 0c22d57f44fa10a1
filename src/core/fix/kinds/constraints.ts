/**
 * PRIMARY KEY, UNIQUE, CHECK, EXCLUDE and FOREIGN KEY constraints, from pg_get_constraintdef of
 * the canonical. A CHECK or FK added to a table that already has rows goes in as NOT VALID and
 * is validated afterwards (a lighter lock; a violation names itself). Renamed-only constraints
 * (same definition) are renamed. Constraints a partition inherits come with its parent.
 */
import type { Constraint } from '../../model';
import { pairByDefinition } from '../../compare/renamed';
import { H, onTableKey, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel } from '../sql';

const ckey = (c: Constraint) => onTableKey('constraint', c);
const obj = (c: Constraint) => `${c.schema}.${c.table}.${c.name}`;
const tbl = (c: Constraint) => qn(c.schema, c.table);
const backsIndex = (c: Constraint) => c.type === 'primary key' || c.type === 'unique' || c.type === 'exclude';

/** The divergences of the index behind a PK / UNIQUE / EXCLUDE constraint are fixed with it. */
const withIndex = (ctx: FixContext, c: Constraint, fixes: string[]) =>
  (backsIndex(c) ? [...fixes, ...ctx.ids(`missing:index:${obj(c)}`, `extra:index:${obj(c)}`, `definition_mismatch:index:${obj(c)}`)] : fixes);

export function dropConstraint(ctx: FixContext, c: Constraint, why: string, fixes: string[], phase: 'drop_constraint' | 'drop_dependant' = 'drop_constraint'): void {
  fixes = withIndex(ctx, c, fixes);
  ctx.drop(ckey(c));
  if (backsIndex(c)) ctx.drop(`index:${obj(c)}`);
  const hazards = [H.lock(tbl(c))];
  if (backsIndex(c)) hazards.push({ type: 'INDEX_DROPPED', message: `its index ${c.name} goes with it` });
  hazards.push(H.correctness(`${c.type} ${c.name} is no longer enforced until re-added`));
  ctx.emit({ sql: `ALTER TABLE ${rel(c.schema, c.table)} DROP CONSTRAINT ${ident(c.name)};`, phase, object: obj(c), key: ckey(c), why, fixes, hazards });
}

/** ADD CONSTRAINT from the canonical definition; `existingRows` when the table was not created by this script. */
export function addConstraint(ctx: FixContext, c: Constraint, why: string, fixes: string[]): void {
  fixes = withIndex(ctx, c, fixes);
  ctx.create(ckey(c));
  if (backsIndex(c)) ctx.create(`index:${obj(c)}`);
  const t = rel(c.schema, c.table);
  const fresh = ctx.created.has(`table:${tbl(c)}`);
  const phase = c.type === 'foreign key' ? 'add_foreign_key' as const : 'add_constraint' as const;
  const sql = `ALTER TABLE ${t} ADD CONSTRAINT ${ident(c.name)} ${c.definition}`;
  if (fresh) {
    ctx.emit({ sql: `${sql};`, phase, object: obj(c), key: ckey(c), why, fixes });
    return;
  }
  const canDefer = (c.type === 'check' || c.type === 'foreign key') && c.validated && !/\bNOT VALID$/.test(c.definition);
  if (canDefer) {
    ctx.emit({
      sql: `${sql} NOT VALID;`, phase, object: obj(c), key: ckey(c), why: `${why}; added NOT VALID (new rows are checked at once), validated below`, fixes,
      hazards: [H.lock(tbl(c)), ...(c.type === 'foreign key' && c.foreignKey ? [{ type: 'ACQUIRES_SHARE_LOCK' as const, message: `also locks ${c.foreignKey.refTable} (SHARE ROW EXCLUSIVE)` }] : [])],
    });
    ctx.emit({
      sql: `ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(c.name)};`, phase: 'validate', object: obj(c), key: ckey(c), why: `checks the rows already in ${tbl(c)} against ${c.name}`, fixes,
      hazards: [H.existing(`fails if existing rows violate ${c.name}: fix the rows, then re-run`), { type: 'IMPACTS_DATABASE_PERFORMANCE', message: `scans ${tbl(c)} (SHARE UPDATE EXCLUSIVE: reads and writes go on)` }],
    });
    return;
  }
  const hazards = [H.lock(tbl(c))];
  if (backsIndex(c)) {
    hazards.push({ type: 'INDEX_BUILD', message: `builds the index behind ${c.name}` });
    hazards.push(H.existing(`fails if existing rows are not ${c.type === 'exclude' ? 'exclusive' : 'unique'} (or have NULL in a key column, for a primary key)`));
  }
  ctx.emit({
    sql: `${sql};`, phase, object: obj(c), key: ckey(c), why, fixes, hazards,
    alternative: c.type === 'unique' || c.type === 'primary key'
      ? `-- build the index without blocking writes (outside a transaction), then attach it:\nCREATE UNIQUE INDEX CONCURRENTLY ${ident(c.name)} ON ${t} (${c.columns.map(ident).join(', ')});\nALTER TABLE ${t} ADD CONSTRAINT ${ident(c.name)} ${c.type === 'unique' ? 'UNIQUE' : 'PRIMARY KEY'} USING INDEX ${ident(c.name)};`
      : undefined,
  });
}

export const fixConstraints: KindFixer = (ctx) => {
  const canonTables = new Set(ctx.canonical.model.tables.map((t) => qn(t.schema, t.name)));
  const own = (side: 'canonical' | 'dump', c: Constraint) => !ctx[side].catalog.inherited.has(ckey(c)) || (side === 'dump' && ctx.detached.has(tbl(c)));
  // A partition's copy of its parent's constraint comes with the parent's (or the ATTACH).
  for (const c of ctx.canonical.model.constraints) {
    if (!own('canonical', c)) for (const k of ['missing', 'definition_mismatch']) ctx.claimed.add(`${k}:constraint:${obj(c)}`).add(`${k}:index:${obj(c)}`);
  }
  for (const c of ctx.dump.model.constraints) if (!own('dump', c)) ctx.claimed.add(`extra:constraint:${obj(c)}`).add(`extra:index:${obj(c)}`);
  const expected = ctx.canonical.model.constraints.filter((c) => own('canonical', c));
  // Constraints of tables the plan drops go with them.
  const actual = ctx.dump.model.constraints.filter((c) => own('dump', c) && canonTables.has(tbl(c)));
  const have = new Map(actual.map((c) => [ckey(c), c]));
  const want = new Map(expected.map((c) => [ckey(c), c]));
  const missing = expected.filter((c) => !have.has(ckey(c)));
  const extra = actual.filter((c) => !want.has(ckey(c)));
  const renamed = pairByDefinition(missing, extra, (c) => c.definition);
  const renamedFrom = new Set(renamed.values());

  // Foreign keys are dropped before the keys they reference.
  for (const c of [...extra].sort((a, b) => Number(b.type === 'foreign key') - Number(a.type === 'foreign key'))) {
    if (renamedFrom.has(c)) continue;
    dropConstraint(ctx, c, `${c.type} constraint ${obj(c)} is not in the canonical schema`, ctx.ids(`extra:constraint:${obj(c)}`));
  }
  for (const c of missing) {
    const from = renamed.get(c);
    if (from) {
      ctx.emit({
        sql: `ALTER TABLE ${rel(c.schema, c.table)} RENAME CONSTRAINT ${ident(from.name)} TO ${ident(c.name)};`, phase: 'add_constraint', object: obj(c),
        why: `the dump's ${from.name} has canonical ${c.name}'s exact definition: only the name differs`, fixes: ctx.ids(`missing:constraint:${obj(c)}`),
        hazards: [H.lock(tbl(c))],
      });
      continue;
    }
    addConstraint(ctx, c, ctx.created.has(`table:${tbl(c)}`) ? `canonical ${c.type} of new table ${tbl(c)}` : `canonical has ${c.type} constraint ${obj(c)}; the dump lacks it`,
      ctx.ids(`missing:constraint:${obj(c)}`, `missing:table:${tbl(c)}`));
  }
  for (const c of expected) {
    const a = have.get(ckey(c));
    if (!a || a.definition === c.definition) continue;
    const fixes = ctx.ids(`definition_mismatch:constraint:${obj(c)}`);
    if (ctx.afterRenames(tbl(c), a.definition) === c.definition) {
      ctx.creditRename(tbl(c), fixes);
      continue;
    }
    dropConstraint(ctx, a, `${obj(c)} differs from canonical (${a.definition}); dropped and added again`, fixes);
    addConstraint(ctx, c, `canonical: ${c.definition}`, fixes);
  }
};
