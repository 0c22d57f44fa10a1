/**
 * The destructive-change waiver (seed 004 §5): `-- CI:DESTRUCTIVE_OK: <reason>` in SQL,
 * `# CI:DESTRUCTIVE_OK - <reason>` in a Python revision, on the statement or the line above it.
 * The reason (an ADR reference, a ticket) is mandatory: a bare marker is itself an error.
 */
import type { Waiver } from './types';

const MARK = 'CI:DESTRUCTIVE_OK';

/**
 * The waiver in one comment's text (`-- …`, `/* … *\/` or `# …`), or null. Separators after the
 * marker (`:`, `-`, `–`, `—`) are not part of the reason.
 */
export function waiverIn(comment: string, line: number, column: number): Waiver | null {
  const i = comment.indexOf(MARK);
  if (i === -1) return null;
  const text = comment.slice(i + MARK.length).replace(/\*\/\s*$/, '').replace(/^\s*[:\-–—]?\s*/, '').trim();
  // A template placeholder (`<reason>`, as generated corrective scripts carry until someone signs
  // them) is no reason: the waiver stays unsigned and the statement is still flagged.
  const reason = /^<[^>]*>$/.test(text) ? '' : text;
  return { reason, line, column: column + i };
}
