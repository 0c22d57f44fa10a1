/**
 * Command-line arguments → a typed command. Bad arguments are an InputError (`--phase: …`),
 * which the CLI prints on one line with exit code 3.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';

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
    }
  | { kind: 'inventory'; spec: string | null; phase: string };

export const USAGE = `Usage:
  skeldir-schema check --dump FILE [--dump FILE2 …] [--canonical SQL] [--spec YAML | --no-spec]
                       [--phase ID|all] [--format json|md|sarif|junit|gate-status] [--output FILE]
                       [--seeds YAML] [--no-behaviour] [--quiet]
  skeldir-schema inventory [--spec YAML] --phase ID
  skeldir-schema --help | --version

Checks a pg_dump (plain SQL) against the canonical schema (default: schema/canonical_schema.sql
with schema/canonical_schema.yaml and the smoke tests in schema/smoke/), runs the RLS isolation
suite (seed overrides: schema/seeds/skeldir.yaml, or --seeds) and smoke tests, and decides
the phase gates.

With --canonical and no --spec, the comparison runs with no overlay (severities by what changed;
no smoke tests, no seeds). An empty --canonical is an empty schema.

Exit codes: 0 pass · 1 a BLOCKING divergence or a failed/inconclusive RLS or smoke test in scope ·
2 HIGH divergences only · 3 input that cannot be used, or not fully (a statement failed to load;
file:line:col on stderr, verdict INCOMPLETE) · 4 internal error. Several --dump: one report each (json: an array; sarif: one run per dump;
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
  if (sub !== 'check' && sub !== 'inventory') fail(`unknown command '${sub}' (expected check, inventory, --help, --version)`);
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
        help: { type: 'boolean', short: 'h' },
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
    for (const k of ['dump', 'canonical', 'format', 'output', 'no-behaviour', 'no-spec', 'seeds'] as const) if (v[k] !== undefined) fail(`--${k} does not apply to inventory`);
    return { kind: 'inventory', spec: v.spec ?? null, phase: v.phase };
  }
  if (!v.dump || v.dump.length === 0) fail('check needs --dump FILE');
  const format = (v.format ?? 'json') as Format;
  if (!FORMATS.includes(format)) fail(`unknown --format '${v.format}' (expected ${FORMATS.join(', ')})`);
  return {
    kind: 'check', dumps: v.dump, canonical: v.canonical ?? null, spec: v['no-spec'] ? false : (v.spec ?? null),
    phase: v.phase ?? 'all', format, output: v.output ?? null, behaviour: v['no-behaviour'] ? false : undefined, seeds: v.seeds ?? null, quiet: v.quiet ?? false,
  };
}
