/**
 * `skeldir-schema lint FILE… [--spec YAML | --no-spec] [--format json|sarif|md] [--output FILE]`:
 * DDL lint of migrations (plain SQL, Alembic offline SQL, Alembic Python revisions) with
 * PostgreSQL's own parser. Exit 0: no unwaived error finding; 1: at least one; 3: unusable input.
 */
import { parseArgs } from 'node:util';
import { loadSqlParser } from '../adapters/pg-parser';
import { InputError } from '../core/errors';
import { lintText } from '../core/lint';
import { lintReport, lintToJson, lintToMarkdown, lintToSarif } from '../core/lint/report';
import { parseSpec } from '../core/spec/parse';
import { displayPath, packagePath, packageVersion, readBytes, readText } from './files';
import { writeOutput } from './output';



const FORMATS = { json: lintToJson, sarif: lintToSarif, md: lintToMarkdown } as const;

/** A migration file as text: UTF-8, no NUL bytes, not empty; else an InputError at its place. */
export function readMigration(path: string): { name: string; text: string } {
  const name = displayPath(path);
  const bytes = readBytes(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (cause) {
    throw new InputError('not UTF-8 text; is this a binary file?', { source: name, line: 1, column: 1 }, { cause });
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const line = text.slice(0, nul).split('\n').length;
    throw new InputError('binary data (NUL byte) in the input; expected a SQL migration or an Alembic revision', { source: name, line, column: nul - text.lastIndexOf('\n', nul - 1) });
  }
  if (text.trim() === '') throw new InputError('input is empty', { source: name, line: 1, column: 1 });
  return { name, text };
}

export async function lintCommand(argv: string[], io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: true,
      options: { spec: { type: 'string' }, 'no-spec': { type: 'boolean' }, format: { type: 'string' }, output: { type: 'string', short: 'o' }, role: { type: 'string' } },
    });
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0], { source: 'skeldir-schema lint' });
  }
  const v = parsed.values;
  const format = (v.format ?? 'json') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new InputError(`unknown --format '${v.format}' (expected json, sarif, md)`, { source: 'skeldir-schema lint' });
  if (v.role !== undefined && v.role !== 'up' && v.role !== 'down') throw new InputError(`unknown --role '${v.role}' (expected up, down)`, { source: 'skeldir-schema lint' });
  if (v.spec !== undefined && v['no-spec']) throw new InputError('--spec and --no-spec exclude each other', { source: 'skeldir-schema lint' });
  if (parsed.positionals.length === 0) throw new InputError('lint needs at least one FILE', { source: 'skeldir-schema lint' });
  // Default overlay: the bundled Skeldir one (its lint severities and tenancy), as `check` does.
  const specPath = v['no-spec'] ? null : (v.spec ?? packagePath('schema', 'canonical_schema.yaml'));
  const spec = specPath ? parseSpec(readText(specPath), displayPath(specPath)) : null;
  const files = parsed.positionals.map(readMigration);
  const parser = await loadSqlParser();
  const results = files.map((f) => lintText(f.text, { file: f.name, parser, spec, role: (v.role as 'up' | 'down' | undefined) ?? 'up' }));
  const report = lintReport(results, packageVersion());
  writeOutput(FORMATS[format](report), v.output ?? null, io);
  const s = report.summary;
  io.stderr(`lint: ${s.errors} error(s), ${s.warnings} warning(s), ${s.waived} waived in ${files.length} file(s) (exit ${report.exit_code})\n`);
  return report.exit_code;
}
