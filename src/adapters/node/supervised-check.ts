/**
 * The CLI's checks under the watchdog (core/guard/supervise.ts): each attempt is a child process
 * (engine-child.ts) given the dumps that have no report yet and every statement stopped so far.
 * Reports arrive one by one, so a restart redoes only the dump it happened in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors';
import { supervise, type EngineAttempt } from '../../core/guard/supervise';
import type { Activity, Stop } from '../../core/guard/types';
import type { Report } from '../../core/report/types';
import { EXIT_ENGINE_POISONED, type CanonicalSnapshot, type EngineJob, type EngineUsage, type FromEngine } from './engine-protocol';

/** Heap of the engine process; PostgreSQL's own memory is WASM memory, outside it. */
const ENGINE_HEAP_MB = 3072;

/**
 * Resident memory the engine process may use: every PGlite instance's WASM heap (PGlite caps
 * each at 2 GB, and a check holds several: canonical, dump, scratch copies), their in-memory
 * file systems (tables, temporary files) and V8's heap. The V8 heap limit alone does not see
 * WASM memory or file data, so the watchdog reads the child's RSS (Linux: /proc/<pid>/status;
 * elsewhere only the heap limit and PostgreSQL's own limits apply) and ends it past this, blaming
 * the running statement or probe like a crash.
 */
export const ENGINE_MEMORY_LIMIT_MB = 6144;
const MEMORY_POLL_MS = 200;

/** The child's resident set in MB, or null where it cannot be read. */
function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface SupervisedOptions {
  budgetMs: number;
  /** A PGlite data directory to start from (the CLI bundle ships one); null: the first attempt runs initdb. */
  template: Uint8Array | null;
  onProgress?: (stage: string) => void;
  onStop?: (stop: Stop) => void;
  /** Each engine process's resource use as it ends normally (a killed one cannot say). */
  onUsage?: (usage: EngineUsage) => void;
  /** Resident memory cap of the engine process in MB (default ENGINE_MEMORY_LIMIT_MB; 0: none). */
  memoryLimitMb?: number;
}

/**
 * The engine process's memory settings.
 * --expose-gc: the child collects right after each PGlite start and close (engine-child.ts
 * `collect`), when tens of MB of buffers V8 does not count as heap pressure have just become garbage.
 * MALLOC_MMAP_THRESHOLD_ (glibc; ignored elsewhere): Node allocates ArrayBuffers (PGlite's data
 * directory tar, its unpacked copy, file-system buffers) with malloc. glibc raises its mmap
 * threshold each time such a buffer is freed, so later ones of up to 32 MB come from the heap and
 * stay resident after they are freed. A fixed 128 KB threshold gives them back on free: measured
 * on the bundled sample, engine peak 387 → 356 MB. A user's own setting wins.
 */
const ENGINE_EXEC_ARGV = [`--max-old-space-size=${ENGINE_HEAP_MB}`, '--expose-gc'];
const engineEnv = (extra: Record<string, string>) => ({ MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, ...extra });

/** How to start the engine child: the built bundle forks itself, the sources go through Vite. */
function spawnEngine(): ChildProcess {
  const here = import.meta.url;
  const options = { serialization: 'advanced' as const, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as ('ignore' | 'pipe' | 'ipc')[], execArgv: ENGINE_EXEC_ARGV };
  if (/\.ts$/.test(here)) {
    const register = new URL('./dev-register.mjs', here).href;
    return fork(fileURLToPath(new URL('./engine-child-dev.mjs', here)), [], { ...options, execArgv: [...options.execArgv, '--import', register], env: engineEnv({}) });
  }
  return fork(fileURLToPath(here), [], { ...options, env: engineEnv({ SKELDIR_ENGINE_CHILD: '1' }) });
}

/**
 * An engine process forked before the CLI reads and validates its inputs (startEngineEarly): it
 * loads its modules and starts its first database (engine-child.ts startAhead) meanwhile, on the
 * other core. The first attempt takes it; a restart forks a new one.
 */
let early: ChildProcess | null = null;

