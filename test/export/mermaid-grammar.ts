/**
 * A line grammar for the Mermaid `erDiagram` subset the export emits, taken from Mermaid's ER
 * grammar (erDiagram.jison: entity/attribute words, quoted strings without `"`, cardinalities).
 * Throws on the first line outside it; quoted names are decoded (`#quot;`, `#35;`) so callers can
 * check the real names survive. Shared by the unit test (test/export) and the ERD e2e, which
 * checks a downloaded file (Mermaid itself is not a dependency).
 */
const WORD = '[A-Za-z_][A-Za-z0-9_-]*';
const TYPE = '[A-Za-z_][A-Za-z0-9_\\-()\\[\\]]*';
const STR = '"[^"\\n]*"';
const ENTITY = new RegExp(`^    (${WORD})\\[(${STR})\\] \\{$`);
const ATTR = new RegExp(`^        (${TYPE}) (${WORD})(?: ((?:PK|FK|UK)(?:, (?:PK|FK|UK))*))?(?: (${STR}))?$`);
const REL = new RegExp(`^    (${WORD}) (\\|\\||\\|o|\\}o|\\}\\|)(--|\\.\\.)(\\|\\||o\\||o\\{|\\|\\{) (${WORD}) : (${STR})$`);
const decode = (s: string) => s.slice(1, -1).replace(/#quot;/g, '"').replace(/#35;/g, '#');

export interface ParsedMermaid {
  entities: Map<string, { label: string; attrs: { type: string; name: string; keys: string; comment: string }[] }>;
  rels: { a: string; card: string; b: string; label: string }[];
}

export function parseMermaid(text: string): ParsedMermaid {
  const lines = text.trimEnd().split('\n');
  if (lines[0] !== 'erDiagram') throw new Error(`line 1 is not the erDiagram header: ${lines[0]}`);
  const entities: ParsedMermaid['entities'] = new Map();
  const rels: ParsedMermaid['rels'] = [];
  let cur: string | null = null;
  for (const [i, line] of lines.slice(1).entries()) {
    if (cur) {
      if (line === '    }') { cur = null; continue; }
      const a = ATTR.exec(line);
      if (!a) throw new Error(`line ${i + 2} is not an attribute: ${line}`);
      entities.get(cur)!.attrs.push({ type: a[1], name: a[2], keys: a[3] ?? '', comment: a[4] ? decode(a[4]) : '' });
      continue;
    }
    const e = ENTITY.exec(line);
    if (e) {
      if (entities.has(e[1])) throw new Error(`duplicate entity ${e[1]}`);
      entities.set(e[1], { label: decode(e[2]), attrs: [] });
      cur = e[1];
      continue;
    }
    const r = REL.exec(line);
    if (!r) throw new Error(`line ${i + 2} is neither entity nor relationship: ${line}`);
    for (const id of [r[1], r[5]]) if (!entities.has(id)) throw new Error(`relationship to undeclared entity ${id}`);
    rels.push({ a: r[1], card: `${r[2]}${r[3]}${r[4]}`, b: r[5], label: decode(r[6]) });
  }
  if (cur) throw new Error(`entity ${cur} is not closed`);
  return { entities, rels };
}
