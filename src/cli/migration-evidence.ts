/**
 * `check --lint-report FILE --reversibility-report FILE`: the JSON the `lint` and
 * `reversibility` subcommands wrote, read back as gate evidence (src/core/gates/migrations.ts).
 * CI runs the three commands and the gates see all of it.
 */
import { InputError } from '../core/errors';
import { migrationEvidence, type MigrationEvidence } from '../core/gates';
import type { LintReport } from '../core/lint/report';
import type { ReversibilityReport } from '../core/reversibility/types';
import { displayPath, readText } from './files';

function json<T>(path: string, expected: (v: unknown) => boolean, what: string): T {
  let v: unknown;
  try {
    v = JSON.parse(readText(path));
  } catch (err) {
    throw new InputError(`not JSON: ${(err as Error).message}`, { source: displayPath(path), line: 1, column: 1 }, { cause: err });
  }
  if (!expected(v)) throw new InputError(`not a ${what} report (expected the JSON output of skeldir-schema ${what})`, { source: displayPath(path), line: 1, column: 1 });
  return v as T;
}

export function readMigrationEvidence(lintPath: string | null, revPath: string | null): MigrationEvidence | null {
  if (!lintPath && !revPath) return null;
  const lint = lintPath ? json<LintReport>(lintPath, (v) => (v as LintReport)?.tool?.name === 'skeldir-schema lint', 'lint') : null;
  const rev = revPath ? json<ReversibilityReport>(revPath, (v) => (v as ReversibilityReport)?.tool?.name === 'skeldir-schema reversibility', 'reversibility') : null;
  return migrationEvidence(lint, rev);
}
