/**
 * Enums, domains, composite and range types. An enum that only gains labels gets
 * ALTER TYPE … ADD VALUE … BEFORE/AFTER in canonical order (run before the transaction: a new
 * label is usable only once committed). Removing or reordering labels, and changing a domain's
 * base or a composite's attributes, needs a new type and a rewrite of every column: listed as
 * not fixed, with what to do.
 */
import type { TypeDef } from '../../model';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { literal, rel } from '../sql';

const tkey = (t: TypeDef) => `type:${qn(t.schema, t.name)}`;

function createSql(t: TypeDef): string {
  const name = rel(t.schema, t.name);
  switch (t.kind) {
    case 'enum': return `CREATE TYPE ${name} AS ${t.definition};`;
    case 'domain': return `CREATE DOMAIN ${name} AS ${t.definition};`;
    case 'composite': return `CREATE TYPE ${name} AS ${t.definition};`;
    case 'range': return `CREATE TYPE ${name} AS RANGE (${t.definition.replace(/^SUBTYPE = /, 'SUBTYPE = ')});`;
  }
}

/** Labels to add so `have` becomes `want`, each placed next to a neighbour that exists; null when labels must be removed or reordered. */
export function enumAdditions(want: readonly string[], have: readonly string[]): { label: string; sql: string }[] | null {
  if (have.some((l) => !want.includes(l))) return null;
  const kept = want.filter((l) => have.includes(l));
  if (kept.join('\u0000') !== have.join('\u0000')) return null;
  const out: { label: string; sql: string }[] = [];
  const present = new Set(have);
  for (let i = 0; i < want.length; i++) {
    const l = want[i];
    if (present.has(l)) continue;
    const next = want.slice(i + 1).find((x) => present.has(x));
    const prev = [...want.slice(0, i)].reverse().find((x) => present.has(x));
    out.push({ label: l, sql: next !== undefined ? ` BEFORE ${literal(next)}` : prev !== undefined ? ` AFTER ${literal(prev)}` : '' });
    present.add(l);
  }
  return out;
}

export const fixTypes: KindFixer = (ctx) => {
  const have = new Map(ctx.dump.model.types.map((t) => [tkey(t), t]));
  const want = new Map(ctx.canonical.model.types.map((t) => [tkey(t), t]));
  for (const [k, t] of want) {
    const object = qn(t.schema, t.name);
    const a = have.get(k);
    if (!a) {
      ctx.create(k);
      ctx.emit({ sql: createSql(t), phase: 'create_type', object, key: k, why: `canonical has ${t.kind} ${object}; the dump lacks it`, fixes: ctx.ids(`missing:type:${object}`) });
      continue;
    }
    if (a.kind === t.kind && a.definition === t.definition) continue;
    const id = `definition_mismatch:type:${object}`;
    const adds = t.kind === 'enum' && a.kind === 'enum' ? enumAdditions(t.labels, a.labels) : null;
    if (!adds) {
      ctx.unfix(id, t.kind === 'enum' && a.kind === 'enum'
        ? `enum ${object} loses or reorders labels: create the canonical enum under a new name, ALTER every column to it USING col::text::new_type (after mapping rows with removed labels), drop the old type, rename`
        : `${t.kind} ${object} changes shape: Postgres cannot alter it in place; create the canonical type under a new name, move the columns to it, drop the old one`);
      continue;
    }
    for (const x of adds) {
      ctx.emit({
        sql: `ALTER TYPE ${rel(t.schema, t.name)} ADD VALUE IF NOT EXISTS ${literal(x.label)}${x.sql};`, phase: 'pre', object, key: k, outsideTransaction: true,
        why: `canonical enum ${object} has label ${literal(x.label)}; runs before the transaction so the label is committed before anything uses it`, fixes: ctx.ids(id),
        hazards: [H.correctness(`${object} accepts ${literal(x.label)}`)],
      });
    }
  }
  for (const [k, t] of have) {
    if (want.has(k)) continue;
    ctx.drop(k);
    ctx.emit({ sql: `DROP ${t.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${rel(t.schema, t.name)};`, phase: 'drop_type', object: qn(t.schema, t.name), key: k, why: `${t.kind} ${qn(t.schema, t.name)} is not in the canonical schema`, fixes: ctx.ids(`extra:type:${qn(t.schema, t.name)}`) });
  }
};
