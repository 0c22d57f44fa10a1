/**
 * One parameterised test over fixtures/load/<case>/{dump.sql, expected.json}: split counts, the
 * load summary (statements, executed, errors with line/column/SQLSTATE, note codes) and SQL
 * checks against the loaded database. Adding a case is adding a folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { checkUsableInput, loadScript } from '../../src/core/load/load';
import { splitScript } from '../../src/core/load/split';

interface Expected {
  description: string;
  items: { sql: number; copy: number; meta: number };
  statements: number;
  executed: number;
  errors: { line: number; column: number; sqlstate: string; message: string; statementLine: number }[];
  notes: Record<string, number>;
  checks: { about: string; sql: string; rows: Record<string, unknown>[] }[];
}

const root = 'fixtures/load';
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('load fixtures', () => {
  const factory = pgliteFactory();
  /** search_path of a fresh database (PGlite starts with `public`), to check the loader resets it. */
  let freshSearchPath = '';
  beforeAll(async () => {
    const db = await factory.create();
    freshSearchPath = (await db.query<{ p: string }>('show search_path')).rows[0].p;
    await db.close();
  });

  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
    const text = checkUsableInput(new Uint8Array(readFileSync(join(root, name, 'dump.sql'))), `${name}/dump.sql`);
    const items = splitScript(text);
    const counts = { sql: 0, copy: 0, meta: 0 };
    for (const i of items) counts[i.kind]++;
    expect(counts).toEqual(expected.items);

    const { db, summary } = await loadScript(factory, text, { source: name });
    try {
      expect(summary.statements).toBe(expected.statements);
      expect(
        summary.errors.map((e) => ({ line: e.line, column: e.column, sqlstate: e.sqlstate, message: e.message })),
      ).toEqual(expected.errors.map(({ statementLine: _, ...e }) => e));
      // Each error carries the statement text exactly as it stands at its starting line.
      const lines = text.split('\n');
      summary.errors.forEach((e, k) => {
        const first = e.statement.split('\n')[0];
        expect(lines[expected.errors[k].statementLine - 1].replace(/\r$/, '')).toContain(first.replace(/\r$/, ''));
      });
      expect(summary.executed).toBe(expected.executed);
      const codes: Record<string, number> = {};
      for (const n of summary.notes) codes[n.code] = (codes[n.code] ?? 0) + 1;
      expect(codes).toEqual(expected.notes);
      for (const check of expected.checks) {
        const r = await db.query(check.sql);
        expect(r.rows, check.about).toEqual(check.rows);
      }
      // The session is back to normal for introspection.
      expect((await db.query<{ p: string }>('show search_path')).rows[0].p).toBe(freshSearchPath);
      expect((await db.query<{ u: string }>('select current_user as u')).rows[0].u).toBe('postgres');
    } finally {
      await db.close();
    }
  });
});
