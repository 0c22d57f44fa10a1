/**
 * Print-stability pass.
 *
 * Postgres does not always re-read its own output as the same expression tree. The case that
 * matters in practice: `status IN ('a', 'b')` on a varchar column is stored as
 * `(status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])`;
 * pg_dump prints exactly that, and restoring it (PostgreSQL 15 and 18 alike) pushes the array
 * cast into the elements: `ANY (ARRAY[('a'::character varying)::text, …])`. That second form
 * is a fixpoint. So canonical SQL and a faithful dump of it would differ on every such CHECK,
 * partial-index predicate, policy, view and default.
 *
 * The fix keeps "Postgres prints every definition": inside the introspection transaction
 * (always rolled back), each object whose printed text contains an array coercion is
 * re-created from its own printed definition, then the affected catalog queries run again.
 * Both sides of a comparison therefore reach the same fixpoint. A materialized view is not
 * re-created (that would refresh it and break dependants): its query is re-read through a
 * temporary plain view instead (`stabilizeMaterializedViews`). Domain constraints are left as
 * printed (rare).
 */
import type { Db } from '../db';
import type { SchemaModel } from '../model';
import { quoteIdent, quoteQName } from '../pgtext';

/** Printed definitions with an array type coercion (`::text[]`, `ARRAY[…]`): the known unstable shape. */
export const UNSTABLE_PRINT = /\[\]|ARRAY\[/;

const rel = quoteQName;

/** Catalog reads a round trip can change: only these are read again after it. */
export interface RoundTripTouches {
  /** Column defaults, or view columns (CREATE OR REPLACE VIEW): tables, views and columns. */
  relations: boolean;
  constraints: boolean;
  indexes: boolean;
  policies: boolean;
}

export interface RoundTripPlan {
  statements: string[];
  touches: RoundTripTouches;
}

/** DDL statements that re-create every unstable object from its own printed definition. */
export function roundTripStatements(m: SchemaModel): string[] {
  return roundTripPlan(m).statements;
}

/** The round-trip statements, and which catalog reads they can change. */
export function roundTripPlan(m: SchemaModel): RoundTripPlan {
  const out: string[] = [];
  const touches: RoundTripTouches = { relations: false, constraints: false, indexes: false, policies: false };
  for (const t of m.tables) {
    for (const c of t.columns) {
      if (c.default !== null && UNSTABLE_PRINT.test(c.default)) {
        touches.relations = true;
        out.push(`ALTER TABLE ${rel(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default}`);
      }
    }
  }
  for (const c of m.constraints) {
    if (c.type === 'check' && UNSTABLE_PRINT.test(c.definition)) {
      touches.constraints = true;
      out.push(`ALTER TABLE ${rel(c.schema, c.table)} DROP CONSTRAINT ${quoteIdent(c.name)}, ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
    }
  }
  for (const i of m.indexes) {
    const unstable = (i.predicate !== null && UNSTABLE_PRINT.test(i.predicate)) || i.keys.some((k) => !k.isColumn && UNSTABLE_PRINT.test(k.expression));
    if (unstable && i.constraint === null) {
      touches.indexes = true;
      out.push(`DROP INDEX ${rel(i.schema, i.name)}; ${i.definition}`);
    }
  }
  for (const p of m.policies) {
    const clauses = [
      p.using !== null ? `USING (${p.using})` : '',
      p.withCheck !== null ? `WITH CHECK (${p.withCheck})` : '',
    ].filter(Boolean);
    if ((p.using !== null && UNSTABLE_PRINT.test(p.using)) || (p.withCheck !== null && UNSTABLE_PRINT.test(p.withCheck))) {
      touches.policies = true;
      out.push(`ALTER POLICY ${quoteIdent(p.name)} ON ${rel(p.schema, p.table)} ${clauses.join(' ')}`);
    }
  }
  for (const v of m.views) {
    if (!v.materialized && UNSTABLE_PRINT.test(v.definition)) {
      touches.relations = true;
      // CREATE OR REPLACE VIEW replaces the view's options with those it names: keep them.
      const options = v.options?.length ? ` WITH (${v.options.join(', ')})` : '';
      out.push(`CREATE OR REPLACE VIEW ${rel(v.schema, v.name)}${options} AS ${v.definition.replace(/;\s*$/, '')}`);
    }
  }
  return { statements: out, touches };
}

/**
 * Runs the statements inside the caller's transaction: all at once under one savepoint (the
 * common case, one round trip), else one by one, each under its own savepoint, so one that
 * Postgres refuses (an inherited constraint, an index a partition index depends on) keeps its
 * first printed form. Returns how many applied.
 */
export async function applyRoundTrip(db: Db, statements: readonly string[], signal?: AbortSignal): Promise<number> {
  if (statements.length === 0) return 0;
  signal?.throwIfAborted();
  if (await attempt(db, statements.join(';\n'))) return statements.length;
  let applied = 0;
  for (const sql of statements) {
    signal?.throwIfAborted();
    if (await attempt(db, sql)) applied++;
  }
  return applied;
}

async function attempt(db: Db, sql: string): Promise<boolean> {
  await db.exec('SAVEPOINT skeldir_roundtrip');
  try {
    await db.exec(sql);
    await db.exec('RELEASE SAVEPOINT skeldir_roundtrip');
    return true;
  } catch {
    await db.exec('ROLLBACK TO SAVEPOINT skeldir_roundtrip; RELEASE SAVEPOINT skeldir_roundtrip');
    return false;
  }
}

/**
 * Re-reads each unstable materialized-view query through a temporary plain view (pg_temp,
 * never introspected, gone with the caller's rollback). Returns the views with stable
 * definitions; one Postgres refuses keeps its first printed form.
 */
export async function stabilizeMaterializedViews<V extends { materialized: boolean; definition: string }>(
  db: Db, views: readonly V[], signal?: AbortSignal,
): Promise<V[]> {
  const out: V[] = [];
  let n = 0;
  for (const v of views) {
    if (!v.materialized || !UNSTABLE_PRINT.test(v.definition)) {
      out.push(v);
      continue;
    }
    signal?.throwIfAborted();
    const temp = `pg_temp.skeldir_roundtrip_${n++}`;
    await db.exec('SAVEPOINT skeldir_roundtrip');
    try {
      await db.exec(`CREATE VIEW ${temp} AS ${v.definition.replace(/;\s*$/, '')}`);
      const r = await db.query<{ d: string }>(`SELECT pg_get_viewdef('${temp}'::regclass, true) AS d`);
      await db.exec('RELEASE SAVEPOINT skeldir_roundtrip');
      out.push({ ...v, definition: r.rows[0]?.d ?? v.definition });
    } catch {
      await db.exec('ROLLBACK TO SAVEPOINT skeldir_roundtrip; RELEASE SAVEPOINT skeldir_roundtrip');
      out.push(v);
    }
  }
  return out;
}
