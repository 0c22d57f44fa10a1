/**
 * Enums, domains, composite and range types. An enum that only gains labels gets
 * ALTER TYPE … ADD VALUE … BEFORE/AFTER in canonical order (run before the transaction: a new
 * label is usable only once committed). Removing or reordering labels, and changing a domain's
 * base or a composite's attributes, needs a new type and a rewrite of every column: listed as
 * not fixed, with what to do.
 */
import type { TypeDef } from '../../model';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { ident, literal, rel } from '../sql';

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
      if (t.kind === 'enum' && a.kind === 'enum') rebuildEnum(ctx, t, a, id);
      else ctx.unfix(id, `${t.kind} ${object} changes shape: Postgres cannot alter it in place; create the canonical type under a new name, move the columns to it, drop the old one`);
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

/**
 * An enum that loses or reorders labels: the old type steps aside under another name, the
 * canonical one is created, every column moves over through text (rows holding a removed label
 * make it fail: map them first), then the old type is dropped. Views, policies and triggers over
 * those columns are rebuilt around it like any type change (rebuild.ts).
 */
function rebuildEnum(ctx: FixContext, t: TypeDef, a: TypeDef, id: string): void {
  const object = qn(t.schema, t.name);
  const old = `${t.name}__skeldir_old`;
  const printed = `${ident(t.schema)}.${ident(t.name)}`;
  const fixes = ctx.ids(id);
  const removed = a.labels.filter((l) => !t.labels.includes(l));
  ctx.emit({ sql: `ALTER TYPE ${rel(t.schema, t.name)} RENAME TO ${ident(old)};`, phase: 'create_type', object, key: `type:${object}`, why: `enum ${object} must ${removed.length ? `lose ${removed.map(literal).join(', ')}` : 'reorder its labels'}: Postgres cannot, so the old type steps aside`, fixes, hazards: [H.correctness(`${object} is rebuilt; columns move over below`)] });
  ctx.emit({ sql: createSql(t), phase: 'create_type', object, key: `type:${object}`, why: `canonical enum ${object}`, fixes });
  for (const tab of ctx.dump.model.tables) {
    for (const c of tab.columns) {
      if (c.type !== printed && c.type !== `${printed}[]`) continue;
      const tq = qn(tab.schema, tab.name);
      const tr = rel(tab.schema, tab.name);
      const col = ident(c.name);
      ctx.retyped.add(`column:${tq}.${c.name}`);
      if (c.default !== null) ctx.emit({ sql: `ALTER TABLE ${tr} ALTER COLUMN ${col} DROP DEFAULT;`, phase: 'column', object: `${tq}.${c.name}`, why: `the default is set again once ${c.name} has the new type`, fixes, hazards: [H.lock(tq)] });
      const arr = c.type.endsWith('[]') ? '[]' : '';
      ctx.emit({
        sql: `ALTER TABLE ${tr} ALTER COLUMN ${col} TYPE ${rel(t.schema, t.name)}${arr} USING ${col}::text${arr}::${rel(t.schema, t.name)}${arr};`, phase: 'column', object: `${tq}.${c.name}`,
        why: `moves ${tq}.${c.name} to the rebuilt enum ${object}`, fixes,
        hazards: [H.lock(tq), { type: 'TABLE_REWRITE', message: `rewrites ${tq}` }, ...(removed.length ? [H.existing(`fails if a row holds ${removed.map(literal).join(' or ')}`)] : [])],
      });
      const canonCol = ctx.canonical.model.tables.find((x) => qn(x.schema, x.name) === tq)?.columns.find((x) => x.name === c.name);
      if (c.default !== null && canonCol?.default && canonCol.default === c.default) {
        ctx.emit({ sql: `ALTER TABLE ${tr} ALTER COLUMN ${col} SET DEFAULT ${canonCol.default};`, phase: 'column', object: `${tq}.${c.name}`, why: `restores the default of ${tq}.${c.name}`, fixes, hazards: [H.lock(tq)] });
      }
    }
  }
  ctx.emit({ sql: `DROP TYPE ${rel(t.schema, old)};`, phase: 'drop_type', object, why: `the old ${object}, now unused`, fixes, hazards: [] });
}
