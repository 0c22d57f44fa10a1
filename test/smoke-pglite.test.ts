import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';

describe('PGlite in Node', () => {
  it('boots and answers a query', async () => {
    const db = await PGlite.create();
    const r = await db.query<{ n: number }>('select 1 + 1 as n');
    expect(r.rows[0].n).toBe(2);
    await db.close();
  });
});
