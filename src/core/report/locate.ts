/**
 * Where a divergence's object is defined in a dump, for SARIF annotations and the JSON `line`:
 * the definition index of load/locate.ts (statements from the splitter, read by their heads).
 * Anything not found is simply not located (no `line`) — never guessed. A missing object is
 * located at its table.
 */
import { definitionIndex } from '../load/locate';
import type { Divergence } from './types';

/** The line for one divergence: its own definition, else (for objects on a table) the table's. */
export function lineOf(d: Divergence, idx: Map<string, number>): number | undefined {
  const key = d.object_type === 'function' ? d.object.replace(/\(.*$/, '') : d.object;
  return idx.get(`${d.object_type}|${key}`) ?? (d.table ? idx.get(`table|${d.table}`) : undefined);
}

/** Divergences with `line` filled where the dump text shows the definition. */
export function locateDivergences(divergences: Divergence[], dumpText: string): Divergence[] {
  const idx = definitionIndex(dumpText);
  return divergences.map((d) => {
    const line = lineOf(d, idx);
    return line === undefined ? d : { ...d, line };
  });
}
