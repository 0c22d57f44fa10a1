/**
 * `skeldir-schema`: the engine's Node CLI for CI. Files, hashing of file bytes and process
 * exit codes live here; the check itself is src/core/pipeline.ts, the same code the browser's
 * worker runs.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { serveEngine } from '../adapters/node/engine-child';
import { checkSupervised, startEngineEarly } from '../adapters/node/supervised-check';
import type { EngineUsage } from '../adapters/node/engine-protocol';
import { InputError } from '../core/errors';
import { checkUsableInput } from '../core/load/load';
import { phaseScope, worstExitCode, type ExitCode } from '../core/gates';
import type { Report } from '../core/report/types';
import { stopWhere } from '../core/guard/types';
import { defaultSpec } from '../core/spec/defaults';
import { formatInventory, inventory } from '../core/spec/inventory';
import { parseSpec } from '../core/spec/parse';
import { parseCommand, USAGE, type Command } from './args';
import { bundledSmoke, checkWritable, displayPath, packagePath, packageVersion, readBytesCapped, readText } from './files';
import { render } from './render';
import { fixCommand } from './fix';
import { lintCommand } from './lint';
import { reversibilityCommand } from './reversibility';
import { bundledCanonical, bundledTemplate } from './template';
import { DEFAULT_MAX_INPUT_BYTES } from '../core/load/input';
import { readMigrationEvidence } from './migration-evidence';
import { applyDecisions, readDecisions } from './decisions';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resource use of each engine child process (the benchmark measures the engine there). */
  engineUsage?(usage: EngineUsage): void;
}
const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Exit code for an unexpected failure (a bug, not the input): distinct from 3. */
export const EXIT_INTERNAL = 4;

/**
 * Read a SQL input as bytes, no more than the cap, and vet it (too large, binary, empty, not SQL →
 * InputError at its location). `allowEmpty`: an empty canonical is a valid empty schema.
 */
/** readSqlCapped with the default input cap (the fix subcommand). */
export function readSql(path: string, allowEmpty = false): { name: string; sql: string } {
  return readSqlCapped(path, DEFAULT_MAX_INPUT_BYTES, allowEmpty);
}

function readSqlCapped(path: string, maxBytes: number, allowEmpty = false): { name: string; sql: string } {
  const name = displayPath(path);
  return { name, sql: checkUsableInput(readBytesCapped(path, maxBytes, name), name, { maxBytes, allowEmpty }) };
}

/**
 * The overlay: --spec, else the bundled one — but only beside the bundled canonical. Another
 * canonical without --spec is compared with no overlay (Skeldir's tags, phases and smoke tests
 * say nothing about someone else's schema).
 */
export function specSource(cmd: { spec: string | null | false; canonical?: string | null }): { name: string; yaml: string } | null {
  if (cmd.spec === false) return null;
  if (cmd.spec === null && cmd.canonical) return null;
  const path = cmd.spec ?? packagePath('schema', 'canonical_schema.yaml');
  return { name: displayPath(path), yaml: readText(path) };
}

/** Prints each stage once, as it starts (progress counts are for the app's progress bar). */
export function stageLogger(io: Io): (stage: string) => void {
  let last = '';
  return (stage) => {
    if (stage !== last && stage !== 'done') io.stderr(`  … ${stage}\n`);
    last = stage;
  };
}

async function check(cmd: Extract<Command, { kind: 'check' }>, io: Io): Promise<number> {
  // The engine process starts now, loading PostgreSQL while the inputs are read and validated.
  const engine = startEngineEarly();
  try {
    return await checkStarted(cmd, io);
  } finally {
    engine.release();
  }
}

