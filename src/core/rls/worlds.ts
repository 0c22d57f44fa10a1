/**
 * Worlds, not rows: each principal gets a small, self-consistent world — one row in every
 * covered table, every foreign key pointing inside the same world, every identity column
 * (identity.ts) holding the principal's value. So a user row with the principal's id exists,
 * its organisation, the membership linking them, and the rows hanging off the organisation:
 * exactly what helpers like `has_role_on_account(account_id)` look up. The two worlds share no row.
 *
 * Rows are written statement by statement, as the superuser (to get past policies that
 * only an admin path may satisfy), but *acting as the principal* where the schema reads who is
 * asking while rows are written (`asPrincipal`, see identity.ts seedingReadsIdentity): the
 * principal's identity settings (`app.tenant`, `request.jwt.claims`) are in effect for the whole
 * world, so a NOT NULL column defaulting to `auth.uid()` or `current_setting(…)` is filled by
 * its default — not by a value the suite guessed — and a trigger that stamps `created_by` or
 * adds the creator as owner of a new organisation does what it does for a real user. Rows such
 * a trigger writes (the owner's membership) are adopted into the world rather than duplicated.
 * Otherwise identity columns get the principal's value explicitly (also those compared with
 * `current_user`: a role cannot be put in effect as the superuser).
 *
 * What could not be seeded is kept with the statement and the error, table by table.
 */
import type { Db } from '../db';
import type { Table } from '../model';
import type { RowValues, RowSynth, World } from '../synth/synth';
import { SynthError } from '../synth/synth';
import { quoteIdent, quoteLiteral, quoteQName } from '../pgtext';
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
  /** The statements that made the seeding session act as the principal ([] when it did not). */
  session: string[];
  world: World;
  /** The row that stands for the principal in each covered table (first written). */
  row(qname: string): Record<string, string | null> | null;
  /** Covered tables in seeding order, with the statement or the error. */
  log: WorldRow[];
}

/**
 * The identity columns' literals in `p`'s world; `leave(qname, column)` names those left to
 * their default (which, acting as the principal, gives the principal's value itself).
 */
export function worldFixed(identity: Identity, p: Principal, leave: (qname: string, column: string) => boolean = () => false): (qname: string) => RowValues {
  return (qname) => Object.fromEntries(Object.entries(identity.columns[qname] ?? {}).filter(([c]) => !leave(qname, c)).map(([c, kind]) => [c, identityLiteral(p, kind)]));
}

export async function seedWorld(
  db: Db, synth: RowSynth, identity: Identity, p: Principal, tables: Table[], targetRole: string | null,
  opts: { asPrincipal: boolean; readsIdentity?: (expr: string | null) => boolean; signal?: AbortSignal; guard?: ProbeGuard },
): Promise<SeededWorld> {
  const signal = opts.signal;
  const guard = opts.guard ?? UNGUARDED;
  // Each table's row is one watched probe: a trigger or default that never returns stops the
  // seeding of that table only (the table then has no row, and its scenarios say why).
  const seed = async <T>(table: string, insert: () => Promise<T>): Promise<T> => {
    const label = { suite: 'rls' as const, table, scenario: 'seed' };
    return guard.attempt(label, insert, (why): never => { throw new SynthError(why, ''); });
  };
  const reads = opts.readsIdentity ?? (() => false);
  // Acting as the principal, a value-identity column whose default reads the identity is left to it.
  const leave = (q: string, c: string) => opts.asPrincipal && identity.columns[q]?.[c] === 'value' && reads(synth.columnDefault(q, c));
  const world: World = { key: p.key, fixed: worldFixed(identity, p, leave), rows: new Map() };
  const allFixed = worldFixed(identity, p);
  const log: WorldRow[] = [];
  const session = opts.asPrincipal ? identitySettings(identity, p, targetRole, false) : [];
  // Statement by statement (autocommit): a failed row undoes only itself, and deferred
  // constraints (e.g. "allocations sum to the event's revenue") are checked per row — also inside
  // a scratch transaction (core/scratch.ts), which runs each such statement under a savepoint.
  synth.world = world;
  try {
    // The principal's own row first (e.g. auth.users with id = the principal's uid): whatever
    // references the identity's table then points at the principal, not at a stranger. It is
    // written as a sign-up service writes it — nobody's identity in effect (the previous
    // world's is cleared) — so triggers on it (a personal account for the new user) run as
    // they do in production, and do not also act "as the new user" (Basejump's would then add
    // the owner's membership twice).
    if (opts.asPrincipal) for (const s of identitySettings(identity, 'empty', targetRole, false)) await db.query(s);
    for (const { table, column, literal } of identityParents(synth, identity, allFixed)) {
      try {
        if (!world.rows.get(table)?.some((r) => quoteLiteral(r[column] ?? '') === literal)) await seed(table, () => synth.insert(table, { [column]: literal }));
        log.push({ table, sql: `(the principal\u2019s own row, ${column} = ${literal})`, error: null });
      } catch (err) {
        if (!(err instanceof SynthError)) throw err;
        log.push({ table, sql: err.sql ?? '', error: err.message });
      }
    }
    for (const s of session) await db.query(s);
    // Only rows written into a table with an INSERT trigger can have made rows elsewhere: until
    // then there is nothing to adopt, and no query is spent looking (a 500-table schema without
    // triggers would otherwise pay two lookups per table).
    const firing = synth.insertTriggerTables();
    for (const t of orderByDependency(tables, synth)) {
      signal?.throwIfAborted();
      const qname = `${t.schema}.${t.name}`;
      if (world.rows.get(qname)?.length) { log.push({ table: qname, sql: '(written as a parent of an earlier row)', error: null }); continue; }
      const adopted = [...world.rows.keys()].some((q) => firing.has(q)) ? await adoptWritten(db, synth, world, allFixed, qname) : null;
      if (adopted && !adopted.error) { log.push({ table: qname, sql: `(written by a trigger of an earlier row: ${adopted.sql})`, error: null }); continue; }
      const note = adopted?.error ? `\n-- no trigger-written row adopted: looking for one failed (${adopted.error}): ${adopted.sql}` : '';
      try {
        const r = await seed(qname, () => synth.insert(qname));
        log.push({ table: qname, sql: r.sql + note, error: null });
      } catch (err) {
        if (!(err instanceof SynthError)) throw err;
        log.push({ table: qname, sql: (err.sql ?? '') + note, error: err.message });
      }
    }
  } finally {
    synth.world = null;
    // Nobody's identity stays in effect after seeding (the last principal's would otherwise
    // leak into whatever this session runs next).
    if (opts.asPrincipal) for (const s of identitySettings(identity, 'empty', targetRole, false)) await db.query(s);
  }
  return { principal: p, session, world, row: (q) => world.rows.get(q)?.[0] ?? null, log };
}

