import { errText, isolated, result, rowWhere, runAs, sessionSql, target } from '../context';
import { quoteIdent } from '../../pgtext';
import { defineScenario } from './define';

export const ownerCannotBypass = defineScenario({
  id: 'owner_cannot_bypass', title: 'Owner cannot bypass', kind: 'force', phase: 'main', needsRows: true,
  summary: 'The table owner (a non-superuser) sees no more of b\u2019s world than the application role does: FORCE binds it. Required only when the overlay declares it.',
  applies: (ctx) => ctx.requireForce,
  run: (ctx, t) => isolated(ctx, async () => {
    const sql = `SELECT * FROM ${target(t)} WHERE ${rowWhere(t, t.rows!.b)}`;
    const probeSession = sessionSql(ctx, ctx.principals.a);
    await ctx.db.query('SAVEPOINT skeldir_probe_view');
    const asProbe = await runAs(ctx, probeSession, sql);
    await ctx.db.query('ROLLBACK TO SAVEPOINT skeldir_probe_view'); // back to the superuser
    const alter = `ALTER TABLE ${target(t)} OWNER TO ${quoteIdent(ctx.roles.owner)}`;
    await ctx.db.query(alter);
    const ownerAsA = { ...ctx.principals.a, role: ctx.roles.owner };
    const session = sessionSql(ctx, ownerAsA);
    const r = await runAs(ctx, session, sql);
    const all = [alter, ...session, sql];
    const tenant = ctx.principals.a.value;
    if (r.error) return result(t, 'owner_cannot_bypass', r.error.code === '42501' ? 'passed' : 'inconclusive', r.error.code === '42501' ? `owner denied (${errText(r.error)})` : `failed for a reason other than RLS: ${errText(r.error)}`, all, ctx.roles.owner, tenant, undefined, r.error.code === '42501' ? 'denied' : 'error');
    const probeSaw = asProbe.error ? 0 : asProbe.rows.length;
    if (r.rows.length <= probeSaw) {
      return result(t, 'owner_cannot_bypass', 'passed', r.rows.length === 0 ? 'the owner sees nothing of b\u2019s world' : `the owner sees no more than the application role (${r.rows.length} row(s) of b\u2019s world; see cross_tenant_invisible)`, all, ctx.roles.owner, tenant, r.rows, 'denied');
    }
    const out = result(t, 'owner_cannot_bypass', 'failed', `the owner sees ${r.rows.length} row(s) of b\u2019s world that the application role cannot: RLS is not forced`, all, ctx.roles.owner, tenant, r.rows, 'allowed');
    out.severity = 'BLOCKING';
    return out;
  }),
});
