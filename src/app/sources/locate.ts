/**
 * Which line of a script defines an object: the same pg_dump-shape scan the report uses
 * (core/report/locate.ts), with a plain text search for the object's last name part as the
 * fallback for hand-written SQL.
 */
import { definitionIndex } from '../../core/report/locate';

export function lineOfObject(text: string, object: string): number | null {
  const idx = definitionIndex(text);
  for (const [key, line] of idx) {
    if (key.slice(key.indexOf('|') + 1) === object) return line;
  }
  const parts = object.replace(/\(.*$/, '').split(/[.:]/);
  const last = parts[parts.length - 1];
  if (!last) return null;
  const table = parts.length >= 3 ? parts[parts.length - 2] : null;
  const lines = text.split('\n');
  const word = new RegExp(String.raw`(^|[^\w$])"?${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^\w$]|$)`);
  // Prefer a line inside the table's CREATE TABLE block when the object belongs to a table.
  if (table) {
    const start = lines.findIndex((l) => new RegExp(String.raw`CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\w+\.)?"?${table}"?\s*\(`, 'i').test(l));
    if (start >= 0) {
      for (let i = start; i < lines.length && !/^\);?\s*$/.test(lines[i]); i++) if (word.test(lines[i])) return i + 1;
    }
  }
  const i = lines.findIndex((l) => !l.trimStart().startsWith('--') && word.test(l));
  return i >= 0 ? i + 1 : null;
}
