/** Triggers, from pg_get_triggerdef of the canonical, and their enabled state. */
import type { Trigger } from '../../model';
import { H, onTableKey, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel } from '../sql';

const tkey = (t: Trigger) => onTableKey('trigger', t);
const obj = (t: Trigger) => `${t.schema}.${t.table}.${t.name}`;
const tbl = (t: Trigger) => qn(t.schema, t.table);
const ENABLE: Record<Trigger['enabled'], string> = { O: 'ENABLE TRIGGER', D: 'DISABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' };

function setEnabled(ctx: FixContext, t: Trigger, fixes: string[]): void {
  ctx.emit({ sql: `ALTER TABLE ${rel(t.schema, t.table)} ${ENABLE[t.enabled]} ${ident(t.name)};`, phase: 'create_trigger', object: obj(t), why: `canonical trigger ${obj(t)} is ${ENABLE[t.enabled].toLowerCase().replace(' trigger', 'd')}`, fixes, hazards: [H.correctness(`${t.function}() ${t.enabled === 'D' ? 'stops' : 'starts'} running`), H.lock(tbl(t))] });
}

export function createTrigger(ctx: FixContext, t: Trigger, why: string, fixes: string[]): void {
  ctx.create(tkey(t));
  ctx.emit({ sql: `${t.definition};`, phase: 'create_trigger', object: obj(t), key: tkey(t), why, fixes, hazards: [H.correctness(`${t.function}() runs ${t.timing} ${t.events.join(' OR ')} on ${tbl(t)}`), H.lock(tbl(t))] });
  if (t.enabled !== 'O') setEnabled(ctx, t, fixes);
}

export function dropTrigger(ctx: FixContext, t: Trigger, why: string, fixes: string[]): void {
  ctx.drop(tkey(t));
  ctx.emit({ sql: `DROP TRIGGER ${ident(t.name)} ON ${rel(t.schema, t.table)};`, phase: 'drop_dependant', object: obj(t), key: tkey(t), why, fixes, hazards: [H.correctness(`${t.function}() stops running on ${tbl(t)}`), H.lock(tbl(t))] });
}

export const fixTriggers: KindFixer = (ctx) => {
  const canonTables = new Set(ctx.canonical.model.tables.map((t) => qn(t.schema, t.name)));
  const own = (side: 'canonical' | 'dump', t: Trigger) => !ctx[side].catalog.inherited.has(tkey(t)) || (side === 'dump' && ctx.detached.has(tbl(t)));
  const have = new Map(ctx.dump.model.triggers.filter((t) => own('dump', t) && canonTables.has(tbl(t))).map((t) => [tkey(t), t]));
  const want = new Map(ctx.canonical.model.triggers.filter((t) => own('canonical', t)).map((t) => [tkey(t), t]));
  for (const [k, t] of have) if (!want.has(k)) dropTrigger(ctx, t, `trigger ${obj(t)} is not in the canonical schema`, ctx.ids(`extra:trigger:${obj(t)}`));
  for (const [k, t] of want) {
    const a = have.get(k);
    if (!a) createTrigger(ctx, t, ctx.created.has(`table:${tbl(t)}`) ? `canonical trigger of new table ${tbl(t)}` : `canonical has trigger ${obj(t)}; the dump lacks it`, ctx.ids(`missing:trigger:${obj(t)}`, `missing:table:${tbl(t)}`));
    else if (a.definition !== t.definition) {
      const fixes = ctx.ids(`definition_mismatch:trigger:${obj(t)}`);
      dropTrigger(ctx, a, `trigger ${obj(t)} differs from canonical; dropped and created again`, fixes);
      createTrigger(ctx, t, `canonical: ${t.definition}`, fixes);
    } else if (a.enabled !== t.enabled) setEnabled(ctx, t, ctx.ids(`definition_mismatch:trigger:${obj(t)}`));
  }
};
