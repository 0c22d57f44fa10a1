/**
 * Build-time only (runs in Node through Vite's module runner, like prepare-canonical.ts): loads
 * the bundled default sample dump into PGlite with the very loader and options a check in the
 * page uses (no COPY data), and keeps its data directory and load summary. A cold first visit
 * then starts that database instead of loading the dump statement by statement; everything
 * after the load — introspection, compare, RLS, smoke, gates — still runs in the page
 * (core/pipeline.ts `PreloadedDump`, used only for exactly this name and sha256).
 */
import type { PGlite } from '@electric-sql/pglite';
import { loadScript } from '../../../core/load/load';
import { dumpInput, sha256Hex } from '../../../core/pipeline';
import type { LoadSummary } from '../../../core/report/types';
import { pgliteFactory } from '../../pglite';

export interface PrebuiltSampleMeta {
  /** The dump's name as a first visit names it (boot.ts), e.g. `legacy_head.sql`. */
  name: string;
  sha256: string;
  summary: LoadSummary;
  /** Extensions the database was started with (registered again to open it). */
  extensions: string[];
}

export async function buildPreparedSample(name: string, sql: string): Promise<{ dataDir: Uint8Array<ArrayBuffer>; meta: PrebuiltSampleMeta }> {
  let made: { pg: PGlite; extensions: string[] } | null = null;
  const factory = pgliteFactory({ onStart: (pg, extensions) => { made = { pg, extensions: [...extensions] }; } });
  const { sha256 } = await sha256Hex(sql);
  // As runCheck loads a dump: same source name, same input id, COPY data skipped.
  const { db, summary } = await loadScript(factory, sql, { source: name, input: dumpInput(sha256), copyData: 'skip' });
  const started = made as { pg: PGlite; extensions: string[] } | null;
  if (!started) throw new Error('loadScript created no database');
  try {
    const blob = await started.pg.dumpDataDir('gzip');
    return { dataDir: new Uint8Array(await blob.arrayBuffer()), meta: { name, sha256, summary, extensions: started.extensions } };
  } finally {
    await db.close();
  }
}
