/**
 * Mermaid erDiagram and DBML exports (src/core/export): hostile identifiers (spaces, quotes, `#`,
 * dots, non-ASCII, a leading digit, a column named like a keyword), composite and one-to-one FKs,
 * notes with quotes and line breaks. DBML is parsed back with @dbml/core (dbdiagram's own parser,
 * a devDependency used only here); Mermaid with the line grammar below, taken from Mermaid's ER
 * grammar (erDiagram.jison: entity/attribute words, quoted strings without `"`, cardinalities),
 * then decoded to check the real names survive. Both run on the real 516-table MusicBrainz model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser } from '@dbml/core';
import { emptyModel, type Column, type Constraint, type SchemaModel, type Table } from '../../src/core/model';
import { toDbml, toMermaid } from '../../src/core/export';
import { parseMermaid } from './mermaid-grammar';

const col = (name: string, type: string, notNull = false, extra: Partial<Column> = {}): Column =>
  ({ name, position: 0, type, notNull, default: null, identity: null, generated: null, collation: null, comment: null, ...extra });
const table = (schema: string, name: string, columns: Column[], comment: string | null = null): Table =>
  ({ schema, name, kind: 'table', rlsEnabled: false, rlsForced: false, owner: 'o', comment, partitionKey: null, partitionOf: null, columns } as Table);
const con = (schema: string, tbl: string, name: string, type: Constraint['type'], columns: string[], ref?: [string, string[], Partial<NonNullable<Constraint['foreignKey']>>?]): Constraint =>
  ({ schema, table: tbl, name, type, columns, definition: '', deferrable: false, initiallyDeferred: false, validated: true, comment: null,
    foreignKey: ref ? { refTable: ref[0], refColumns: ref[1], onDelete: 'NO ACTION', onUpdate: 'NO ACTION', ...(ref[2] ?? {}) } as Constraint['foreignKey'] : null });

function hostile(): SchemaModel {
  const m = emptyModel();
  m.tables = [
    table('Sales Dept', 'Order "Items"', [col('id', 'bigint', true), col('line', 'integer', true), col('naïve col', 'character varying(255)', false, { comment: "it's \"quoted\"\nand #2" }),
      col('1st', 'numeric(6,5)'), col('select', 'timestamp with time zone', true, { default: 'now()' })], 'Orders, "as sold"'),
    table('public', 'customer.v2', [col('id', 'uuid', true), col('order_id', 'bigint'), col('order_line', 'integer')]),
    table('public', 'profile', [col('customer_id', 'uuid', true), col('bio', 'text')]),
    table('public', 'left_out', [col('id', 'integer', true), col('customer_id', 'uuid')]),
  ];
  m.constraints = [
    con('Sales Dept', 'Order "Items"', 'pk items', 'primary key', ['id', 'line']),
    con('public', 'customer.v2', 'customer_pkey', 'primary key', ['id']),
    con('public', 'customer.v2', 'fk "order"', 'foreign key', ['order_id', 'order_line'], ['Sales Dept.Order "Items"', ['id', 'line'], { onDelete: 'SET NULL' }]),
    con('public', 'profile', 'profile_pkey', 'primary key', ['customer_id']),
    con('public', 'profile', 'profile_customer_fk', 'foreign key', ['customer_id'], ['public.customer.v2', ['id'], { onDelete: 'CASCADE' }]),
    con('public', 'left_out', 'left_out_fk', 'foreign key', ['customer_id'], ['public.customer.v2', ['id']]),
  ];
  return m;
}

const only = new Set(['Sales Dept.Order "Items"', 'public.customer.v2', 'public.profile']);

describe('Mermaid erDiagram export', () => {
  it('hostile names: safe ids, real names as quoted aliases and comments, cardinalities from nullability/uniqueness', () => {
    const text = toMermaid(hostile(), only);
    const p = parseMermaid(text);
    expect([...p.entities.values()].map((e) => e.label)).toEqual(['Sales Dept.Order "Items"', 'public.customer.v2', 'public.profile']);
    const items = [...p.entities.values()][0];
    expect(items.attrs.map((a) => a.name)).toEqual(['id', 'line', 'na_ve_col', '_1st', 'select']);
    expect(items.attrs[2]).toMatchObject({ type: 'character_varying(255)', comment: 'naïve col · it\'s "quoted" and #2' });
    expect(items.attrs[3]).toMatchObject({ type: 'numeric(6_5)', comment: '1st' });
    expect(items.attrs[0].keys).toBe('PK');
    expect(items.attrs[4]).toMatchObject({ type: 'timestamp_with_time_zone', comment: 'NOT NULL' });
    // the FK to a table left out of the export is not drawn; composite nullable FK: |o--o{ ; 1:1 FK (the PK): ||--o|
    expect(p.rels.map((r) => [p.entities.get(r.a)!.label, r.card, p.entities.get(r.b)!.label])).toEqual([
      ['Sales Dept.Order "Items"', '|o--o{', 'public.customer.v2'],
      ['public.customer.v2', '||--o|', 'public.profile'],
    ]);
    expect(p.rels[0].label).toBe('fk "order": order_id, order_line → id, line (on delete set null)');
    expect(text).not.toMatch(/<[a-z/]/i); // text, never markup
  });

  it('the grammar check rejects what Mermaid would (a control for the check itself)', () => {
    expect(() => parseMermaid('erDiagram\n    e1["a"b"] {\n    }\n')).toThrow();
    expect(() => parseMermaid('erDiagram\n    e1["x"] {\n        character varying x\n    }\n')).toThrow();
    expect(() => parseMermaid('erDiagram\n    e1["x"] {\n    }\n    e1 ||--o{ e2 : "l"\n')).toThrow(/undeclared/);
  });
});

describe('DBML export', () => {
  it('hostile names round-trip through @dbml/core: schemas, tables, columns, types, notes, refs', () => {
    const text = toDbml(hostile(), only);
    const db = Parser.parse(text, 'dbmlv2').export();
    const schemas = Object.fromEntries(db.schemas.map((s) => [s.name, s]));
    const items = schemas['Sales Dept'].tables[0];
    expect(items.name).toBe('Order "Items"');
    expect(items.note).toBe('Orders, "as sold"');
    expect(items.fields.map((f) => [f.name, f.type.type_name])).toEqual([
      ['id', 'bigint'], ['line', 'integer'], ['naïve col', 'character varying(255)'], ['1st', 'numeric(6,5)'], ['select', 'timestamp with time zone']]);
    expect(items.fields[2].note).toBe("it's \"quoted\"\nand #2");
    expect(items.fields[4]).toMatchObject({ not_null: true, dbdefault: { type: 'expression', value: 'now()' } });
    expect(items.indexes[0]).toMatchObject({ pk: true, columns: [{ value: 'id' }, { value: 'line' }] });
    expect(schemas.public.tables.map((t) => t.name)).toEqual(['customer.v2', 'profile']);
    const refs = db.schemas.flatMap((s) => s.refs).map((r) => ({ name: r.name, onDelete: r.onDelete,
      ends: r.endpoints.map((e) => [e.schemaName ?? 'public', e.tableName, e.fieldNames.join(','), e.relation]) }));
    expect(refs).toEqual(expect.arrayContaining([
      { name: 'fk "order"', onDelete: 'set null', ends: [['public', 'customer.v2', 'order_id,order_line', '*'], ['Sales Dept', 'Order "Items"', 'id,line', '1']] },
      { name: 'profile_customer_fk', onDelete: 'cascade', ends: [['public', 'profile', 'customer_id', '1'], ['public', 'customer.v2', 'id', '1']] },
    ]));
    expect(refs).toHaveLength(2);
  });

  it('a broken identifier quote is caught by the parser (a control for the round trip)', () => {
    expect(() => Parser.parse('Table "a"b" {\n  "x" "int"\n}\n', 'dbmlv2')).toThrow();
  });
});

describe('on the real MusicBrainz schema (516 tables, 897 FKs)', () => {
  const model = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'erd', 'fixtures', 'musicbrainz.json'), 'utf8')) as { model: SchemaModel }).model;
  it('Mermaid: every table an entity, every FK a relationship, grammar-valid', () => {
    const p = parseMermaid(toMermaid(model));
    expect(p.entities.size).toBe(516);
    expect(p.rels).toHaveLength(897);
  });
  it('DBML: parses back with every table and ref', () => {
    const db = Parser.parse(toDbml(model), 'dbmlv2').export();
    expect(db.schemas.reduce((n, s) => n + s.tables.length, 0)).toBe(516);
    expect(db.schemas.reduce((n, s) => n + s.refs.length, 0)).toBe(897);
  }, 60_000);
});
