/**
 * Sequences that stand alone or back a serial column. Identity sequences belong to their
 * column (columns.ts, tables.ts); a sequence owned by a dropped table goes with it.
 */
import type { Sequence } from '../../model';
import { describeSequence } from '../../compare/sequences';
import { H, qn, type FixContext, type KindFixer } from '../context';
import { ident, rel, relKey } from '../sql';
import { sequenceOptions } from './tables';

const skey = (s: Sequence) => `sequence:${qn(s.schema, s.name)}`;
const ownerTable = (s: Sequence) => (s.ownedBy ? s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.')) : null);

/** True when the sequence is an identity column's (the column carries it). */
function isIdentity(side: FixContext['canonical'], s: Sequence): boolean {
  if (!s.ownedBy) return false;
  const t = ownerTable(s)!;
  const col = s.ownedBy.slice(t.length + 1);
  return side.model.tables.some((x) => qn(x.schema, x.name) === t && x.columns.some((c) => c.name === col && c.identity !== null));
}

function ownedBy(s: Sequence): string {
  if (!s.ownedBy) return 'NONE';
  const t = ownerTable(s)!;
  return `${relKey(t)}.${ident(s.ownedBy.slice(t.length + 1))}`;
}

export const fixSequences: KindFixer = (ctx) => {
  const canonTables = new Set(ctx.canonical.model.tables.map((t) => qn(t.schema, t.name)));
  const have = new Map(ctx.dump.model.sequences.filter((s) => !isIdentity(ctx.dump, s)).map((s) => [skey(s), s]));
  const want = new Map(ctx.canonical.model.sequences.filter((s) => !isIdentity(ctx.canonical, s)).map((s) => [skey(s), s]));
  for (const [k, s] of have) {
    if (want.has(k) || ctx.dropped.has(k)) continue;
    const t = ownerTable(s);
    if (t && !canonTables.has(t)) continue; // goes with its table
    ctx.drop(k);
    ctx.emit({
      sql: `DROP SEQUENCE ${rel(s.schema, s.name)};`, phase: 'drop_sequence', object: qn(s.schema, s.name), key: k,
      why: `sequence ${qn(s.schema, s.name)} is not in the canonical schema`, fixes: ctx.ids(`extra:sequence:${qn(s.schema, s.name)}`),
      hazards: [H.correctness('its counter is lost')],
    });
  }
  for (const [k, s] of want) {
    if (ctx.created.has(k)) continue; // made by an identity → serial change
    const a = have.get(k);
    const object = qn(s.schema, s.name);
    if (!a) {
      const fixes = ctx.ids(`missing:sequence:${object}`, ...(ownerTable(s) ? [`missing:table:${ownerTable(s)}`] : []));
      ctx.create(k);
      ctx.emit({ sql: `CREATE SEQUENCE ${rel(s.schema, s.name)} ${sequenceOptions(s)};`, phase: 'create_sequence', object, key: k, why: `canonical has sequence ${object}; the dump lacks it`, fixes });
      if (s.ownedBy) ctx.emit({ sql: `ALTER SEQUENCE ${rel(s.schema, s.name)} OWNED BY ${ownedBy(s)};`, phase: 'add_constraint', object, key: k, why: `canonical ties ${object} to ${s.ownedBy} (dropped with it)`, fixes });
    } else if (describeSequence(a) !== describeSequence(s)) {
      const fixes = ctx.ids(`definition_mismatch:sequence:${object}`);
      ctx.emit({
        sql: `ALTER SEQUENCE ${rel(s.schema, s.name)} ${sequenceOptions(s)}${a.ownedBy !== s.ownedBy ? ` OWNED BY ${ownedBy(s)}` : ''};`, phase: 'add_constraint', object, key: k,
        why: `canonical: ${describeSequence(s)}; the dump: ${describeSequence(a)}`, fixes,
        hazards: [H.correctness('values handed out next follow the new options'), ...(a.dataType !== s.dataType ? [H.existing(`fails if the current value does not fit ${s.dataType}`)] : [])],
      });
    }
  }
};
