/**
 * `skeldir-schema reversibility --base SQL (--up FILE --down FILE | --revision FILE.py)
 *  [--spec YAML | --no-spec] [--format json|md] [--output FILE]`: upgrade → downgrade → upgrade
 * on PGlite (src/core/reversibility). Exit 0 faithful; 1 a residual object, a lost behaviour, a
 * failed step or an inconclusive probe; 3 unusable input.
 */
import { parseArgs } from 'node:util';
import { pgliteFactory } from '../adapters/pglite';
import { InputError } from '../core/errors';
import { checkUsableInput } from '../core/load/load';
import { runReversibility } from '../core/reversibility/cycle';
import { reversibilityToJson, reversibilityToMarkdown } from '../core/reversibility/report';
import { parseSpec } from '../core/spec/parse';
import { displayPath, packagePath, packageVersion, readBytes, readText } from './files';
import { readMigration } from './lint';
import { writeOutput } from './output';
import { bundledTemplate } from './template';

const FORMATS = { json: reversibilityToJson, md: reversibilityToMarkdown } as const;
const fail = (message: string): never => {
  throw new InputError(message, { source: 'skeldir-schema reversibility' });
};

export async function reversibilityCommand(argv: string[], io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        base: { type: 'string' }, up: { type: 'string' }, down: { type: 'string' }, revision: { type: 'string' },
        spec: { type: 'string' }, 'no-spec': { type: 'boolean' }, format: { type: 'string' }, output: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' },
      },
    });
  } catch (err) {
    return fail((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  const format = (v.format ?? 'json') as keyof typeof FORMATS;
  if (!(format in FORMATS)) fail(`unknown --format '${v.format}' (expected json, md)`);
  if (!v.base) fail('reversibility needs --base SQL (the canonical or a dump)');
  if (v.revision && (v.up || v.down)) fail('--revision replaces --up and --down');
  if (!v.revision && !(v.up && v.down)) fail('reversibility needs --up FILE and --down FILE (or --revision FILE.py)');
  if (v.spec !== undefined && v['no-spec']) fail('--spec and --no-spec exclude each other');
  const specPath = v['no-spec'] ? null : (v.spec ?? packagePath('schema', 'canonical_schema.yaml'));
  const spec = specPath ? parseSpec(readText(specPath), displayPath(specPath)) : null;
  const baseName = displayPath(v.base!);
  const base = { name: baseName, sql: checkUsableInput(readBytes(v.base!), baseName) };
  const up = readMigration(v.revision ?? v.up!);
  const down = readMigration(v.revision ?? v.down!);
  const report = await runReversibility(
    { base, up: { name: up.name, text: up.text }, down: { name: down.name, text: down.text }, spec },
    { factory: pgliteFactory({ template: bundledTemplate }), toolVersion: packageVersion(), onProgress: v.quiet ? undefined : (s) => io.stderr(`  … ${s}\n`) },
  );
  writeOutput(FORMATS[format](report), v.output ?? null, io);
  io.stderr(`reversibility: ${report.verdict.toUpperCase()} (exit ${report.exit_code})${report.reasons.length ? `\n${report.reasons.map((r) => `  - ${r}`).join('\n')}` : ''}\n`);
  return report.exit_code;
}
