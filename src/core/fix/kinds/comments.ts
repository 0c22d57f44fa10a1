/**
 * COMMENT ON, to the canonical text: set where canonical documents an object and the dump
 * does not say the same (or the object is new / re-created), removed where only the dump has
 * one (so a pg_dump after the fix equals the canonical's).
 */
import { qn, type FixContext, type KindFixer } from '../context';
import { ident, literal, rel } from '../sql';
import { signature } from './functions';

interface Commented { key: string; target: string; comment: string | null; object: string; objectType: string }

function commented(ctx: FixContext, side: 'canonical' | 'dump'): Map<string, Commented> {
  const m = ctx[side].model;
  const out: Commented[] = [];
  for (const t of m.tables) {
    const tq = qn(t.schema, t.name);
    out.push({ key: `table:${tq}`, target: `TABLE ${rel(t.schema, t.name)}`, comment: t.comment, object: tq, objectType: 'table' });
    for (const c of t.columns) out.push({ key: `column:${tq}.${c.name}`, target: `COLUMN ${rel(t.schema, t.name)}.${ident(c.name)}`, comment: c.comment, object: `${tq}.${c.name}`, objectType: 'column' });
  }
  for (const c of m.constraints) out.push({ key: `constraint:${c.schema}.${c.table}.${c.name}`, target: `CONSTRAINT ${ident(c.name)} ON ${rel(c.schema, c.table)}`, comment: c.comment, object: `${c.schema}.${c.table}.${c.name}`, objectType: 'constraint' });
  for (const i of m.indexes) if (i.constraint === null) out.push({ key: `index:${i.schema}.${i.table}.${i.name}`, target: `INDEX ${rel(i.schema, i.name)}`, comment: i.comment, object: `${i.schema}.${i.table}.${i.name}`, objectType: 'index' });
  for (const v of m.views) out.push({ key: `view:${v.schema}.${v.name}`, target: `${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${rel(v.schema, v.name)}`, comment: v.comment, object: qn(v.schema, v.name), objectType: v.materialized ? 'materialized_view' : 'view' });
  for (const f of m.functions) if (f.kind !== 'aggregate') out.push({ key: `function:${f.schema}.${f.name}(${f.identityArgs})`, target: `${f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${signature(f)}`, comment: f.comment, object: `${f.schema}.${f.name}(${f.identityArgs})`, objectType: 'function' });
  for (const t of m.types) out.push({ key: `type:${t.schema}.${t.name}`, target: `${t.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${rel(t.schema, t.name)}`, comment: t.comment, object: qn(t.schema, t.name), objectType: 'type' });
  return new Map(out.map((c) => [c.key, c]));
}

export const fixComments: KindFixer = (ctx) => {
  const want = commented(ctx, 'canonical');
  const have = commented(ctx, 'dump');
  for (const [k, e] of want) {
    const existing = ctx.created.has(k) ? null : (have.get(k)?.comment ?? null);
    if (e.comment === existing) {
      // Re-created from the canonical definition: the dump's own comment went with the drop.
      if (ctx.created.has(k) && (have.get(k)?.comment ?? null) !== null) for (const id of ctx.ids(`comment_mismatch:${e.objectType}:${e.object}`)) ctx.claimed.add(id);
      continue;
    }
    if (e.comment === null && !have.has(k)) continue;
    ctx.emit({
      sql: `COMMENT ON ${e.target} IS ${e.comment === null ? 'NULL' : literal(e.comment)};`, phase: 'comment', object: e.object,
      why: e.comment === null ? `canonical leaves ${e.object} undocumented` : `canonical documents ${e.object}`,
      fixes: ctx.ids(`comment_mismatch:${e.objectType}:${e.object}`), hazards: [],
    });
  }
};
