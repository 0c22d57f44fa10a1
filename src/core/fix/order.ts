/**
 * Statement order: by phase (types.ts PHASES), and inside a phase by dependency — creates put
 * what an object references first (the canonical's pg_depend), drops put dependants first (the
 * dump's). Otherwise the order the fixers emitted, so the script reads table by table.
 */
import type { FixCatalog } from './catalog';

import { ownerTable } from './rebuild';
import { PHASES, type FixStatement, type Phase } from './types';

const DROPS = new Set<Phase>(['drop_dependant', 'drop_constraint', 'drop_index', 'drop_table', 'drop_sequence', 'drop_function', 'drop_type', 'drop_namespace']);
const CREATES = new Set<Phase>(['create_type', 'create_function', 'create_view', 'table', 'create_sequence']);

/** Graph node of a key: inside drop_table / table, objects on a table count as the table. */
function node(key: string, liftToTable: boolean): string {
  if (!liftToTable) return key.startsWith('index:') ? `constraint:${key.slice(6)}` : key;
  const t = ownerTable(key);
  return t !== null ? `table:${t}` : key;
}

/** Longest chain of set members reachable through `edges` from each member (memoised, cycle-safe). */
function depths(members: Set<string>, edges: Map<string, Set<string>>, lift: boolean): Map<string, number> {
  const lifted = new Map<string, Set<string>>();
  for (const [from, tos] of edges) {
    const f = node(from, lift);
    let s = lifted.get(f);
    if (!s) lifted.set(f, (s = new Set()));
    for (const t of tos) if (node(t, lift) !== f) s.add(node(t, lift));
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (k: string): number => {
    const m = memo.get(k);
    if (m !== undefined) return m;
    if (visiting.has(k)) return 0;
    visiting.add(k);
    let d = 0;
    for (const n of lifted.get(k) ?? []) d = Math.max(d, depth(n) + (members.has(n) ? 1 : 0));
    visiting.delete(k);
    memo.set(k, d);
    return d;
  };
  return new Map([...members].map((k) => [k, depth(k)]));
}

export function orderStatements(statements: FixStatement[], canonical: FixCatalog, dump: FixCatalog): FixStatement[] {
  const out: FixStatement[] = [];
  for (const phase of PHASES) {
    const here = statements.filter((s) => s.phase === phase);
    if (!DROPS.has(phase) && !CREATES.has(phase)) {
      out.push(...here);
      continue;
    }
    const lift = phase === 'drop_table' || phase === 'table';
    const keyed = here.map((s, i) => ({ s, i, n: s.key ? node(s.key, lift) : null }));
    const members = new Set(keyed.flatMap((k) => (k.n ? [k.n] : [])));
    // Creates: depth along "depends on" (canonical). Drops: depth along "is depended on by" (dump).
    const d = depths(members, DROPS.has(phase) ? dump.dependants : canonical.dependsOn, lift);
    keyed.sort((a, b) => (a.n ? d.get(a.n)! : 0) - (b.n ? d.get(b.n)! : 0) || a.i - b.i);
    out.push(...keyed.map((k) => k.s));
  }
  return out;
}

