/**
 * DBML export (dbdiagram.io, dbdocs; pure text).
 *
 * Every name is a double-quoted DBML identifier (`"public"."Order Items"`), with `\` and `"`
 * backslash-escaped, so spaces, quotes, dots and non-ASCII names survive; types are quoted too
 * (`"character varying(255)"`, `"timestamp with time zone"`). Notes are single-quoted strings
 * with `\` and `'` escaped and line breaks as `\n`; defaults are backtick expressions (left out
 * when the expression itself holds a backtick). Foreign keys are `Ref`s named after the
 * constraint, composite ones with column lists, actions as `delete:` / `update:` settings.
 */
import type { FkAction } from '../model';
import { selectForExport, type ExportTable } from './select';

/** A DBML quoted identifier. */
export const dbmlIdent = (name: string): string => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A DBML single-quoted string (notes). */
export const dbmlString = (text: string): string =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`;

const qualified = (schema: string, name: string): string => `${dbmlIdent(schema)}.${dbmlIdent(name)}`;

const cols = (names: readonly string[]): string =>
  names.length === 1 ? dbmlIdent(names[0]) : `(${names.map(dbmlIdent).join(', ')})`;

const ACTION: Record<FkAction, string> = {
  'NO ACTION': 'no action', RESTRICT: 'restrict', CASCADE: 'cascade', 'SET NULL': 'set null', 'SET DEFAULT': 'set default',
};

function table(t: ExportTable): string[] {
  const { table: tb } = t;
  const head = `Table ${qualified(tb.schema, tb.name)} {`;
  const out = [head];
  const singlePk = t.pk.length === 1 ? t.pk[0] : null;
  for (const c of tb.columns) {
    const settings: string[] = [];
    if (c.name === singlePk) settings.push('pk');
    if (c.notNull && c.name !== singlePk) settings.push('not null');
    if (t.unique.has(c.name)) settings.push('unique');
    if (c.identity) settings.push('increment');
    if (c.default !== null && !c.default.includes('`')) settings.push(`default: \`${c.default}\``);
    if (c.comment) settings.push(`note: ${dbmlString(c.comment)}`);
    out.push(`  ${dbmlIdent(c.name)} ${dbmlIdent(c.type)}${settings.length ? ` [${settings.join(', ')}]` : ''}`);
  }
  if (t.pk.length > 1) out.push('', '  indexes {', `    ${cols(t.pk)} [pk]`, '  }');
  if (tb.comment) out.push('', `  Note: ${dbmlString(tb.comment)}`);
  out.push('}');
  return out;
}

/** DBML text for the model (or the tables whose `schema.table` ids are in `only`). */
export function toDbml(model: Parameters<typeof selectForExport>[0], only?: ReadonlySet<string>): string {
  const sel = selectForExport(model, only);
  const blocks = sel.tables.map((t) => table(t).join('\n'));
  for (const fk of sel.fks) {
    const c = fk.constraint, f = c.foreignKey!;
    const [ps, pt] = splitId(fk.to, sel.tables);
    const settings = [f.onDelete !== 'NO ACTION' && `delete: ${ACTION[f.onDelete]}`, f.onUpdate !== 'NO ACTION' && `update: ${ACTION[f.onUpdate]}`].filter(Boolean);
    blocks.push(`Ref ${dbmlIdent(c.name)}: ${qualified(c.schema, c.table)}.${cols(c.columns)} ${fk.oneToOne ? '-' : '>'} ` +
      `${qualified(ps, pt)}.${cols(f.refColumns)}${settings.length ? ` [${settings.join(', ')}]` : ''}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Schema and name of an exported table id (names may contain dots: look the table up). */
function splitId(id: string, tables: readonly ExportTable[]): [string, string] {
  const t = tables.find((x) => `${x.table.schema}.${x.table.name}` === id)!;
  return [t.table.schema, t.table.name];
}
