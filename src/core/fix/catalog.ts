/**
 * What the fixer reads from a database beyond the SchemaModel: the dependency graph
 * (pg_depend), partition bounds and the objects partitions inherit. Run on both sides: the
 * dump's graph says what blocks a change, the canonical's says in which order to create.
 */
import type { Db } from '../db';
import { parseNamedQueries } from '../introspect/queries';
import catalogSql from './catalog.sql?raw';

export interface FixCatalog {
  /** Dependent key → keys it references (NORMAL dependencies only). Keys: `view:public.v`, `column:public.t.c`, … */
  dependsOn: Map<string, Set<string>>;
  /** Referenced key → dependent keys (the reverse of dependsOn). */
  dependants: Map<string, Set<string>>;
  /** `public.events_2024` → `FOR VALUES FROM (…) TO (…)`. */
  partitionBounds: Map<string, string>;
  /** Keys of indexes / constraints / triggers a partition inherits from its parent, and of functions a type made for itself. */
  inherited: Set<string>;
}

let queries: Map<string, string> | null = null;
const query = (name: string) => (queries ??= parseNamedQueries(catalogSql, 'fix/catalog.sql')).get(name)!;

/** Reads the catalog in one rolled-back transaction with search_path = pg_catalog (like introspect). */
export async function readFixCatalog(db: Db): Promise<FixCatalog> {
  await db.exec('BEGIN; SET LOCAL search_path = pg_catalog;');
  try {
    const deps = (await db.query<{ dependent: string; referenced: string }>(query('dependencies'))).rows;
    const parts = (await db.query<{ schema: string; name: string; bound: string }>(query('partitions'))).rows;
    const inherited = (await db.query<{ key: string }>(query('inherited'))).rows;
    const dependsOn = new Map<string, Set<string>>();
    const dependants = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, k: string, v: string) => {
      let s = m.get(k);
      if (!s) m.set(k, (s = new Set()));
      s.add(v);
    };
    for (const d of deps) {
      add(dependsOn, d.dependent, d.referenced);
      add(dependants, d.referenced, d.dependent);
    }
    return {
      dependsOn, dependants,
      partitionBounds: new Map(parts.map((p) => [`${p.schema}.${p.name}`, p.bound])),
      inherited: new Set(inherited.map((r) => r.key)),
    };
  } catch (err) {
    throw new Error(`fix: catalog read failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  } finally {
    await db.exec('ROLLBACK');
  }
}

/** Everything that depends on any of `roots`, transitively (roots themselves excluded). */
export function dependantsOf(cat: FixCatalog, roots: Iterable<string>, follow: (key: string) => boolean = () => true): Set<string> {
  const out = new Set<string>();
  const rootSet = new Set(roots);
  const queue = [...rootSet];
  while (queue.length) {
    const k = queue.pop()!;
    for (const d of cat.dependants.get(k) ?? []) {
      if (rootSet.has(d) || out.has(d) || !follow(d)) continue;
      out.add(d);
      queue.push(d);
    }
  }
  return out;
}