/**
 * A row of `qname` that a trigger wrote while this world was seeded (e.g. the membership
 * `add_current_user_to_new_account` inserts for the creator of an account): one whose identity
 * columns hold the principal's values and whose foreign keys point at rows of this world. It is
 * taken into the world (a second insert would only collide with it on its key). Returns how it
 * was found, or null. Without any such link to the world, nothing is adopted. The lookup may
 * itself fail (an identity value that is no valid literal of this table's column type: 22P02);
 * then nothing is adopted and the error is returned. It runs under a savepoint when the caller
 * holds a transaction, so the failure does not abort it.
 */
async function adoptWritten(db: Db, synth: RowSynth, world: World, fixed: (q: string) => RowValues, qname: string): Promise<{ sql: string; error: string | null } | null> {
  const t = synth.table(qname);
  const where: string[] = [];
  const links: string[] = [];
  for (const [c, lit] of Object.entries(fixed(qname))) { where.push(`${quoteIdent(c)} = ${lit}`); links.push(c); }
  for (const fk of synth.foreignKeysOf(qname)) {
    if (fk.refTable === qname) continue;
    const parents = world.rows.get(fk.refTable) ?? [];
    if (!parents.length || fk.refColumns.some((c) => !(c in parents[0]))) continue;
    const tuple = (vals: string[]) => `(${vals.join(', ')})`;
    const list = parents.map((r) => tuple(fk.refColumns.map((c) => quoteLiteral(r[c] ?? null)))).join(', ');
    const inWorld = `${tuple(fk.columns.map((c) => `(${quoteIdent(c)})::text`))} IN (${list})`;
    // A NULL key points nowhere (MATCH SIMPLE): no link, but no stranger either.
    where.push(`(${fk.columns.map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ')} OR ${inWorld})`);
    links.push(inWorld);
  }
  if (!links.length) return null;
  // At least one real link to this world (an identity column, or a key pointing into it).
  const linked = Object.keys(fixed(qname)).length ? [] : [`(${links.join(' OR ')})`];
  where.push(...linked);
  const cols = t.columns.filter((c) => c.generated === null);
  const sql = `SELECT ${cols.map((c) => `(${quoteIdent(c.name)})::text AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteQName(t.schema, t.name)} WHERE ${where.join(' AND ')} LIMIT 1`;
  const sp = synth.inTransaction ? 'skeldir_adopt' : null;
  if (sp) await db.query(`SAVEPOINT ${sp}`);
  let row: Record<string, string | null> | undefined;
  try {
    row = (await db.query<Record<string, string | null>>(sql)).rows[0];
    if (sp) await db.query(`RELEASE SAVEPOINT ${sp}`);
  } catch (err) {
    if (sp) await db.query(`ROLLBACK TO SAVEPOINT ${sp}`);
    return { sql, error: err instanceof Error ? err.message : String(err) };
  }
  if (!row) return null;
  world.rows.set(qname, [row]);
  return { sql, error: null };
}

/** Tables an identity column references (`memberships.user_id` → `auth.users.id`), with the principal's literal. */
function identityParents(synth: RowSynth, identity: Identity, fixedOf: (q: string) => RowValues): { table: string; column: string; literal: string }[] {
  const out = new Map<string, { table: string; column: string; literal: string }>();
  for (const [qname, cols] of Object.entries(identity.columns)) {
    const fixed = fixedOf(qname);
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
