/** Search over table and column ids (pure): prefix/substring match, tables first, capped. */
import type { ErdGraph } from './types';

export interface Hit { id: string; kind: 'table' | 'column'; table: string; label: string }

export function search(graph: ErdGraph, query: string, limit = 20): Hit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: Hit[] = [], contains: Hit[] = [], cols: Hit[] = [];
  for (const t of graph.tables) {
    const name = t.name.toLowerCase(), id = t.id.toLowerCase();
    if (name.startsWith(q) || id.startsWith(q)) starts.push({ id: t.id, kind: 'table', table: t.id, label: t.id });
    else if (id.includes(q)) contains.push({ id: t.id, kind: 'table', table: t.id, label: t.id });
    if (cols.length < limit)
      for (const c of t.columns)
        if (c.name.toLowerCase().includes(q) || c.id.toLowerCase() === q) cols.push({ id: c.id, kind: 'column', table: t.id, label: c.id });
  }
  return [...starts, ...contains, ...cols].slice(0, limit);
}
