/**
 * The normalised diff, printed by Postgres: both sides come from the introspected models, each
 * object as DDL built from what the catalogs print (pg_get_constraintdef, pg_get_indexdef,
 * format_type, pg_get_expr, …). Formatting can then never show up as a difference — a PASS dump
 * diffs empty — and only the objects that differ are kept, side by side (seed 004 §3.1's
 * purpose, without its text noise: a hand-written canonical and a pg_dump never match line by line).
 */
import type { SchemaModel, Table } from '../model';

interface Printed { key: string; label: string; text: string }

const q = (schema: string, name: string) => `${schema}.${name}`;

function column(c: Table['columns'][number]): string {
  const parts = [`    ${c.name} ${c.type}`];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
  if (c.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

/** Every object of a model as `{ key, label, text }`, keys sorting tables with their parts. */
export function printObjects(m: SchemaModel): Printed[] {
  const out: Printed[] = [];
  const add = (table: string, rank: number, name: string, label: string, text: string) => out.push({ key: `${table}\u0000${rank}\u0000${name}`, label, text });
  for (const e of m.extensions) add('', 0, e.name, `extension ${e.name}`, `CREATE EXTENSION ${e.name} SCHEMA ${e.schema};`);
  for (const t of m.types) add('', 1, q(t.schema, t.name), `type ${q(t.schema, t.name)}`, `${t.definition.trim().replace(/;?$/, ';')}`);
  for (const s of m.sequences) {
    add('', 2, q(s.schema, s.name), `sequence ${q(s.schema, s.name)}`,
      `CREATE SEQUENCE ${q(s.schema, s.name)} AS ${s.dataType} START ${s.start} INCREMENT ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max}${s.cycle ? ' CYCLE' : ''};`);
  }
  for (const f of m.functions) add('', 3, `${q(f.schema, f.name)}(${f.identityArgs})`, `${f.kind} ${q(f.schema, f.name)}(${f.identityArgs})`, f.definition.trim());
  for (const t of m.tables) {
    const name = q(t.schema, t.name);
    const cols = [...t.columns].sort((a, b) => a.position - b.position).map(column).join(',\n');
    add(name, 0, '', `table ${name}`, `CREATE TABLE ${name} (\n${cols}\n)${t.partitionKey ? ` PARTITION BY ${t.partitionKey}` : ''};`);
    if (t.rlsEnabled) add(name, 5, 'rls', `row level security on ${name}`, `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
    if (t.rlsForced) add(name, 5, 'rls_force', `forced row level security on ${name}`, `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  }
  for (const v of m.views) {
    const name = q(v.schema, v.name);
    add(name, 0, '', `${v.materialized ? 'materialized view' : 'view'} ${name}`, `CREATE ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${name} AS\n${v.definition.trim()}`);
  }
  for (const c of m.constraints) {
    if (c.type === 'not null') continue; // part of the column line
    const table = q(c.schema, c.table);
    add(table, 1, c.name, `constraint ${table}.${c.name}`, `ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.definition};`);
  }
  for (const i of m.indexes) {
    if (i.constraint) continue; // printed with its constraint
    const table = q(i.schema, i.table);
    add(table, 2, i.name, `index ${table}.${i.name}`, `${i.definition};`);
  }
  for (const t of m.triggers) add(q(t.schema, t.table), 3, t.name, `trigger ${q(t.schema, t.table)}.${t.name}`, `${t.definition};`);
  for (const p of m.policies) {
    const table = q(p.schema, p.table);
    add(table, 4, p.name, `policy ${table}.${p.name}`, [
      `CREATE POLICY ${p.name} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${[...p.roles].sort().join(', ')}`,
      ...(p.using ? [`    USING (${p.using})`] : []), ...(p.withCheck ? [`    WITH CHECK (${p.withCheck})`] : []),
    ].join('\n') + ';');
  }
  for (const g of m.privileges) {
    add(g.object, 6, g.grantee, `grants on ${g.object} to ${g.grantee}`, `GRANT ${[...g.privileges].sort().join(', ')} ON ${g.object} TO ${g.grantee};`);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface DifferingDiff {
  /** Canonical side: the differing objects only, in key order. */
  original: string;
  /** Dump side, aligned: an object one side lacks is a comment line on that side. */
  modified: string;
  /** Objects that differ (missing, extra or changed). */
  count: number;
  /** Objects compared in all (both sides, counted once). */
  total: number;
}

/** Side-by-side text of only the objects whose printed DDL differs between the two models. */
export function differingObjects(canonical: SchemaModel, dump: SchemaModel): DifferingDiff {
  const a = new Map(printObjects(canonical).map((p) => [p.key, p]));
  const b = new Map(printObjects(dump).map((p) => [p.key, p]));
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const left: string[] = [];
  const right: string[] = [];
  let count = 0;
  for (const k of keys) {
    const x = a.get(k);
    const y = b.get(k);
    if (x && y && x.text === y.text) continue;
    count++;
    const label = (x ?? y)!.label;
    left.push(`-- ${label}${x ? '' : ': not in the canonical schema'}`, ...(x ? [x.text] : []), '');
    right.push(`-- ${label}${y ? '' : ': not in the dump'}`, ...(y ? [y.text] : []), '');
  }
  return { original: left.join('\n'), modified: right.join('\n'), count, total: keys.length };
}
