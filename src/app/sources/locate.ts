/**
 * Which line of a script defines an object: the core's one locator (load/locate.ts, statements
 * from the splitter read by their heads), then — for hand-written layouts it cannot place, such
 * as several columns on one line — the object's table, then a plain search for its last name part.
 */
import { definitionIndex } from '../../core/load/locate';

export function lineOfObject(text: string, object: string): number | null {
  const idx = definitionIndex(text);
  for (const [key, line] of idx) {
    if (key.slice(key.indexOf('|') + 1) === object) return line;
  }
  const parts = object.replace(/\(.*$/, '').split(/[.:]/);
  if (parts.length >= 3) {
    const table = idx.get(`table|${parts[0]}.${parts[1]}`);
    if (table !== undefined) return table;
  }
  const last = parts[parts.length - 1];
  if (!last) return null;
  const word = new RegExp(String.raw`(^|[^\w$])"?${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^\w$]|$)`);
  const i = text.split('\n').findIndex((l) => !l.trimStart().startsWith('--') && word.test(l));
  return i >= 0 ? i + 1 : null;
}
