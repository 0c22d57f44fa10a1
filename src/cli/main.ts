/**
 * `skeldir-schema`: the engine's Node CLI for CI. Files, hashing of file bytes and process
 * exit codes live here; the check itself is src/core/pipeline.ts, the same code the browser's
 * worker runs.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pgliteFactory } from '../adapters/pglite';
import { InputError } from '../core/errors';
import { checkUsableInput } from '../core/load/load';
import { prepareCanonical, runCheck, type CheckInput, type EngineEnv, type PreparedCanonical } from '../core/pipeline';
import { phaseScope, worstExitCode, type ExitCode } from '../core/gates';
import type { Report } from '../core/report/types';
import { defaultSpec } from '../core/spec/defaults';
import { formatInventory, inventory } from '../core/spec/inventory';
import { parseSpec } from '../core/spec/parse';
import { parseCommand, USAGE, type Command } from './args';
import { bundledSmoke, displayPath, packagePath, packageVersion, readBytes, readText } from './files';
import { render } from './render';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}
const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Exit code for an unexpected failure (a bug, not the input): distinct from 3. */
export const EXIT_INTERNAL = 4;

/**
 * Read a SQL input as bytes and vet it (binary, empty, not SQL → InputError at its location).
 * `allowEmpty`: an empty canonical is a valid empty schema.
 */
function readSql(path: string, allowEmpty = false): { name: string; sql: string } {
  const name = displayPath(path);
  return { name, sql: checkUsableInput(readBytes(path), name, { allowEmpty }) };
}

/**
 * The overlay: --spec, else the bundled one — but only beside the bundled canonical. Another
 * canonical without --spec is compared with no overlay (Skeldir's tags, phases and smoke tests
 * say nothing about someone else's schema).
 */
function specSource(cmd: { spec: string | null | false; canonical?: string | null }): { name: string; yaml: string } | null {
  if (cmd.spec === false) return null;
  if (cmd.spec === null && cmd.canonical) return null;
  const path = cmd.spec ?? packagePath('schema', 'canonical_schema.yaml');
  return { name: displayPath(path), yaml: readText(path) };
}

/** Prints each stage once, as it starts (progress counts are for the app's progress bar). */
function stageLogger(io: Io): (stage: string) => void {
  let last = '';
  return (stage) => {
    if (stage !== last && stage !== 'done') io.stderr(`  … ${stage}\n`);
    last = stage;
  };
}

/**
 * The initialised data directory the CLI build ships beside its bundle (vite.cli.config.ts);
 * null when running unbundled (vitest), so the factory runs initdb instead.
 */
async function bundledTemplate(): Promise<Blob | null> {
  const url = new URL('./pgdata.bin', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const bytes = await readFile(url).catch(() => null);
  return bytes ? new Blob([bytes]) : null;
}

async function check(cmd: Extract<Command, { kind: 'check' }>, io: Io): Promise<number> {
  const canonical = cmd.canonical ? readSql(cmd.canonical, true) : readSql(packagePath('schema', 'canonical_schema.sql'));
  const spec = specSource(cmd);
  // Validate the overlay and the phase before any database work: bad input fails fast.
  phaseScope(spec ? parseSpec(spec.yaml, spec.name) : defaultSpec(), cmd.phase);
  const dumps = cmd.dumps.map((path) => readSql(path));
  // The bundled smoke tests and seeds belong to the bundled canonical + overlay; others bring none.
  const bundled = cmd.spec === null && cmd.canonical === null;
  const smoke = bundled ? bundledSmoke() : [];
  const seedsPath = cmd.seeds ?? (bundled ? packagePath('schema', 'seeds', 'skeldir.yaml') : null);
  const seeds = seedsPath && (cmd.seeds || existsSync(seedsPath)) ? { name: displayPath(seedsPath), yaml: readText(seedsPath) } : null;
  const env: EngineEnv = {
    factory: pgliteFactory({ template: bundledTemplate }),
    now: () => new Date(),
    toolVersion: packageVersion(),
    onProgress: cmd.quiet ? undefined : stageLogger(io),
  };
  let prepared: PreparedCanonical | undefined;
  const reports: Report[] = [];
  const codes: Report['exit_code'][] = [];
  try {
    for (const dump of dumps) {
      const input: CheckInput = { canonical, spec, dump, phase: cmd.phase, smoke, seeds, behaviour: cmd.behaviour };
      if (!cmd.quiet) io.stderr(`${dump.name}: checking against ${canonical.name}${spec ? ` + ${spec.name}` : ' (no overlay)'}, phase ${cmd.phase}\n`);
      prepared ??= await prepareCanonical(canonical, env);
      const result = await runCheck(input, env, { canonical: prepared });
      await result.dumpDb.close();
      const r = result.report;
      reports.push(r);
      codes.push(r.exit_code);
      if (!cmd.quiet) {
        const s = r.summary;
        io.stderr(`${dump.name}: ${r.verdict} (exit ${r.exit_code}): ${s.blocking} BLOCKING, ${s.high} HIGH, ${s.medium} MEDIUM, ${s.low} LOW; ` +
          `${r.load.dump.errors.length} load errors; ${Object.values(r.phases).map((g) => g.status).join('/') || 'no phases'}\n`);
        if (r.incomplete) {
          const i = r.incomplete;
          io.stderr(`${i.source}:${i.line}:${i.column}: ${i.input} could not be fully used (${i.errors} load error${i.errors === 1 ? '' : 's'}, first: ${i.sqlstate} ${i.message}); the divergences above are partial\n`);
        }
      }
    }
  } finally {
    await prepared?.db.close();
  }
  const text = render(reports, cmd.format);
  if (cmd.output) {
    try {
      writeFileSync(cmd.output, text);
    } catch (err) {
      throw new InputError(`cannot write output: ${(err as Error).message}`, { source: cmd.output }, { cause: err });
    }
  } else io.stdout(text);
  // 3 (an input could not be fully used) outranks every verdict reached on what did load.
  return codes.includes(3) ? 3 : worstExitCode(codes.filter((c): c is ExitCode => c !== 3));
}

function inventoryCommand(cmd: Extract<Command, { kind: 'inventory' }>, io: Io): number {
  const src = specSource({ spec: cmd.spec }) ?? { name: 'default', yaml: '' };
  const spec = src.yaml ? parseSpec(src.yaml, src.name) : defaultSpec();
  io.stdout(formatInventory(inventory(spec, cmd.phase), spec));
  return 0;
}

/** Runs the CLI; returns the process exit code (never throws). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout(USAGE);
        return 0;
      case 'version':
        io.stdout(`skeldir-schema ${packageVersion()}\n`);
        return 0;
      case 'inventory':
        return inventoryCommand(cmd, io);
      case 'check':
        return await check(cmd, io);
    }
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`${err.toString().split('\n')[0]}\n`);
      return 3;
    }
    const e = err as Error;
    io.stderr(`skeldir-schema: internal error: ${(e?.message ?? String(err)).split('\n')[0]}\n`);
    if (process.env.SKELDIR_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
