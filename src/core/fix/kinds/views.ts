/**
 * Views and materialized views, from pg_get_viewdef of the canonical. A changed view is
 * dropped and created again (CREATE OR REPLACE cannot drop or retype columns); what depends on
 * it is rebuilt around it (plan.ts, from pg_depend). Creation follows the canonical's own
 * dependency order, drops the dump's in reverse.
 */
import type { View } from '../../model';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { rel } from '../sql';

const vkey = (v: View) => `view:${qn(v.schema, v.name)}`;
const label = (v: View) => (v.materialized ? 'MATERIALIZED VIEW' : 'VIEW');
const body = (v: View) => v.definition.trim().replace(/;$/, '');

export function createView(ctx: FixContext, v: View, why: string, fixes: string[]): void {
  ctx.create(vkey(v));
  ctx.emit({
    sql: `CREATE ${label(v)} ${rel(v.schema, v.name)} AS\n${body(v)}${v.materialized ? '\nWITH DATA' : ''};`, phase: 'create_view', object: qn(v.schema, v.name), key: vkey(v), why, fixes,
    hazards: [H.correctness(`readers of ${qn(v.schema, v.name)} see the canonical definition`), ...(v.materialized ? [{ type: 'IMPACTS_DATABASE_PERFORMANCE' as const, message: 'runs the query to fill the materialized view' }] : [])],
  });
}

export function dropView(ctx: FixContext, v: View, why: string, fixes: string[]): void {
  ctx.drop(vkey(v));
  ctx.emit({ sql: `DROP ${label(v)} ${rel(v.schema, v.name)};`, phase: 'drop_dependant', object: qn(v.schema, v.name), key: vkey(v), why, fixes, hazards: [H.correctness(`${qn(v.schema, v.name)} is gone until re-created below; its grants are re-applied`)] });
}

export const fixViews: KindFixer = (ctx) => {
  const have = new Map(ctx.dump.model.views.map((v) => [vkey(v), v]));
  const want = new Map(ctx.canonical.model.views.map((v) => [vkey(v), v]));
  const id = (kind: string, v: View) => `${kind}:${v.materialized ? 'materialized_view' : 'view'}:${qn(v.schema, v.name)}`;
  for (const [k, v] of have) if (!want.has(k)) dropView(ctx, v, `${label(v).toLowerCase()} ${qn(v.schema, v.name)} is not in the canonical schema`, ctx.ids(id('extra', v)));
  for (const [k, v] of want) {
    const a = have.get(k);
    if (!a) createView(ctx, v, `canonical has ${label(v).toLowerCase()} ${qn(v.schema, v.name)}; the dump lacks it`, ctx.ids(id('missing', v)));
    else if (a.materialized !== v.materialized || body(a) !== body(v)) {
      const fixes = ctx.ids(id('definition_mismatch', v));
      dropView(ctx, a, `${qn(v.schema, v.name)} differs from canonical; dropped and created again`, fixes);
      createView(ctx, v, `canonical definition of ${qn(v.schema, v.name)}`, fixes);
    }
  }
};
