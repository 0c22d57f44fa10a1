/**
 * fixtures/fix/<case>: the generated script proven twice — in PGlite by runFix (the whole check
 * re-run on dump + script: "verified"), and in Debian's PostgreSQL 15: dump.sql + fix.sql
 * pg_dumps equal to canonical.sql entry by entry, and + down.sql equal to dump.sql again.
 * CI runs on a machine with PG15 installed: a missing server is a failure, not a skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { runFix, type FixRun } from '../../src/core/fix';
import type { EngineEnv } from '../../src/core/pipeline';
import { dumpEntries, Pg15, PG15_BIN } from './pg15';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'fixtures', 'fix');
const cases = readdirSync(DIR).filter((c) => existsSync(join(DIR, c, 'canonical.sql'))).sort();
const read = (c: string, f: string) => readFileSync(join(DIR, c, f), 'utf8');
const env: EngineEnv = { factory: pgliteFactory(), now: () => new Date('2026-01-01T00:00:00Z'), toolVersion: 'test' };

let pg: Pg15;
beforeAll(() => {
  if (!existsSync(join(PG15_BIN, 'pg_dump'))) throw new Error(`PostgreSQL 15 not found at ${PG15_BIN}: the fix round trip needs it (set PG15_BIN)`);
  pg = Pg15.start();
  pg.psqlFile('postgres', readFileSync(join(DIR, 'roles.sql'), 'utf8'));
}, 120_000);
afterAll(() => pg?.stop());

const explain = (r: FixRun['verification']) => JSON.stringify({ errors: r.errors, residual: r.residual, behaviour: r.behaviour }, null, 1);

describe.each(cases)('fixtures/fix/%s', (c) => {
  let run: FixRun;
  beforeAll(async () => {
    run = await runFix({
      canonical: { name: `${c}/canonical.sql`, sql: read(c, 'canonical.sql') }, spec: null,
      dump: { name: `${c}/dump.sql`, sql: read(c, 'dump.sql') }, phase: 'all',
    }, env, { down: true });
  }, 300_000);

  it('PGlite: the dump plus the script passes the whole check; the down script brings the dump back', () => {
    expect(run.before.divergences.length, 'the fixture must drift').toBeGreaterThan(0);
    expect(run.plan.unfixed).toEqual([]);
    expect(run.verification.status, explain(run.verification)).toBe('verified');
    expect(run.down?.plan.unfixed).toEqual([]);
    expect(run.down?.verification.status, run.down ? explain(run.down.verification) : "no down run").toBe('verified');
  });

  it('PostgreSQL 15: dump + fix.sql pg_dumps like canonical.sql, + down.sql like dump.sql, entry by entry', () => {
    const db = `fix_${c}`;
    pg.createdb(db);
    pg.psqlFile(db, read(c, 'dump.sql'));
    pg.psqlFile(db, run.script);
    expect(dumpEntries(pg.dump(db))).toEqual(dumpEntries(read(c, 'canonical.sql')));
    pg.psqlFile(db, run.down!.script);
    expect(dumpEntries(pg.dump(db))).toEqual(dumpEntries(read(c, 'dump.sql')));
  }, 120_000);
});
