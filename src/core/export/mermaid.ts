/**
 * Mermaid `erDiagram` export (pure text; the caller downloads it, nothing is rendered here).
 *
 * Mermaid's ER grammar only takes entity names and attribute words made of ASCII letters, digits,
 * `_` and `-` (attribute types also `()[]`), and quoted strings without a `"` in them. So:
 * - every entity gets a safe, unique id (`e1_orders`) and its real `schema.table` name as the
 *   quoted alias: `e1_orders["public.orders"]`;
 * - a column whose name is not a safe word is written under a sanitised unique word and its real
 *   name leads the attribute comment; types lose spaces and commas (`character_varying(255)`);
 * - inside quoted strings `"` and `#` are written as Mermaid entity codes `#quot;` and `#35;`
 *   (Mermaid decodes `#name;` / `#nn;` codes before rendering), and line breaks become spaces.
 * Identifiers are user content: nothing here is HTML, and the output is never injected into a page.
 */
import type { FkAction } from '../model';
import { selectForExport, tableKey, type ExportFk, type ExportTable } from './select';

const WORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A Mermaid quoted string: `"` and `#` as entity codes, no line breaks. */
export function mermaidString(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ')}"`;
}

/** `text` as a Mermaid word: unsafe characters become `_`, a leading digit gets `_`. */
export function mermaidWord(text: string, extra = ''): string {
  const allowed = new RegExp(`[^A-Za-z0-9_\\-${extra}]`, 'g');
  const w = text.replace(allowed, '_');
  return /^[A-Za-z_]/.test(w) ? w : `_${w}`;
}

/** A column type as an attribute word: `character varying(255)` → `character_varying(255)`, `numeric(6,5)` → `numeric(6_5)`. */
export const mermaidType = (type: string): string => mermaidWord(type, '()\\[\\]');

/** Crow's-foot: parent end `||` (FK NOT NULL) or `|o` (nullable); child end `o{` many or `o|` one-to-one. */
function relationship(fk: ExportFk): string {
  return `${fk.nullable ? '|o' : '||'}--${fk.oneToOne ? 'o|' : 'o{'}`;
}

const action = (a: FkAction): string => a.toLowerCase();

/** Mermaid erDiagram text for the model (or the tables whose ids are in `only`). */
export function toMermaid(model: Parameters<typeof selectForExport>[0], only?: ReadonlySet<string>): string {
  const sel = selectForExport(model, only);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const unique = (base: string): string => {
    let w = base, n = 2;
    while (used.has(w.toLowerCase())) w = `${base}_${n++}`;
    used.add(w.toLowerCase());
    return w;
  };
  sel.tables.forEach((t, i) => ids.set(tableKey(t.table), unique(`e${i + 1}_${mermaidWord(t.table.name)}`)));
  const lines = ['erDiagram'];
  for (const t of sel.tables) lines.push(...entity(t, ids.get(tableKey(t.table))!));
  for (const fk of sel.fks) {
    const c = fk.constraint;
    const label = `${c.name}: ${c.columns.join(', ')} → ${c.foreignKey!.refColumns.join(', ')}` +
      (c.foreignKey!.onDelete !== 'NO ACTION' ? ` (on delete ${action(c.foreignKey!.onDelete)})` : '');
    lines.push(`    ${ids.get(fk.to)} ${relationship(fk)} ${ids.get(fk.from)} : ${mermaidString(label)}`);
  }
  return `${lines.join('\n')}\n`;
}

function entity(t: ExportTable, id: string): string[] {
  const out = [`    ${id}[${mermaidString(tableKey(t.table))}] {`];
  const used = new Set<string>();
  for (const c of t.table.columns) {
    let name = WORD.test(c.name) ? c.name : mermaidWord(c.name);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${mermaidWord(c.name)}_${n}`;
    used.add(name.toLowerCase());
    const keys = [t.pk.includes(c.name) && 'PK', t.fk.has(c.name) && 'FK', t.unique.has(c.name) && 'UK'].filter(Boolean).join(', ');
    const notes = [name !== c.name ? c.name : '', c.notNull && !t.pk.includes(c.name) ? 'NOT NULL' : '', c.comment ?? ''].filter(Boolean).join(' · ');
    out.push(`        ${mermaidType(c.type)} ${name}${keys ? ` ${keys}` : ''}${notes ? ` ${mermaidString(notes)}` : ''}`);
  }
  out.push('    }');
  return out;
}
