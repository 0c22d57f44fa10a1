/**
 * The PostgreSQL settings every engine database starts with (PGlite `startParams`; the data
 * directory's postgresql.conf keeps initdb's defaults and these override them).
 *
 * shared_buffers: PostgreSQL's default, 128 MB, is allocated and zero-filled inside the WASM heap
 * of every PGlite instance, so it is resident memory whether used or not (measured: ~64 MB more
 * RSS per instance than 16 MB). The engine's databases hold a schema and a few synthesised rows
 * per table. Every page a buffer holds also has its copy in the in-memory file system, so a
 * buffer is paid twice; a page evicted is a copy in memory, not a disk read. 16 MB instead of
 * 32 MB: peak RSS after loading a 400-table schema 288 MB instead of 304 MB, the same CPU time
 * (measured in Node, load average ~17). Plans do not depend on it (the planner reads
 * effective_cache_size, left at its default).
 * work_mem and the planner's cost settings are left alone: they choose plans (the smoke tests'
 * `uses_index` reads EXPLAIN), and a plan must be the one PostgreSQL would pick.
 *
 * temp_file_limit: PGlite's "disk" is an in-memory file system in the host's JavaScript memory,
 * outside both the WASM heap (capped at 2 GB per instance by PGlite) and V8's heap limit. A sort
 * or hash that spills — `SELECT … ORDER BY` over a few GB of generated rows — grew the engine to
 * 3.7 GB RSS in 163 s (measured, load average ~15). With a limit PostgreSQL fails that one
 * statement with 53400 ("temporary file size exceeds temp_file_limit"), a located load error,
 * and the check goes on. 512 MB is far above what loading a schema (or --with-data index builds
 * of a large dump) spills.
 *
 * INITDB_PARAMS, `--wal-segsize=1`: the data directory lives in that in-memory file system, and
 * initdb's default 16 MB WAL segment is a 16 MB file of zeros in every instance (and in the tar a
 * start unpacks, so twice during the start). With 1 MB segments the empty data directory is 31 MB
 * instead of 46 MB, and one instance after loading the canonical peaked at 306 MB RSS instead of
 * 367 MB (measured in Node, PGlite 0.5.17). WAL is never read back except by
 * crash recovery, so the segment size changes nothing a check sees; initdb then sets
 * min_wal_size 5 MB / max_wal_size 64 MB (lower max_wal_size measured no gain at 400 tables).
 */
import { PGlite } from '@electric-sql/pglite';

export const INITDB_PARAMS: readonly string[] = ['--wal-segsize=1'];

export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'temp_file_limit=512MB'];
