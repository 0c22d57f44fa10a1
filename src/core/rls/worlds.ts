/**
 * Worlds, not rows: each principal gets a small, self-consistent world — one row in every
 * covered table, every foreign key pointing inside the same world, every identity column
 * (identity.ts) holding the principal's value. So a user row with the principal's id exists,
 * its organisation, the membership linking them, and the rows hanging off the organisation:
 * exactly what helpers like `has_role_on_account(account_id)` look up. The two worlds share no row.
 *
 * Rows are written statement by statement, as the superuser (to get past policies that
 * only an admin path may satisfy). Identity columns — including those defaulting to
 * `auth.uid()`, `current_setting(…)` or `current_user` — get the principal's value explicitly;
 * when a trigger reads the identity, the principal's settings are in effect too (`withSettings`). What could not be seeded is kept with the statement and error.
 */
import type { Db } from '../db';
import type { Table } from '../model';
import type { RowValues, RowSynth, World } from '../synth/synth';
import { SynthError } from '../synth/synth';
import type { Identity } from './identity';
import { identityLiteral, identitySettings, type Principal } from './principals';
import { UNGUARDED, type ProbeGuard } from '../guard/probe';

export interface WorldRow {
  table: string;
  /** The INSERT that wrote it (or was attempted). */
  sql: string;
  /** Why it could not be written; null when it was. */
  error: string | null;
}

export interface SeededWorld {
  principal: Principal;
  world: World;
  /** The row that stands for the principal in each covered table (first written). */
  row(qname: string): Record<string, string | null> | null;
  /** Covered tables in seeding order, with the statement or the error. */
  log: WorldRow[];
}

export function worldFixed(identity: Identity, p: Principal): (qname: string) => RowValues {
  return (qname) => Object.fromEntries(Object.entries(identity.columns[qname] ?? {}).map(([c, kind]) => [c, identityLiteral(p, kind)]));
}

export async function seedWorld(
  db: Db, synth: RowSynth, identity: Identity, p: Principal, tables: Table[], targetRole: string | null,
  opts: { withSettings: boolean; signal?: AbortSignal; guard?: ProbeGuard },
): Promise<SeededWorld> {
  const signal = opts.signal;
  const guard = opts.guard ?? UNGUARDED;
  // Each table's row is one watched probe: a trigger or default that never returns stops the
  // seeding of that table only (the table then has no row, and its scenarios say why).
  const seed = async <T>(table: string, insert: () => Promise<T>): Promise<T> => {
    const label = { suite: 'rls' as const, table, scenario: 'seed' };
    const stopped = guard.skip(label);
    if (stopped) throw new SynthError(stopped, '');
    return guard.run(label, insert);
  };
  const world: World = { key: p.key, fixed: worldFixed(identity, p), rows: new Map() };
  const log: WorldRow[] = [];
  // Statement by statement (autocommit): a failed row undoes only itself, and deferred
  // constraints (e.g. "allocations sum to the event's revenue") are checked per row — also inside
  // a scratch transaction (core/scratch.ts), which runs each such statement under a savepoint.
  synth.world = world;
  try {
    if (opts.withSettings) for (const s of identitySettings(identity, p, targetRole, false)) await db.query(s);
    // The principal's own row first (e.g. auth.users with id = the principal's uid): whatever
    // references the identity's table then points at the principal, not at a stranger.
    for (const { table, column, literal } of identityParents(synth, identity, world)) {
      try {
        if (!world.rows.get(table)?.some((r) => `'${(r[column] ?? '').replace(/'/g, "''")}'` === literal)) await seed(table, () => synth.insert(table, { [column]: literal }));
      } catch (err) {
        if (!(err instanceof SynthError)) throw err;
        log.push({ table, sql: err.sql ?? '', error: err.message });
      }
    }
    for (const t of orderByDependency(tables, synth)) {
      signal?.throwIfAborted();
      const qname = `${t.schema}.${t.name}`;
      if (world.rows.get(qname)?.length) { log.push({ table: qname, sql: '(written as a parent of an earlier row)', error: null }); continue; }
      try {
        const r = await seed(qname, () => synth.insert(qname));
        log.push({ table: qname, sql: r.sql, error: null });
      } catch (err) {
        if (!(err instanceof SynthError)) throw err;
        log.push({ table: qname, sql: err.sql ?? '', error: err.message });
      }
    }
  } finally {
    synth.world = null;
  }
  return { principal: p, world, row: (q) => world.rows.get(q)?.[0] ?? null, log };
}

/** Tables an identity column references (`memberships.user_id` → `auth.users.id`), with the principal's literal. */
function identityParents(synth: RowSynth, identity: Identity, world: World): { table: string; column: string; literal: string }[] {
  const out = new Map<string, { table: string; column: string; literal: string }>();
  for (const [qname, cols] of Object.entries(identity.columns)) {
    const fixed = world.fixed(qname);
    for (const fk of synth.foreignKeysOf(qname)) {
      if (fk.columns.length !== 1 || !(fk.columns[0] in cols) || fk.refTable === qname) continue;
      out.set(`${fk.refTable}.${fk.refColumns[0]}`, { table: fk.refTable, column: fk.refColumns[0], literal: fixed[fk.columns[0]] });
    }
  }
  return [...out.values()].sort((x, y) => x.table.localeCompare(y.table));
}

/**
 * Parents before children (by NOT NULL and nullable foreign keys among the covered tables), so
 * the row that stands for a parent is the one its children point at. Ties keep name order.
 */
function orderByDependency(tables: Table[], synth: RowSynth): Table[] {
  const names = new Set(tables.map((t) => `${t.schema}.${t.name}`));
  const deps = new Map(tables.map((t) => [`${t.schema}.${t.name}`, synth.parentsOf(t).filter((p) => names.has(p) && p !== `${t.schema}.${t.name}`)]));
  const out: Table[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: Table) => {
    const q = `${t.schema}.${t.name}`;
    if (done.has(q) || visiting.has(q)) return;
    visiting.add(q);
    for (const d of deps.get(q) ?? []) visit(tables.find((x) => `${x.schema}.${x.name}` === d)!);
    visiting.delete(q);
    done.add(q);
    out.push(t);
  };
  for (const t of [...tables].sort((x, y) => `${x.schema}.${x.name}`.localeCompare(`${y.schema}.${y.name}`))) visit(t);
  return out;
}
