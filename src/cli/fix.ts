/**
 * `skeldir-schema fix`: writes the SQL that turns the dump's schema into the canonical one,
 * proven first (src/core/fix/run.ts: the script applied to a copy of the dump in PGlite and the
 * whole check run again). Exit 0 verified · 1 something remains (listed on stderr) or the proof
 * could not run · 3 unusable input · 4 internal error.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pgliteFactory } from '../adapters/pglite';
import { InputError } from '../core/errors';
import { fixTextByDivergence, renderAlembic, runFix, type FixRun } from '../core/fix';
import { toSarif } from '../core/report';
import { phaseScope } from '../core/gates';
import type { EngineEnv } from '../core/pipeline';
import { defaultSpec } from '../core/spec/defaults';
import { parseSpec } from '../core/spec/parse';
import { bundledSmoke, displayPath, packagePath, packageVersion, readText } from './files';
import { readSql, specSource, stageLogger, type Io } from './main';
import { bundledTemplate } from './template';

export const FIX_USAGE = `Usage:
  skeldir-schema fix --dump FILE [--canonical SQL] [--spec YAML | --no-spec] [--output fix.sql]
                     [--down down.sql] [--alembic revision.py] [--sarif report.sarif] [--format sql|json]
                     [--lock-timeout 5s] [--statement-timeout 15min] [--quiet]

Writes the corrective migration (SQL, or JSON with the plan, hazards and verification) from the
dump to the canonical schema, after proving it: the script is applied to a copy of the dump in
PGlite and the whole check (structure, RLS, smoke) runs again. --down also writes the reverse
script (proven to bring the fixed schema back to the dump); --alembic an Alembic revision with
upgrade() and downgrade(); --sarif the check's SARIF with each result's fix (SARIF \`fixes\`) and
rule docs links. Destructive statements carry "-- CI:DESTRUCTIVE_OK: <reason>" for a
reviewer to sign.

Exit codes: 0 verified · 1 a residual remains (listed on stderr) or the proof could not run ·
3 input that cannot be used · 4 internal error.
`;

interface FixCommand {
  dump: string;
  canonical: string | null;
  spec: string | null | false;
  output: string | null;
  down: string | null;
  alembic: string | null;
  sarif: string | null;
  format: 'sql' | 'json';
  lockTimeout: string | undefined;
  statementTimeout: string | undefined;
  quiet: boolean;
}

function fail(message: string): never {
  throw new InputError(message, { source: 'skeldir-schema fix' });
}

const TIMEOUT = /^\d+(\.\d+)?\s*(us|ms|s|min|h|d)?$/;

export function parseFixArgs(argv: string[]): FixCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        dump: { type: 'string' }, canonical: { type: 'string' }, spec: { type: 'string' }, 'no-spec': { type: 'boolean' },
        output: { type: 'string', short: 'o' }, down: { type: 'string' }, alembic: { type: 'string' }, sarif: { type: 'string' }, format: { type: 'string' },
        'lock-timeout': { type: 'string' }, 'statement-timeout': { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (!v.dump) fail('fix needs --dump FILE');
  if (v.spec !== undefined && v['no-spec']) fail('--spec and --no-spec exclude each other');
  const format = v.format ?? 'sql';
  if (format !== 'sql' && format !== 'json') fail(`unknown --format '${format}' (expected sql, json)`);
  for (const k of ['lock-timeout', 'statement-timeout'] as const) if (v[k] !== undefined && !TIMEOUT.test(v[k])) fail(`--${k}: '${v[k]}' is not a Postgres duration such as 5s or 15min`);
  return {
    dump: v.dump, canonical: v.canonical ?? null, spec: v['no-spec'] ? false : (v.spec ?? null), output: v.output ?? null, down: v.down ?? null,
    alembic: v.alembic ?? null, sarif: v.sarif ?? null, format, lockTimeout: v['lock-timeout'], statementTimeout: v['statement-timeout'], quiet: v.quiet ?? false,
  };
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`cannot write output: ${(err as Error).message}`, { source: path }, { cause: err });
  }
}

/** The run as JSON: plan (statements with hazards), verification, scripts. */
export function fixJson(run: FixRun): string {
  return `${JSON.stringify({
    verification: run.verification, plan: run.plan, script: run.script,
    down: run.down && { verification: run.down.verification, plan: run.down.plan, script: run.down.script },
    divergences_before: run.before.divergences.length, timings: run.timings,
  }, null, 2)}\n`;
}

