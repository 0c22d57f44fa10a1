/**
 * Dependants, from pg_depend in the dump database: whatever depends on an object the plan
 * drops (or on a column whose type changes) is dropped first and, when canonical has it,
 * created again afterwards from the canonical definition — views over a retyped column,
 * policies and triggers using a replaced function, foreign keys over a dropped unique index.
 * Repeats until nothing new is in the way.
 */
import type { Constraint, Func, Index, Policy, Trigger, View } from '../model';
import { funcKey } from '../compare/functions';
import { dependantsOf } from './catalog';
import { keyKind, keyName, onTableKey, qn, H, type FixContext } from './context';
import { addConstraint, dropConstraint } from './kinds/constraints';
import { createFunction, dropFunction } from './kinds/functions';
import { createIndex, dropIndex } from './kinds/indexes';
import { createPolicy, dropPolicy } from './kinds/policies';
import { createTrigger, dropTrigger } from './kinds/triggers';
import { createView, dropView } from './kinds/views';
import { ident, relKey } from './sql';

/** Kinds that stand in the way of ALTER COLUMN … TYPE (Postgres rebuilds indexes and constraints itself). */
const BLOCK_RETYPE = new Set(['view', 'policy', 'trigger']);
const ON_TABLE = new Set(['column', 'constraint', 'index', 'policy', 'trigger', 'default']);

/** `policy:public.t.p` → `public.t` (names hold no dots in the parts Postgres prints unquoted). */
export function ownerTable(key: string): string | null {
  if (!ON_TABLE.has(keyKind(key))) return null;
  const name = keyName(key);
  return name.slice(0, name.lastIndexOf('.'));
}

function byKey<T>(list: T[], key: (x: T) => string): Map<string, T> {
  return new Map(list.map((x) => [key(x), x]));
}

export function rebuildDependants(ctx: FixContext): void {
  const dm = ctx.dump.model;
  const cm = ctx.canonical.model;
  const maps = (m: typeof dm) => ({
    view: byKey<View>(m.views, (v) => `view:${qn(v.schema, v.name)}`),
    policy: byKey<Policy>(m.policies, (p) => onTableKey('policy', p)),
    trigger: byKey<Trigger>(m.triggers, (t) => onTableKey('trigger', t)),
    constraint: byKey<Constraint>(m.constraints, (c) => onTableKey('constraint', c)),
    index: byKey<Index>(m.indexes.filter((i) => i.constraint === null), (i) => onTableKey('index', i)),
    function: byKey(m.functions, (f) => `function:${funcKey(f)}`),
  });
  const dump = maps(dm);
  const canon = maps(cm);
  const why = (key: string, cause: string) => `${keyName(key)} depends on ${cause} (pg_depend); dropped here and re-created after the change`;
  const tableGone = (key: string) => {
    const t = ownerTable(key);
    return t !== null && ctx.dropped.has(`table:${t}`) && !ctx.created.has(`table:${t}`);
  };
  /** Per kind: drop the dump's object, re-create the canonical one (the kinds' own statements). */
  const REBUILDERS: Record<string, { drop(key: string, cause: string): boolean; create(key: string): void }> = {};
  const rebuilder = <T>(kind: keyof typeof dump, drop: (x: T, why: string) => void, create: (x: T, why: string) => void) => {
    REBUILDERS[kind] = {
      drop: (key, cause) => {
        const x = (dump[kind] as Map<string, unknown>).get(key) as T | undefined;
        if (x !== undefined) drop(x, why(key, cause));
        return x !== undefined;
      },
      create: (key) => {
        const x = (canon[kind] as Map<string, unknown>).get(key) as T | undefined;
        if (x !== undefined) create(x, `re-creates ${keyName(key)} as canonical defines it`);
      },
    };
  };
  rebuilder<View>('view', (v, w) => dropView(ctx, v, w, []), (v, w) => createView(ctx, v, w, []));
  rebuilder<Policy>('policy', (p, w) => dropPolicy(ctx, p, w, []), (p, w) => createPolicy(ctx, p, w, []));
  rebuilder<Trigger>('trigger', (t, w) => dropTrigger(ctx, t, w, []), (t, w) => createTrigger(ctx, t, w, []));
  rebuilder<Constraint>('constraint', (c, w) => dropConstraint(ctx, c, w, [], 'drop_dependant'), (c, w) => addConstraint(ctx, c, w, []));
  rebuilder<Index>('index', (i, w) => dropIndex(ctx, i, w, [], 'drop_dependant'), (i, w) => createIndex(ctx, i, w, []));
  rebuilder<Func>('function', (f, w) => dropFunction(ctx, f, w, [], 'drop_dependant'), (f, w) => createFunction(ctx, f, w, []));

  const handled = new Set<string>();
  for (let round = 0; round < 50; round++) {
    const found = new Map<string, string>();
    for (const d of dependantsOf(ctx.dump.catalog, ctx.dropped)) found.set(d, 'an object this script drops');
    for (const d of dependantsOf(ctx.dump.catalog, ctx.retyped, (k) => BLOCK_RETYPE.has(keyKind(k)))) if (!found.has(d)) found.set(d, 'a column whose type changes');
    let changed = false;
    for (const [key, cause] of found) {
      // What a partition inherits or a type made for itself goes with its owner.
      if (handled.has(key) || ctx.dropped.has(key) || tableGone(key) || ctx.dump.catalog.inherited.has(key)) continue;
      handled.add(key);
      const kind = keyKind(key);
      const recreate = !ctx.created.has(key);
      const r = REBUILDERS[kind];
      if (r) {
        if (!r.drop(key, cause)) continue;
        if (recreate) r.create(key);
        changed = true;
        continue;
      }
      switch (kind) {
        case 'default': {
          const col = keyName(key);
          const t = ownerTable(key)!;
          const cname = col.slice(t.length + 1);
          ctx.drop(key);
          ctx.emit({ sql: `ALTER TABLE ${relKey(t)} ALTER COLUMN ${ident(cname)} DROP DEFAULT;`, phase: 'drop_dependant', object: col, key, why: why(key, cause), fixes: [], hazards: [H.lock(t)] });
          const ct = cm.tables.find((x) => qn(x.schema, x.name) === t);
          const cc = ct?.columns.find((c) => c.name === cname);
          if (cc?.default && !ctx.created.has(`column:${col}`)) {
            ctx.create(key);
            ctx.emit({ sql: `ALTER TABLE ${relKey(t)} ALTER COLUMN ${ident(cname)} SET DEFAULT ${cc.default};`, phase: 'rls', object: col, key, why: `restores the canonical default of ${col}`, fixes: [], hazards: [H.lock(t)] });
          }
          break;
        }
        default:
          // A column or table in the way (e.g. typed by a domain being dropped): the statement
          // that needs it gone fails in verification and is reported, never hidden.
          continue;
      }
      changed = true;
    }
    if (!changed) break;
  }

  // A re-created materialized view comes back without its indexes.
  for (const [key, i] of canon.index) {
    const t = ownerTable(key)!;
    if (ctx.recreated(`view:${t}`) && !ctx.created.has(key)) createIndex(ctx, i, `re-builds ${keyName(key)} on re-created ${t}`, []);
  }
}
