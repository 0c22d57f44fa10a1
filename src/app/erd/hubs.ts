/**
 * Hub tables (pure). In a multi-tenant schema nearly every table references `tenants`; laying out
 * and drawing hundreds of edges into one box costs seconds (ELK's long-edge dummies) and shows a
 * solid fan nobody can read. So once a diagram has HUB_MIN_TABLES tables or more, a table
 * referenced by more than max(HUB_MIN_DEGREE, HUB_FRACTION × tables) other tables is a hub: edges
 * into it are drawn as short labelled stubs at the FK row (plus full lines for the selected table)
 * instead of being routed. Small schemas keep every edge.
 */
import type { ErdEdge } from './types';

export const HUB_MIN_TABLES = 60;
export const HUB_MIN_DEGREE = 12;
export const HUB_FRACTION = 0.1;

export function hubIds(edges: readonly ErdEdge[], ids: ReadonlySet<string>): Set<string> {
  const hubs = new Set<string>();
  if (ids.size < HUB_MIN_TABLES) return hubs;
  const referrers = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to) || e.selfRef) continue;
    let s = referrers.get(e.to);
    if (!s) referrers.set(e.to, (s = new Set()));
    s.add(e.from);
  }
  const limit = Math.max(HUB_MIN_DEGREE, HUB_FRACTION * ids.size);
  for (const [id, s] of referrers) if (s.size > limit) hubs.add(id);
  return hubs;
}