export async function fixCommand(argv: string[], io: Io): Promise<number> {
  const cmd = parseFixArgs(argv);
  if (cmd === 'help') {
    io.stdout(FIX_USAGE);
    return 0;
  }
  const canonical = cmd.canonical ? readSql(cmd.canonical, true) : readSql(packagePath('schema', 'canonical_schema.sql'));
  const spec = specSource(cmd);
  phaseScope(spec ? parseSpec(spec.yaml, spec.name) : defaultSpec(), 'all');
  const dump = readSql(cmd.dump);
  const smoke = cmd.spec === null ? bundledSmoke() : [];
  const seedsPath = cmd.spec === null ? packagePath('schema', 'seeds', 'skeldir.yaml') : null;
  const seeds = seedsPath && existsSync(seedsPath) ? { name: displayPath(seedsPath), yaml: readText(seedsPath) } : null;
  const env: EngineEnv = {
    factory: pgliteFactory({ template: bundledTemplate }), now: () => new Date(), toolVersion: packageVersion(),
    onProgress: cmd.quiet ? undefined : stageLogger(io),
  };
  if (!cmd.quiet) io.stderr(`${dump.name}: planning the fix towards ${canonical.name}${spec ? ` + ${spec.name}` : ' (no overlay)'}\n`);
  const run = await runFix({ canonical, spec, dump, phase: 'all', smoke, seeds }, env,
    { down: cmd.down !== null || cmd.alembic !== null, lockTimeout: cmd.lockTimeout, statementTimeout: cmd.statementTimeout });

  const text = cmd.format === 'json' ? fixJson(run) : run.script;
  if (cmd.output) write(cmd.output, text);
  else io.stdout(text);
  if (cmd.down && run.down) write(cmd.down, run.down.script);
  if (cmd.alembic) {
    write(cmd.alembic, renderAlembic(run.plan, run.down?.plan ?? null, {
      from: `dump ${dump.name}`, to: `canonical ${canonical.name}`, toolVersion: packageVersion(), verification: run.verification,
      revision: `skeldir_fix_${(run.before.inputs.find((i) => i.role === 'dump')?.sha256 ?? '').slice(0, 12)}`, downRevision: null,
      message: `Corrective migration: ${dump.name} → ${canonical.name}`,
    }));
  }

  if (cmd.sarif) write(cmd.sarif, toSarif(run.before, { fixes: fixTextByDivergence(run.plan), fixFile: cmd.output ? displayPath(cmd.output) : 'fix.sql' }));

  const v = run.verification;
  const destructive = run.plan.statements.filter((s) => s.destructive).length;
  io.stderr(`${dump.name}: ${run.plan.statements.length} statements (${destructive} destructive, waiver unsigned), ${run.plan.unfixed.length} not fixed; ${v.status}: ${v.summary}\n`);
  for (const u of run.plan.unfixed) io.stderr(`  not fixed: ${u.divergence}: ${u.reason}\n`);
  for (const e of v.errors) io.stderr(`  fix.sql:${e.line}: ${e.sqlstate} ${e.message}\n`);
  for (const r of v.residual) io.stderr(`  remains: ${r.severity} ${r.id}: ${r.message}\n`);
  for (const b of v.behaviour) io.stderr(`  ${b}\n`);
  if (run.down) {
    const d = run.down.verification;
    io.stderr(`down: ${run.down.plan.statements.length} statements; ${d.status}: ${d.summary}\n`);
    for (const e of d.errors) io.stderr(`  down.sql:${e.line}: ${e.sqlstate} ${e.message}\n`);
    for (const r of d.residual) io.stderr(`  remains: ${r.id}: ${r.message}\n`);
  }
  const downOk = !run.down || run.down.verification.status === 'verified';
  return v.status === 'verified' && downOk ? 0 : 1;
}
