/**
 * Columns of tables both sides have: RENAME where the diff suspects a rename (same type and
 * nullability, one missing and one extra), ADD, DROP, and ALTER for type, collation,
 * nullability, default, identity (incl. serial ↔ identity) and generation expression.
 */
import type { Column, Sequence, Table } from '../../model';
import { renames as suspectedRenames } from '../../compare/columns';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { ident, literal, rel } from '../sql';
import { columnDefinition, identityClause, sequenceOptions } from './tables';

const baseType = (t: string) => t.replace(/\(.*\)/, '').replace(/\[\]$/, '').trim();
const typmods = (t: string) => (/\(([^)]*)\)/.exec(t)?.[1] ?? '').split(',').filter(Boolean).map(Number);

/** Types Postgres converts between by assignment cast, so ALTER … TYPE needs no USING (and fails rather than truncates). */
const FAMILIES = [
  ['text', 'character varying', 'character', 'name', 'citext'],
  ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'],
  ['timestamp without time zone', 'timestamp with time zone', 'date'],
  ['json', 'jsonb'],
];
function needsUsing(from: string, to: string): boolean {
  const a = baseType(from);
  const b = baseType(to);
  if (a === b && from.endsWith('[]') === to.endsWith('[]')) return false;
  return !FAMILIES.some((f) => f.includes(a) && f.includes(b)) || a === 'json' || b === 'json';
}
/** A narrower length/precision, or a different family: values may not survive. */
function mayLoseData(from: string, to: string): boolean {
  if (baseType(from) !== baseType(to)) return needsUsing(from, to) || /^(smallint|integer|real)$/.test(baseType(to));
  const [f, t] = [typmods(from), typmods(to)];
  return t.length > 0 && (f.length === 0 || t.some((x, i) => x < (f[i] ?? 0)));
}

