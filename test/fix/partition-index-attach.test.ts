/**
 * A partition's index the dump left standalone (one ALTER INDEX … ATTACH PARTITION missing, so
 * the partitioned index stays invalid): the diff flags both indexes, the fix attaches it instead
 * of dropping and re-building, and the proof re-runs the whole check. The reverse cannot be done
 * by PostgreSQL (no DETACH for an index) and is listed as not fixed with that reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgliteFactory } from '../../src/adapters/pglite';
import { runFix, type FixRun } from '../../src/core/fix';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'diff', 'objects');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

describe('partition index left unattached', () => {
  let run: FixRun;
  beforeAll(async () => {
    run = await runFix({
      canonical: { name: 'canonical.sql', sql: read('canonical.sql') }, spec: null,
      dump: { name: 'partition_indexes/dump.sql', sql: read('partition_indexes/dump.sql') }, phase: 'all',
    }, { factory: pgliteFactory(), now: () => new Date('2026-01-01T00:00:00Z'), toolVersion: 'test' }, { down: true });
  }, 300_000);

  it('flags the standalone index and the invalid parent', () => {
    const ids = run.before.divergences.map((d) => d.id);
    expect(ids).toEqual(['definition_mismatch:index:app.events.events_at_idx', 'definition_mismatch:index:app.events_other.events_other_at_idx']);
    expect(run.before.divergences[1].actual).not.toContain('ATTACH PARTITION');
    expect(run.before.divergences[1].expected).toContain('ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_other_at_idx;');
  });

  it('attaches the index (no drop, no rebuild) and the proof passes', () => {
    const sql = run.plan.statements.map((s) => s.sql);
    expect(sql).toEqual(['ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_other_at_idx;']);
    expect(run.plan.statements[0].fixes.sort()).toEqual(run.before.divergences.map((d) => d.id).sort());
    expect(run.plan.unfixed).toEqual([]);
    expect(run.verification.status).toBe('verified');
  });

  it('says why the way back cannot be scripted', () => {
    expect(run.down?.plan.unfixed.map((u) => u.reason).join('\n')).toMatch(/cannot detach events_other_at_idx/);
  });
});
