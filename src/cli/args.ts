/**
 * Command-line arguments → a typed command. Bad arguments are an InputError (`--phase: …`),
 * which the CLI prints on one line with exit code 3.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { DEFAULT_MAX_INPUT_BYTES, parseByteSize } from '../core/load/input';

/** Default statement budget, seconds (`--statement-timeout`). */
export const DEFAULT_STATEMENT_TIMEOUT_S = 10;

export const FORMATS = ['json', 'md', 'sarif', 'junit', 'gate-status'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'check';
      dumps: string[];
      canonical: string | null;
      /** null = default overlay; false = --no-spec (generic comparison). */
      spec: string | null | false;
      phase: string;
      format: Format;
      output: string | null;
      behaviour: boolean | undefined;
      /** RLS seed overrides; null = the bundled ones with the bundled overlay. */
      seeds: string | null;
      quiet: boolean;
      /** Budget per statement and probe, ms; 0 = none. */
      statementTimeoutMs: number;
      maxInputBytes: number;
      /** Load COPY … FROM stdin data (default: skipped). */
      withData: boolean;
      /** JSON outputs of `lint` / `reversibility`, as gate evidence for phases with migration_checks. */
      lintReport?: string | null;
      reversibilityReport?: string | null;
      /** Drift decisions file (the Drift view's "Download decisions"), applied as the browser does. */
      decisions?: string | null;
    }
  | { kind: 'inventory'; spec: string | null; phase: string }
  /** Parsed by src/cli/fix.ts. */
  | { kind: 'fix'; argv: string[] };

export const USAGE = `Usage:
  skeldir-schema check --dump FILE [--dump FILE2 …] [--canonical SQL] [--spec YAML | --no-spec]
                       [--phase ID|all] [--format json|md|sarif|junit|gate-status] [--output FILE]
                       [--seeds YAML] [--no-behaviour] [--quiet]
                       [--statement-timeout SECONDS] [--max-input-size SIZE] [--with-data]
                       [--lint-report JSON] [--reversibility-report JSON] [--decisions FILE]
  skeldir-schema inventory [--spec YAML] --phase ID
  skeldir-schema lint FILE… [--spec YAML | --no-spec] [--role up|down] [--format json|sarif|md] [--output FILE]
  skeldir-schema reversibility --base SQL (--up FILE --down FILE | --revision FILE.py)
                       [--spec YAML | --no-spec] [--format json|md] [--output FILE] [--quiet]
  skeldir-schema fix --dump FILE [--canonical SQL] [--spec YAML | --no-spec] [--output fix.sql] [--down down.sql] [--format sql|json]  (fix --help)
  skeldir-schema --help | --version

Checks a pg_dump (plain SQL) against the canonical schema (default: schema/canonical_schema.sql
with schema/canonical_schema.yaml and the smoke tests in schema/smoke/), runs the RLS isolation
suite (seed overrides: schema/seeds/skeldir.yaml, or --seeds) and smoke tests, and decides
the phase gates.

Untrusted dumps: every statement and probe has a budget (--statement-timeout, default ${DEFAULT_STATEMENT_TIMEOUT_S} s;
0 = none). A statement that runs past it, or crashes the engine, is stopped and reported as a
load error at its line; the rest loads, and the verdict is INCOMPLETE (exit 3). Inputs larger
than --max-input-size (default ${DEFAULT_MAX_INPUT_BYTES / 1e6}MB; e.g. 2GB) are refused. COPY … FROM stdin data is
not loaded unless --with-data (a schema check needs the tables, not their rows). ALTER SYSTEM,
LOAD and pg_reload_conf() are skipped, COPY … PROGRAM and server-side files refused, with a note.

--decisions FILE applies the drift decisions saved from the browser's Drift view ("Download
decisions", YAML or JSON): a drift accepted with an ADR, or resolved with its resolution, no
longer blocks; it stays in the report with the reason. Verdict, exit code and every format then
match what the browser shows for the same inputs and decisions.

With --canonical and no --spec, the comparison runs with no overlay (severities by what changed;
no smoke tests, no seeds). An empty --canonical is an empty schema.

Exit codes: 0 pass · 1 a BLOCKING divergence or a failed/inconclusive RLS or smoke test in scope ·
2 HIGH divergences only · 3 input that cannot be used, or not fully (a statement failed to load;
file:line:col on stderr, verdict INCOMPLETE) · 4 internal error. lint: 0 no error finding (waived
ones do not count) · 1 an error finding · 3 unusable input. reversibility: 0 faithful (down restores
the base, up again the upgrade, every behaviour probe held) · 1 otherwise · 3 unusable input.
Several --dump: one report each (json: an array; sarif: one run per dump;
md, gate-status: documents separated by ---; junit: suites prefixed by the dump name); the exit
code is the worst of them.
`;