/** The sequence a serial column's default draws from, when the dump's column is serial-shaped. */
function serialSequence(model: { sequences: Sequence[] }, table: string, c: Column): Sequence | null {
  const m = c.default ? /^nextval\('([^']+)'::regclass\)$/.exec(c.default) : null;
  if (!m) return null;
  return model.sequences.find((s) => s.ownedBy === `${table}.${c.name}` && [`${s.schema}.${s.name}`, s.name].includes(m[1].replace(/"/g, ''))) ?? null;
}

export const fixColumns: KindFixer = (ctx) => {
  const dump = new Map(ctx.dump.model.tables.map((t) => [qn(t.schema, t.name), t]));
  for (const e of ctx.canonical.model.tables) {
    const a = dump.get(qn(e.schema, e.name));
    if (a && !e.partitionOf) fixTableColumns(ctx, e, a);
  }
};

function fixTableColumns(ctx: FixContext, e: Table, a: Table): void {
  const table = qn(e.schema, e.name);
  const t = rel(e.schema, e.name);
  const have = new Map(a.columns.map((c) => [c.name, c]));
  const want = new Set(e.columns.map((c) => c.name));
  const missing = e.columns.filter((c) => !have.has(c.name));
  const extra = a.columns.filter((c) => !want.has(c.name));
  const renamed = suspectedRenames(missing, extra);

  for (const c of missing) {
    const from = renamed.get(c);
    if (from) {
      if (!ctx.renamedColumns.has(table)) ctx.renamedColumns.set(table, new Map());
      if (/^[a-z_][a-z0-9_$]*$/.test(from.name) && /^[a-z_][a-z0-9_$]*$/.test(c.name)) ctx.renamedColumns.get(table)!.set(from.name, c.name);
      ctx.emit({
        sql: `ALTER TABLE ${t} RENAME COLUMN ${ident(from.name)} TO ${ident(c.name)};`, phase: 'column', object: `${table}.${c.name}`,
        why: `the diff suspects a rename: the dump's ${from.name} has the type and nullability of canonical ${c.name}, which the dump lacks. ` +
          `Renaming keeps the data; if they are different columns, use the alternative (drop and add)`,
        fixes: ctx.ids(`missing:column:${table}.${c.name}`, `extra:column:${table}.${from.name}`),
        hazards: [H.lock(table), H.correctness(`queries that name ${from.name} break`)],
        alternative: `ALTER TABLE ${t} DROP COLUMN ${ident(from.name)};  -- CI:DESTRUCTIVE_OK: <reason>\nALTER TABLE ${t} ADD COLUMN ${columnDefinition(ctx, e, c)};`,
      });
      alterColumn(ctx, e, c, { ...from, name: c.name });
      continue;
    }
    const hazards = [H.lock(table)];
    if (c.notNull && c.default === null && c.identity === null && c.generated === null) hazards.push(H.existing(`${c.name} is NOT NULL without a default: fails if ${table} has rows`));
    if (c.generated !== null) hazards.push({ type: 'TABLE_REWRITE', message: `computes ${c.name} for every row` });
    else if (c.default !== null && /\(/.test(c.default) && !/^'.*'::[\w ]+$/.test(c.default)) hazards.push({ type: 'TABLE_REWRITE', message: `a volatile default (${c.default}) is evaluated for every existing row` });
    ctx.create(`column:${table}.${c.name}`);
    ctx.emit({
      sql: `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(ctx, e, c)};`, phase: 'column', object: `${table}.${c.name}`,
      why: `canonical has ${table}.${c.name}; the dump lacks it`, fixes: ctx.ids(`missing:column:${table}.${c.name}`), hazards,
    });
  }
  const renamedFrom = new Set([...renamed.values()]);
  for (const c of extra) {
    if (renamedFrom.has(c)) continue;
    ctx.drop(`column:${table}.${c.name}`);
    ctx.emit({
      sql: `ALTER TABLE ${t} DROP COLUMN ${ident(c.name)};`, phase: 'column', object: `${table}.${c.name}`, destructive: true,
      why: `${table}.${c.name} is not in the canonical schema`, fixes: ctx.ids(`extra:column:${table}.${c.name}`),
      hazards: [H.deletes(`drops ${table}.${c.name} and its values`), H.lock(table)],
    });
  }
  for (const c of e.columns) {
    const d = have.get(c.name);
    if (d) alterColumn(ctx, e, c, d);
  }
}

/** Brings the dump's column `a` (already carrying the canonical name) to canonical `e`. */
function alterColumn(ctx: FixContext, table: Table, e: Column, a: Column): void {
  const tq = qn(table.schema, table.name);
  const t = rel(table.schema, table.name);
  const object = `${tq}.${e.name}`;
  const col = ident(e.name);
  const id = (kind: string) => ctx.ids(`${kind}:column:${object}`);
  const base = { phase: 'column' as const, object };
  let defaultDone = false;

  if (e.generated !== a.generated) {
    // PG15 cannot change a generation expression in place: drop and add (values are derived, none lost).
    ctx.emit({
      ...base, sql: `ALTER TABLE ${t} DROP COLUMN ${col};`, why: `${object} must be ${e.generated === null ? 'a plain column' : `generated as ${e.generated}`}; PostgreSQL 15 cannot alter that in place`,
      fixes: id('definition_mismatch'), destructive: e.generated === null, hazards: [H.lock(tq), ...(e.generated === null ? [H.deletes(`the generated values of ${object} are dropped; the re-added column starts empty`)] : [])],
    });
    ctx.drop(`column:${object}`);
    ctx.create(`column:${object}`);
    ctx.emit({ ...base, sql: `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(ctx, table, e)};`, why: `re-adds ${object} as canonical defines it`, fixes: id('definition_mismatch'), hazards: [{ type: 'TABLE_REWRITE', message: `computes ${e.name} for every row` }] });
    ctx.claimed.add(`type_mismatch:column:${object}`).add(`nullability_mismatch:column:${object}`).add(`default_mismatch:column:${object}`);
    return;
  }

  const serial = a.identity === null && e.identity !== null ? serialSequence(ctx.dump.model, tq, a) : null;
  if (e.type !== a.type || e.collation !== a.collation) {
    ctx.retyped.add(`column:${object}`);
    if (a.default !== null && !serial) {
      ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT;`, why: `the default is set again after the type change (it may not cast)`, fixes: [], hazards: [H.lock(tq)] });
      a = { ...a, default: null };
    }
    const using = needsUsing(a.type, e.type) ? ` USING ${col}::${e.type}` : '';
    const lossy = mayLoseData(a.type, e.type);
    const hazards = [H.lock(tq), { type: 'TABLE_REWRITE' as const, message: `may rewrite ${tq} and its indexes (unless ${a.type} → ${e.type} is binary-coercible)` }];
    if (using) hazards.push(H.existing(`values that do not cast to ${e.type} make it fail`));
    if (lossy) hazards.push(H.deletes(`${a.type} → ${e.type} can lose precision or length`));
    ctx.emit({
      ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${e.type}${e.collation ? ` COLLATE ${e.collation.split('.').map(ident).join('.')}` : ''}${using};`,
      why: `canonical types ${object} as ${e.type}${e.collation ? ` COLLATE ${e.collation}` : ''}; the dump has ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`,
      fixes: id('type_mismatch'), hazards, destructive: lossy,
    });
  }

  if (e.identity !== a.identity) {
    fixIdentity(ctx, table, e, a, serial);
    defaultDone = true;
  }
  if (!defaultDone && e.default !== a.default) {
    ctx.emit({
      ...base, sql: e.default === null ? `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT;` : `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${e.default};`,
      why: e.default === null ? `canonical ${object} has no default` : `canonical ${object} defaults to ${e.default}`,
      fixes: id('default_mismatch'), hazards: [H.lock(tq)],
    });
  }
  if (e.notNull !== a.notNull) {
    if (e.notNull) {
      ctx.emit({
        ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL;`, why: `canonical requires ${object} NOT NULL`, fixes: id('nullability_mismatch'),
        hazards: [H.lock(tq), H.existing(`fails if any row of ${tq} has ${e.name} NULL; scans the whole table under the lock`)],
        alternative: [
          `-- backfill NULLs first, then check without the long lock:`,
          `ALTER TABLE ${t} ADD CONSTRAINT ${ident(`${table.name}_${e.name}_not_null`)} CHECK (${col} IS NOT NULL) NOT VALID;`,
          `ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(`${table.name}_${e.name}_not_null`)};`,
          `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL;  -- uses the validated CHECK, no scan`,
          `ALTER TABLE ${t} DROP CONSTRAINT ${ident(`${table.name}_${e.name}_not_null`)};`,
        ].join('\n'),
      });
    } else {
      ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} DROP NOT NULL;`, why: `canonical allows NULL in ${object}`, fixes: id('nullability_mismatch'), hazards: [H.lock(tq), H.correctness(`${object} starts accepting NULL`)] });
    }
  }
}

/** serial ↔ identity, identity ↔ plain, ALWAYS ↔ BY DEFAULT; the counter carries on from the rows. */
function fixIdentity(ctx: FixContext, table: Table, e: Column, a: Column, serial: Sequence | null): void {
  const tq = qn(table.schema, table.name);
  const t = rel(table.schema, table.name);
  const object = `${tq}.${e.name}`;
  const col = ident(e.name);
  const fixes = ctx.ids(`identity_mismatch:column:${object}`, `default_mismatch:column:${object}`);
  const base = { phase: 'column' as const, object, fixes };
  const restart = (seqText: string) => `SELECT setval(${seqText}, coalesce(max(${col}) + 1, ${'1'}), false) FROM ${t};`;
  if (a.identity !== null && e.identity !== null) {
    ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} SET GENERATED ${e.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'};`, why: `canonical ${object} is GENERATED ${e.identity.toUpperCase()} AS IDENTITY`, hazards: [H.lock(tq), H.correctness(e.identity === 'always' ? 'inserts that supply the column now fail without OVERRIDING SYSTEM VALUE' : 'inserts may now supply the column')] });
    return;
  }
  if (e.identity !== null) {
    if (a.default !== null) ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT;`, why: `the ${serial ? 'serial' : ''} default gives way to the identity`, hazards: [H.lock(tq)] });
    if (serial) {
      ctx.drop(`sequence:${serial.schema}.${serial.name}`);
      ctx.claimed.add(`extra:sequence:${serial.schema}.${serial.name}`);
      ctx.emit({ ...base, sql: `DROP SEQUENCE ${rel(serial.schema, serial.name)};`, why: `the serial sequence of ${object} is replaced by the identity's own`, hazards: [H.correctness('its counter is carried over from the rows below')] });
    }
    ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} ADD ${identityClause(ctx, table, e)};`, why: `canonical ${object} is GENERATED ${e.identity.toUpperCase()} AS IDENTITY${serial ? ' (the dump has serial)' : ''}`, hazards: [H.lock(tq)] });
    ctx.emit({ ...base, sql: restart(`pg_get_serial_sequence(${literal(t)}, ${literal(e.name)})`), why: `the identity continues after the highest existing ${e.name}`, hazards: [{ type: 'IMPACTS_DATABASE_PERFORMANCE', message: `reads max(${e.name}) over ${tq}` }] });
    const seq = ctx.canonical.model.sequences.find((s) => s.ownedBy === object);
    if (seq) ctx.create(`sequence:${seq.schema}.${seq.name}`);
    return;
  }
  // identity → plain or serial.
  ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} DROP IDENTITY;`, why: `canonical ${object} is not an identity column`, hazards: [H.lock(tq), H.correctness('its sequence is dropped with the identity')] });
  const dumpSeq = ctx.dump.model.sequences.find((s) => s.ownedBy === object);
  if (dumpSeq) ctx.drop(`sequence:${dumpSeq.schema}.${dumpSeq.name}`);
  const target = serialSequence(ctx.canonical.model, tq, e);
  if (target) {
    ctx.create(`sequence:${target.schema}.${target.name}`);
    ctx.emit({ ...base, sql: `CREATE SEQUENCE ${rel(target.schema, target.name)} ${sequenceOptions(target)};`, why: `canonical ${object} is serial: its sequence`, hazards: [] });
    ctx.emit({ ...base, sql: `ALTER SEQUENCE ${rel(target.schema, target.name)} OWNED BY ${t}.${col};`, why: `the sequence belongs to ${object} (dropped with it)`, hazards: [] });
    ctx.emit({ ...base, sql: restart(literal(rel(target.schema, target.name))), why: `the sequence continues after the highest existing ${e.name}`, hazards: [{ type: 'IMPACTS_DATABASE_PERFORMANCE', message: `reads max(${e.name}) over ${tq}` }] });
  }
  if (e.default !== null) ctx.emit({ ...base, sql: `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${e.default};`, why: `canonical ${object} defaults to ${e.default}`, hazards: [H.lock(tq)] });
}
