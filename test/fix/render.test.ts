/**
 * The pure parts of the fixer: enum label placement, the script's shape (timeouts, one
 * transaction, waiver on destructive statements, hazards under each), the Alembic revision.
 */
import { describe, expect, it } from 'vitest';
import { enumAdditions } from '../../src/core/fix/kinds/types';
import { renderAlembic, renderSql, WAIVER_SQL } from '../../src/core/fix/render';
import type { FixPlan } from '../../src/core/fix/types';

describe('enumAdditions', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'c'], [{ label: 'b', sql: " BEFORE 'c'" }]],
    [['a', 'b', 'c'], ['a', 'b'], [{ label: 'c', sql: " AFTER 'b'" }]],
    [['x', 'a'], ['a'], [{ label: 'x', sql: " BEFORE 'a'" }]],
    [['a', 'b', 'c', 'd'], ['a', 'd'], [{ label: 'b', sql: " BEFORE 'd'" }, { label: 'c', sql: " BEFORE 'd'" }]],
    [["it's"], [], [{ label: "it's", sql: '' }]],
  ])('%j from %j', (want, have, expected) => {
    expect(enumAdditions(want, have)).toEqual(expected);
  });
  it('null when a label goes away or the order changes (the type must be rebuilt)', () => {
    expect(enumAdditions(['a', 'b'], ['a', 'b', 'c'])).toBeNull();
    expect(enumAdditions(['b', 'a'], ['a', 'b'])).toBeNull();
  });
});

const plan: FixPlan = {
  lockTimeout: '5s', statementTimeout: '15min',
  unfixed: [{ divergence: 'definition_mismatch:table:public.t', reason: 'must be partitioned' }],
  statements: [
    { sql: "ALTER TYPE public.e ADD VALUE IF NOT EXISTS 'b' BEFORE 'c';", phase: 'pre', object: 'public.e', why: 'label', fixes: ['x'], hazards: [], destructive: false, outsideTransaction: true },
    { sql: 'ALTER TABLE public.t DROP COLUMN c;', phase: 'column', object: 'public.t.c', why: 'not canonical', fixes: ['extra:column:public.t.c'], destructive: true,
      hazards: [{ type: 'DELETES_DATA', message: 'drops c' }, { type: 'ACQUIRES_ACCESS_EXCLUSIVE_LOCK', message: 'locks t' }] },
    { sql: 'CREATE TABLE public.u (\n    a integer\n);', phase: 'table', object: 'public.u', why: 'new', fixes: [], hazards: [], destructive: false, alternative: 'nothing\nelse' },
  ],
};

describe('renderSql', () => {
  const sql = renderSql(plan, { from: 'dump d.sql', to: 'canonical c.sql', toolVersion: 't' });
  it('timeouts first, the ADD VALUE before BEGIN, the rest in one transaction', () => {
    const lines = sql.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/^SET lock_timeout = '5s';$/)).toBeGreaterThan(0);
    expect(at(/^SET statement_timeout = '15min';$/)).toBeGreaterThan(at(/^SET lock_timeout/));
    expect(at(/ADD VALUE/)).toBeLessThan(at(/^BEGIN;$/));
    expect(at(/DROP COLUMN/)).toBeGreaterThan(at(/^BEGIN;$/));
    expect(at(/^COMMIT;$/)).toBeGreaterThan(at(/CREATE TABLE/));
  });
  it('the destructive statement carries the unsigned waiver; hazards and the alternative sit under it', () => {
    expect(sql).toContain(`ALTER TABLE public.t DROP COLUMN c; ${WAIVER_SQL}\n--   hazard DELETES_DATA: drops c\n--   hazard ACQUIRES_ACCESS_EXCLUSIVE_LOCK: locks t`);
    expect(sql).toContain('--   alternative:\n--     nothing\n--     else');
    expect(sql).not.toMatch(/CREATE TABLE public\.u \([^)]*CI:DESTRUCTIVE_OK/);
  });
  it('lists what it does not fix', () => {
    expect(sql).toContain('-- NOT FIXED: definition_mismatch:table:public.t: must be partitioned');
  });
});

describe('renderAlembic', () => {
  it('upgrade and downgrade as op.execute blocks, the waiver on the destructive one, autocommit for ADD VALUE', () => {
    const py = renderAlembic(plan, { ...plan, unfixed: [], statements: [plan.statements[2]] }, {
      from: 'a', to: 'b', toolVersion: 't', revision: '202601011200', downRevision: 'abc', message: 'Fix',
    });
    expect(py).toMatch(/^revision = "202601011200"$/m);
    expect(py).toMatch(/^down_revision = "abc"$/m);
    expect(py).toContain('    with op.get_context().autocommit_block():\n');
    expect(py).toMatch(/op\.execute\(r"""\n\s+ALTER TABLE public\.t DROP COLUMN c;\n\s+"""\)  # CI:DESTRUCTIVE_OK: <reason>/);
    const down = py.slice(py.indexOf('def downgrade'));
    expect(down).toContain('CREATE TABLE public.u (');
    expect(down).not.toContain('DROP COLUMN');
  });
  it('SQL with a triple quote falls back to an escaped string', () => {
    const odd: FixPlan = { ...plan, unfixed: [], statements: [{ ...plan.statements[2], sql: `COMMENT ON TABLE public.u IS 'say """hi"""';` }] };
    const py = renderAlembic(odd, null, { from: 'a', to: 'b', toolVersion: 't', revision: 'r', downRevision: null, message: 'm' });
    expect(py).toContain(`op.execute("COMMENT ON TABLE public.u IS 'say \\"\\"\\"hi\\"\\"\\"';")`);
    expect(py).toContain('raise NotImplementedError');
  });
});