async function checkStarted(cmd: Extract<Command, { kind: 'check' }>, io: Io): Promise<number> {
  if (cmd.output) checkWritable(cmd.output);
  const readSql = (path: string, allowEmpty = false) => readSqlCapped(path, cmd.maxInputBytes, allowEmpty);
  const canonical = cmd.canonical ? readSql(cmd.canonical, true) : readSql(packagePath('schema', 'canonical_schema.sql'));
  const spec = specSource(cmd);
  // Validate the overlay, the phase and the decisions before any database work: bad input fails fast.
  const parsedSpec = spec ? parseSpec(spec.yaml, spec.name) : defaultSpec();
  phaseScope(parsedSpec, cmd.phase);
  const decisions = cmd.decisions ? readDecisions(cmd.decisions) : null;
  const dumps = cmd.dumps.map((path) => readSql(path));
  const migrations = readMigrationEvidence(cmd.lintReport ?? null, cmd.reversibilityReport ?? null);
  // The bundled smoke tests and seeds belong to the bundled canonical + overlay; others bring none.
  const bundled = cmd.spec === null && cmd.canonical === null;
  const smoke = bundled ? bundledSmoke() : [];
  // Seed overrides describe the canonical's tables: the bundled ones go with the bundled canonical,
  // with or without its overlay (--no-spec still runs the RLS oracle on it).
  const seedsPath = cmd.seeds ?? (cmd.canonical === null ? packagePath('schema', 'seeds', 'skeldir.yaml') : null);
  const seeds = seedsPath && (cmd.seeds || existsSync(seedsPath)) ? { name: displayPath(seedsPath), yaml: readText(seedsPath) } : null;
  const log = cmd.quiet ? undefined : stageLogger(io);
  for (const dump of dumps) {
    if (!cmd.quiet) io.stderr(`${dump.name}: checking against ${canonical.name}${spec ? ` + ${spec.name}` : ' (no overlay)'}, phase ${cmd.phase}\n`);
  }
  // The engine runs in a child process under the watchdog: a statement past the budget, or one
  // that crashes PGlite, is stopped and reported at its line, and the check goes on.
  const checked = await checkSupervised(
    { canonical, spec, dumps, phase: cmd.phase, smoke, seeds, behaviour: cmd.behaviour, withData: cmd.withData, toolVersion: packageVersion(), migrations },
    {
      budgetMs: cmd.statementTimeoutMs,
      // The engine process reads the shipped data directories itself (engine-child.ts Bundled).
      template: null,
      onProgress: log,
      onUsage: io.engineUsage,
      onStop: (stop) => io.stderr(`${stopWhere(stop)}: ${stop.batch ? `statements ${stop.line}–${stop.endLine} ran past the budget; running them one at a time` : stop.message}\n`),
    },
  );
  // The reviewer's drift decisions, applied as the browser applies them (same verdict and exit code).
  const reports = decisions ? applyDecisions(checked, parsedSpec, decisions, migrations) : checked;
  if (decisions && !cmd.quiet) {
    const waived = reports.reduce((n, r) => n + r.divergences.filter((d) => d.decision).length, 0);
    io.stderr(`${displayPath(cmd.decisions!)}: ${Object.keys(decisions.decisions).length} decision(s); ${waived} drift(s) no longer blocking\n`);
  }
  const codes: (ExitCode | 3)[] = reports.map((r) => r.exit_code);
  if (!cmd.quiet) {
    for (const r of reports) {
      const s = r.summary;
      const name = r.inputs.find((i) => i.role === 'dump')?.name ?? 'dump';
      io.stderr(`${name}: ${r.verdict} (exit ${r.exit_code}): ${s.blocking} BLOCKING, ${s.high} HIGH, ${s.medium} MEDIUM, ${s.low} LOW; ` +
        `${r.load.dump.errors.length} load errors; ${Object.values(r.phases).map((g) => g.status).join('/') || 'no phases'}\n`);
      if (r.incomplete) {
        const i = r.incomplete;
        io.stderr(`${i.source}:${i.line}:${i.column}: ${i.input} could not be fully used (${i.errors} load error${i.errors === 1 ? '' : 's'}, first: ${i.sqlstate} ${i.message}); the divergences above are partial\n`);
      }
    }
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

// The built CLI forks its own bundle as the engine child (adapters/node/supervised-check.ts).
if (process.env.SKELDIR_ENGINE_CHILD === '1' && process.send) {
  delete process.env.SKELDIR_ENGINE_CHILD;
  serveEngine({ template: bundledTemplate, canonical: bundledCanonical });
}

/** Runs the CLI; returns the process exit code (never throws). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    if (argv[0] === 'lint') return await lintCommand(argv.slice(1), io);
    if (argv[0] === 'reversibility') return await reversibilityCommand(argv.slice(1), io);
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
      case 'fix':
        return await fixCommand(cmd.argv, io);
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