/** Forks the engine process now, for the next checkSupervised; `release` ends it if that never came. */
export function startEngineEarly(): { release(): void } {
  early ??= spawnEngine();
  return {
    release() {
      early?.kill('SIGKILL');
      early = null;
    },
  };
}

/** The early engine process if it is still there to talk to, else a new one. */
function takeEngine(): ChildProcess {
  const child = early;
  early = null;
  if (child && child.connected && child.exitCode === null && child.signalCode === null) return child;
  child?.kill('SIGKILL');
  return spawnEngine();
}

/** The data directory an engine child made by initdb: later runs in this process start from it. */
let initdbTemplate: Uint8Array | null = null;

export async function checkSupervised(job: Omit<EngineJob, 'type' | 'stops' | 'template' | 'canonicalSnapshot'>, opts: SupervisedOptions): Promise<Report[]> {
  const reports: Report[] = [];
  let template = opts.template ?? initdbTemplate;
  let canonicalSnapshot: CanonicalSnapshot | null = null;
  const start = (stops: readonly Stop[], onActivity: (a: Activity | null) => void): EngineAttempt<Report[]> => {
    const offset = reports.length;
    const child = takeEngine();
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
    const limitMb = opts.memoryLimitMb ?? ENGINE_MEMORY_LIMIT_MB;
    let overMb: number | null = null;
    const poll = limitMb > 0 ? setInterval(() => {
      const mb = residentMb(child.pid);
      if (mb !== null && mb > limitMb) {
        overMb = mb;
        child.kill('SIGKILL');
      }
    }, MEMORY_POLL_MS) : null;
    const done = new Promise<Report[]>((resolve, reject) => {
      let settled: { ok: true } | { ok: false; err: Error } | null = null;
      child.on('message', (m: FromEngine) => {
        switch (m.type) {
          case 'activity': onActivity(m.activity); break;
          case 'progress': opts.onProgress?.(m.stage); break;
          case 'template': template = initdbTemplate = m.bytes; break;
          case 'canonical': canonicalSnapshot = m.snapshot; break;
          case 'report': reports[offset + m.index] = m.report; break;
          case 'input-error': settled = { ok: false, err: new InputError(m.message, m.location) }; break;
          case 'failed': settled = { ok: false, err: Object.assign(new Error(m.message), { stack: m.stack, engineFailed: true }) }; break;
          case 'done': settled = { ok: true }; break;
          case 'usage': opts.onUsage?.(m.usage); break;
          case 'done-sending': break;
        }
      });
      // 'close', not 'exit': every IPC message has been delivered by then.
      child.on('close', (code, signal) => {
        if (poll) clearInterval(poll);
        if (overMb !== null) reject(new Error(`out of memory: the engine used ${Math.round(overMb)} MB, over its limit of ${limitMb} MB`));
        else if (settled?.ok) resolve(reports);
        else if (settled) reject(settled.err);
        else reject(Object.assign(new Error(exitReason(code, signal, stderr)), code === EXIT_ENGINE_POISONED ? { stopReason: 'stack' } : {}));
      });
      child.on('error', (err) => reject(err));
    });
    child.send({ ...job, type: 'job', dumps: job.dumps.slice(offset), stops: [...stops], template, canonicalSnapshot } satisfies EngineJob);
    return { done, kill: () => void child.kill('SIGKILL') };
  };
  return supervise(start, { budgetMs: opts.budgetMs, onStop: opts.onStop });
}

/** Why the engine process ended, in words: out of memory, V8 fatal error, signal. */
function exitReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return 'out of memory';
  if (/RangeError: WebAssembly|RuntimeError|unreachable|memory access out of bounds/.test(stderr)) return 'WebAssembly trap';
  if (/Fatal JavaScript|Fatal error/.test(stderr)) return 'V8 fatal error';
  if (code === EXIT_ENGINE_POISONED) return 'PostgreSQL overflowed its stack (runaway recursion)';
  if (signal) return `ended by ${signal}`;
  return `exit code ${code}`;
}