function fail(message: string): never {
  throw new InputError(message, { source: 'skeldir-schema' });
}

export function parseCommand(argv: string[]): Command {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return { kind: 'help' };
  if (sub === '--version' || sub === '-v' || sub === 'version') return { kind: 'version' };
  if (sub === 'fix') return { kind: 'fix', argv: rest };
  if (sub !== 'check' && sub !== 'inventory') fail(`unknown command '${sub}' (expected check, inventory, fix, lint, reversibility, --help, --version)`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        dump: { type: 'string', multiple: true },
        canonical: { type: 'string' },
        spec: { type: 'string' },
        'no-spec': { type: 'boolean' },
        phase: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'no-behaviour': { type: 'boolean' },
        seeds: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'statement-timeout': { type: 'string' },
        'max-input-size': { type: 'string' },
        'with-data': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'lint-report': { type: 'string' },
        'reversibility-report': { type: 'string' },
        decisions: { type: 'string' },
      },
    });
  } catch (err) {
    fail((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.spec !== undefined && v['no-spec']) fail('--spec and --no-spec exclude each other');
  if (sub === 'inventory') {
    if (!v.phase) fail('inventory needs --phase ID');
    for (const k of ['dump', 'canonical', 'format', 'output', 'no-behaviour', 'no-spec', 'seeds', 'statement-timeout', 'max-input-size', 'with-data', 'lint-report', 'reversibility-report', 'decisions'] as const) if (v[k] !== undefined) fail(`--${k} does not apply to inventory`);
    return { kind: 'inventory', spec: v.spec ?? null, phase: v.phase };
  }
  if (!v.dump || v.dump.length === 0) fail('check needs --dump FILE');
  const format = (v.format ?? 'json') as Format;
  if (!FORMATS.includes(format)) fail(`unknown --format '${v.format}' (expected ${FORMATS.join(', ')})`);
  const timeout = v['statement-timeout'] === undefined ? DEFAULT_STATEMENT_TIMEOUT_S : Number(v['statement-timeout']);
  if (!Number.isFinite(timeout) || timeout < 0) fail(`--statement-timeout: expected seconds (e.g. 10, 2.5; 0 = no budget), got '${v['statement-timeout']}'`);
  const maxInput = v['max-input-size'] === undefined ? DEFAULT_MAX_INPUT_BYTES : parseByteSize(v['max-input-size']);
  if (maxInput === null || maxInput <= 0) fail(`--max-input-size: expected a size such as 512MB, 2GB or 300k, got '${v['max-input-size']}'`);
  return {
    statementTimeoutMs: Math.round(timeout * 1000), maxInputBytes: maxInput, withData: v['with-data'] ?? false,
    kind: 'check', dumps: v.dump, canonical: v.canonical ?? null, spec: v['no-spec'] ? false : (v.spec ?? null),
    phase: v.phase ?? 'all', format, output: v.output ?? null, behaviour: v['no-behaviour'] ? false : undefined, seeds: v.seeds ?? null, quiet: v.quiet ?? false,
    lintReport: v['lint-report'] ?? null, reversibilityReport: v['reversibility-report'] ?? null, decisions: v.decisions ?? null,
  };
}
