/**
 * The PostgreSQL settings every engine database starts with (PGlite `startParams`; the data
 * directory's postgresql.conf keeps initdb's defaults and these override them).
 *
 * shared_buffers: PostgreSQL's default, 128 MB, is allocated and zero-filled inside the WASM heap
 * of every PGlite instance, so it is resident memory whether used or not (measured: ~64 MB more
 * RSS per instance than 16 MB). The engine's databases hold a schema and a few synthesised rows
 * per table; 32 MB keeps a 1000-table catalog and its indexes in memory with room to spare.
 * work_mem and the planner's cost settings are left alone: they choose plans (the smoke tests'
 * `uses_index` reads EXPLAIN), and a plan must be the one PostgreSQL would pick.
 */
import { PGlite } from '@electric-sql/pglite';

export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
