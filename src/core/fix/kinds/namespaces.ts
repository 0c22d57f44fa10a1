/** Schemas and extensions: created first, dropped last. */
import { H, type KindFixer } from '../context';
import { ident } from '../sql';

export const fixNamespaces: KindFixer = (ctx) => {
  const have = new Set(ctx.dump.model.schemas);
  const want = new Set(ctx.canonical.model.schemas);
  for (const s of want) {
    if (have.has(s)) continue;
    ctx.create(`schema:${s}`);
    ctx.emit({ sql: `CREATE SCHEMA ${ident(s)};`, phase: 'create_namespace', object: s, why: `canonical has schema ${s}; the dump lacks it`, fixes: ctx.ids(`missing:schema:${s}`) });
  }
  for (const s of have) {
    if (want.has(s)) continue;
    ctx.emit({ sql: `DROP SCHEMA ${ident(s)};`, phase: 'drop_namespace', object: s, why: `schema ${s} is not in the canonical schema (fails while anything the plan keeps is still in it)`, fixes: ctx.ids(`extra:schema:${s}`), hazards: [H.correctness(`objects outside the comparison in ${s} block it`)] });
  }
  const hadExt = new Map(ctx.dump.model.extensions.map((e) => [e.name, e]));
  const wantExt = new Map(ctx.canonical.model.extensions.map((e) => [e.name, e]));
  for (const [n, e] of wantExt) {
    const a = hadExt.get(n);
    if (!a) ctx.emit({ sql: `CREATE EXTENSION IF NOT EXISTS ${ident(n)} WITH SCHEMA ${ident(e.schema)};`, phase: 'create_namespace', object: n, why: `canonical uses extension ${n}`, fixes: ctx.ids(`missing:extension:${n}`) });
    else if (a.schema !== e.schema) ctx.emit({ sql: `ALTER EXTENSION ${ident(n)} SET SCHEMA ${ident(e.schema)};`, phase: 'create_namespace', object: n, why: `canonical has extension ${n} in schema ${e.schema}`, fixes: ctx.ids(`definition_mismatch:extension:${n}`), hazards: [H.correctness(`references to ${n}'s objects by schema name change`)] });
  }
  for (const [n] of hadExt) {
    if (!wantExt.has(n)) ctx.emit({ sql: `DROP EXTENSION ${ident(n)};`, phase: 'drop_namespace', object: n, why: `extension ${n} is not in the canonical schema`, fixes: ctx.ids(`extra:extension:${n}`), hazards: [H.correctness(`fails while columns or functions still use ${n}`)] });
  }
};
