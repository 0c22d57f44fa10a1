import { describe, expect, it } from 'vitest';
import { foreignKeyOrder, generateTour, tourFits } from '../../src/core/dictionary/generated-tour';
import { describeObject, parseTour, stepHash } from '../../src/core/dictionary/tour';
import { parseBlocks } from '../../src/core/dictionary/text-blocks';
import { emptyModel, type Constraint, type SchemaModel, type Table } from '../../src/core/model';

const table = (name: string, comment: string | null = null, schema = 'public'): Table => ({
  schema, name, kind: 'table', rlsEnabled: name === 'orders', rlsForced: false, owner: 'o', comment, partitionKey: null, partitionOf: null,
  columns: [{ name: 'id', position: 1, type: 'bigint', notNull: true, default: null, identity: null, generated: null, collation: null, comment: name === 'orders' ? 'One per checkout' : null },
    { name: 'status', position: 2, type: 'text', notNull: false, default: null, identity: null, generated: null, collation: null, comment: null }],
});
const fk = (from: string, to: string, col = `${to}_id`): Constraint => ({
  schema: 'public', table: from, name: `${from}_${col}_fkey`, type: 'foreign key', columns: [col], definition: `FOREIGN KEY (${col}) REFERENCES public.${to}(id)`,
  foreignKey: { refTable: `public.${to}`, refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION', match: 'SIMPLE' },
  deferrable: false, initiallyDeferred: false, validated: true, comment: null,
});

function shop(): SchemaModel {
  const m = emptyModel();
  m.tables.push(table('order_items'), table('orders', 'Checkouts, one per basket'), table('customers'), table('products'), table('audit_log'), table('z_a'), table('z_b'));
  m.constraints.push(fk('order_items', 'orders'), fk('order_items', 'products'), fk('orders', 'customers'),
    fk('z_a', 'z_b'), fk('z_b', 'z_a'), // a cycle
    { schema: 'public', table: 'orders', name: 'orders_pkey', type: 'primary key', columns: ['id'], definition: 'PRIMARY KEY (id)', foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null },
    { schema: 'public', table: 'orders', name: 'ck_status', type: 'check', columns: ['status'], definition: "CHECK ((status = ANY (ARRAY['open'::text, 'paid'::text])))", foreignKey: null, deferrable: false, initiallyDeferred: false, validated: true, comment: null });
  return m;
}

describe('generated tour', () => {
  it('groups tables by FK component (largest first) and orders each group referenced-first; cycles do not hang', () => {
    expect(foreignKeyOrder(shop()).groups).toEqual([
      ['public.customers', 'public.products', 'public.orders', 'public.order_items'],
      ['public.z_a', 'public.z_b'],
      ['public.audit_log'],
    ]);
  });

  it('narrates each table from COMMENT ON and constraints, as a valid tour whose steps point at real objects', () => {
    const m = shop();
    const tour = generateTour(m);
    expect(tour.steps[0].route).toBe('#/erd');
    const orders = tour.steps.find((s) => s.highlight === 'public.orders')!;
    expect(stepHash(orders)).toBe('#/dictionary/public.orders');
    expect(orders.title).toBe('Group 1 · orders');
    expect(orders.body).toContain('Checkouts, one per basket');
    expect(orders.body).toContain('`customers_id` references `public.customers` (on delete cascade)');
    expect(orders.body).toContain('referenced by `public.order_items`');
    expect(orders.body).toContain('`status` allows `open`, `paid`');
    expect(orders.body).toContain('row-level security is on (not forced');
    expect(orders.body).toContain('`id`: One per checkout');
    for (const s of tour.steps) {
      if (s.highlight) expect(describeObject(m, s.highlight), s.id).not.toBeNull();
      expect(parseBlocks(s.body).length).toBeGreaterThan(0);
      expect(s.id).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    }
    expect(new Set(tour.steps.map((s) => s.id)).size).toBe(tour.steps.length);
  });

  it('caps the narrated tables and says how many are left', () => {
    const tour = generateTour(shop(), 3);
    expect(tour.steps.filter((s) => s.id.startsWith('table-'))).toHaveLength(3);
    expect(tour.steps.find((s) => s.id === 'the-rest')!.body).toContain('4 more tables');
  });

  it('an authored tour fits a schema only when most objects it points at exist', () => {
    const authored = parseTour("title: T\nsteps:\n  - id: a\n    title: A\n    route: '#/dictionary'\n    highlight: public.tenants\n    body: x\n  - id: b\n    title: B\n    route: '#/dictionary'\n    highlight: public.orders\n    body: y\n", 't.yaml');
    const has = (m: SchemaModel) => (o: string) => describeObject(m, o) !== null;
    expect(tourFits(authored, has(shop()))).toBe(true); // 1 of 2
    const other = emptyModel();
    other.tables.push(table('widgets'));
    expect(tourFits(authored, has(other))).toBe(false);
  });
});
