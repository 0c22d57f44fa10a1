import type { Progress } from '../state/engine.svelte';

/** "Booting PostgreSQL…", "Loading dump 312/540 statements", … from the engine's progress stages. */
export function progressText(p: Progress | null, dumps: readonly { key: string; name: string }[]): string {
  if (!p || p.stage === 'start') return 'Starting the engine…';
  const dumpName = p.dump ? dumps.find((d) => d.key === p.dump)?.name ?? p.dump : null;
  const count = p.total ? ` ${p.done ?? 0}/${p.total} statements` : '';
  const s = p.stage.toLowerCase();
  if (s.includes('boot')) return 'Booting PostgreSQL…';
  if (s.includes('load') && s.includes('canonical')) return `Loading canonical schema${count}`;
  if (s.includes('load')) return `Loading dump${count}${dumpName ? ` (${dumpName})` : ''}`;
  if (s.includes('introspect')) return `Reading the catalogs${dumpName ? ` (${dumpName})` : ''}…`;
  if (s.includes('compare')) return 'Comparing with the canonical schema…';
  if (s.includes('rls')) return `Probing RLS isolation${p.total ? ` ${p.done ?? 0}/${p.total}` : ''}…`;
  if (s.includes('smoke')) return `Running smoke tests${p.total ? ` ${p.done ?? 0}/${p.total}` : ''}…`;
  return `${p.stage}${p.total ? ` ${p.done ?? 0}/${p.total}` : ''}…`;
}
