/**
 * Applies a migration (SQL text, or the upgrade()/downgrade() half of an Alembic revision) to an
 * existing database, statement by statement, as psql / Alembic would: the first failing
 * statement stops the step (a migration that fails half-way is not reversible), and its place is
 * reported in the user's file. psql meta-commands are skipped; COPY FROM stdin is refused.
 */
import { pgErrorFields, type Db } from '../db';
import { splitScript } from '../load/split';
import { isPythonRevision, pythonPieces } from '../lint/python';
import { sqlFilePiece, type SqlPiece } from '../lint/source';
import type { Place } from './types';

export interface Migration {
  name: string;
  text: string;
}

/** The pieces of SQL a migration runs for `direction` (Python: that revision function's calls). */
export function migrationPieces(m: Migration, direction: 'upgrade' | 'downgrade'): { pieces: SqlPiece[]; unreadable: (Place & { message: string })[] } {
  if (!isPythonRevision(m.text)) return { pieces: [sqlFilePiece(m.text)], unreadable: [] };
  const { pieces, problems } = pythonPieces(m.text);
  return {
    pieces: pieces.filter((p) => p.revisionFunction === direction),
    // Computed SQL cannot be run from here: the step is then inconclusive, not silently shorter.
    unreadable: problems.map((p) => ({ file: m.name, ...p })),
  };
}

/** UTF-16 index of the n-th (0-based) code point. */
function codePointIndex(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

export interface ApplyOutcome {
  statements: number;
  error: (Place & { message: string; code: string | null }) | null;
}

export async function applyMigration(db: Db, m: Migration, direction: 'upgrade' | 'downgrade', signal?: AbortSignal): Promise<ApplyOutcome> {
  const { pieces, unreadable } = migrationPieces(m, direction);
  if (unreadable.length) return { statements: 0, error: { ...unreadable[0], code: null } };
  let statements = 0;
  for (const piece of pieces) {
    for (const item of splitScript(piece.sql)) {
      signal?.throwIfAborted();
      if (item.kind === 'meta') continue;
      const at = piece.map(item.offset);
      if (item.kind === 'copy') return { statements, error: { file: m.name, ...at, message: 'COPY … FROM stdin data cannot be replayed in a migration check', code: null } };
      try {
        await db.query(item.text);
        statements++;
      } catch (err) {
        const f = pgErrorFields(err);
        const pos = Number(f.position);
        const where = Number.isInteger(pos) && pos >= 1 ? piece.map(item.offset + codePointIndex(item.text, pos - 1)) : at;
        // Leave no transaction open behind a failed statement (Alembic's transaction would roll back).
        await db.query('ROLLBACK').catch(() => undefined);
        return { statements, error: { file: m.name, ...where, message: f.message, code: f.code ?? null } };
      }
    }
  }
  return { statements, error: null };
}
