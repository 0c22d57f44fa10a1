/**
 * A statement that blows up memory becomes a located load error, and the rest of the dump loads:
 * either PostgreSQL fails it (53200 out of memory: PGlite caps each WASM heap at 2 GB; 53400 past
 * temp_file_limit) or the watchdog ends the engine past its resident-memory limit and blames it.
 * Run the way the CLI runs it, with a 1.2 GB engine limit so the case stays cheap.
 */
import { describe, expect, it } from 'vitest';
import { checkSupervised } from '../../src/adapters/node/supervised-check';
import type { Stop } from '../../src/core/guard/types';

const DUMP = [
  'CREATE TABLE public.before_it (x integer);',
  "SELECT length(array_agg(x)::text) FROM (SELECT repeat(md5(g::text), 400000) AS x FROM generate_series(1, 120) AS g) AS s;",
  'CREATE TABLE public.after_it (x integer);',
  '',
].join('\n');

describe('memory blow-up', () => {
  it('is a located error; the rest of the dump loads', async () => {
    const stops: Stop[] = [];
    const [r] = await checkSupervised(
      {
        canonical: { name: 'canonical.sql', sql: 'CREATE TABLE public.before_it (x integer);\nCREATE TABLE public.after_it (x integer);\n' },
        spec: null, dumps: [{ name: 'memory.sql', sql: DUMP }], phase: 'all', smoke: [], seeds: null, behaviour: false, withData: false, toolVersion: 'test',
      },
      { budgetMs: 120_000, template: null, memoryLimitMb: 1200, onStop: (s) => stops.push(s) },
    );
    const errors = r.load.dump.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2 });
    expect(errors[0].message).toMatch(/out of memory|memory limit|temp_file_limit/i);
    // Both tables loaded: nothing missing, the verdict says the input was not fully used.
    expect(r.divergences).toEqual([]);
    expect([r.verdict, r.exit_code]).toEqual(['INCOMPLETE', 3]);
    // At 1.2 GB it is the watchdog's limit that ends it (measured: ~1.22 GB resident at the kill).
    expect(stops).toEqual([expect.objectContaining({ source: 'memory.sql', line: 2, reason: 'crash', message: expect.stringMatching(/out of memory: the engine used \d+ MB, over its limit of 1200 MB/) })]);
  }, 600_000);
});
