/**
 * The one reader of where things are in a SQL script (a pg_dump, the canonical schema or
 * hand-written SQL): the statement splitter finds the statements, `statementHead` reads what
 * each one defines from its first words, and `definitionIndex` maps object identities to the
 * line that defines them. Used by report/locate.ts (SARIF / JSON `line`), drift/normalize.ts
 * (ordering statements by table and name) and the app's Sources view (jump to a definition).
 *
 * Heads are matched case-insensitively with any whitespace, so hand-written SQL is read like
 * pg_dump's fixed layout. Names are read as Postgres reads them (pgtext: bare words fold to lower
 * case, quotes keep case). A statement not in one of the shapes below is simply not located.
 */
import { parseIdentList } from '../pgtext';
import { splitScript } from './split';

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)`;
const QNAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;
const re = (s: string) => new RegExp(`^${s}`, 'i');

export type HeadKind =
  | 'table' | 'view' | 'materialized_view' | 'add_constraint' | 'rls' | 'alter_relation' | 'index' | 'trigger' | 'policy' | 'grant'
  | 'schema' | 'role' | 'extension' | 'type' | 'sequence' | 'function' | 'other';

export interface StatementHead {
  kind: HeadKind;
  /** The table (or view) the statement is about, as written (e.g. `public."Order"`); null for schema-level objects. */
  table: string | null;
  /** The object's own name as written (constraint, index, trigger, policy, or the schema-level object). */
  name: string | null;
  /** For `add_constraint`: UTF-16 offset of `ADD CONSTRAINT` in the statement. */
  at?: number;
}

/** Shapes in the order they are tried: the first match decides. `t`/`n`: capture groups of table and name. */
const HEADS: { kind: HeadKind; re: RegExp; t?: number; n?: number }[] = [
  { kind: 'table', re: re(String.raw`CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY)\s+|UNLOGGED\s+|FOREIGN\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`), t: 1 },
  { kind: 'materialized_view', re: re(String.raw`CREATE\s+(?:OR\s+REPLACE\s+)?MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`), t: 1 },
  { kind: 'view', re: re(String.raw`CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(?:RECURSIVE\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`), t: 1 },
  { kind: 'add_constraint', re: re(String.raw`ALTER\s+(?:FOREIGN\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QNAME}\s+(ADD\s+CONSTRAINT\s+)${QNAME}`), t: 1, n: 3 },
  { kind: 'rls', re: re(String.raw`ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QNAME}\s+(?:ENABLE|FORCE)\s+ROW\s+LEVEL\s+SECURITY`), t: 1 },
  { kind: 'alter_relation', re: re(String.raw`ALTER\s+(?:TABLE|VIEW|MATERIALIZED\s+VIEW|FOREIGN\s+TABLE)\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QNAME}`), t: 1 },
  { kind: 'index', re: re(String.raw`CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}\s+ON\s+(?:ONLY\s+)?${QNAME}`), t: 2, n: 1 },
  { kind: 'trigger', re: re(String.raw`CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+${QNAME}[\s\S]*?\sON\s+${QNAME}`), t: 2, n: 1 },
  { kind: 'policy', re: re(String.raw`CREATE\s+POLICY\s+${QNAME}\s+ON\s+${QNAME}`), t: 2, n: 1 },
  { kind: 'grant', re: re(String.raw`(?:GRANT|REVOKE)\s[\s\S]*?\sON\s+(?:TABLE\s+)?${QNAME}\s+(?:TO|FROM)\s`), t: 1 },
  { kind: 'schema', re: re(String.raw`CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`), n: 1 },
  { kind: 'role', re: re(String.raw`CREATE\s+ROLE\s+${QNAME}`), n: 1 },
  { kind: 'extension', re: re(String.raw`CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`), n: 1 },
  { kind: 'type', re: re(String.raw`(?:CREATE|ALTER)\s+(?:TYPE|DOMAIN)\s+${QNAME}`), n: 1 },
  { kind: 'sequence', re: re(String.raw`(?:CREATE|ALTER)\s+SEQUENCE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?${QNAME}`), n: 1 },
  { kind: 'function', re: re(String.raw`CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE|AGGREGATE)\s+${QNAME}`), n: 1 },
];

/** What a statement (its text from the first keyword) defines or alters, read from its first words. */
export function statementHead(statement: string): StatementHead {
  for (const h of HEADS) {
    const m = h.re.exec(statement);
    if (!m) continue;
    const head: StatementHead = { kind: h.kind, table: h.t ? m[h.t] : null, name: h.n ? m[h.n] : null };
    if (h.kind === 'add_constraint') head.at = m[0].length - m[3].length - m[2].length;
    return head;
  }
  return { kind: 'other', table: null, name: null };
}

/** A written (possibly quoted, possibly unqualified) name → the model's `schema.name` key, or null. */
export function qualifiedKey(written: string, defaultSchema = 'public'): string | null {
  const parts = parseIdentList(written);
  if (!parts || parts.length > 2) return null;
  return parts.length === 1 ? `${defaultSchema}.${parts[0]}` : `${parts[0]}.${parts[1]}`;
}

/** Object types a head defines, as Divergence.object_type names them. */
const DEFINES: Partial<Record<HeadKind, string[]>> = {
  table: ['table'], view: ['view', 'materialized_view'], materialized_view: ['view', 'materialized_view'],
  rls: ['rls'], index: ['index'], trigger: ['trigger'], policy: ['policy'], function: ['function'], sequence: ['sequence'],
};

/**
 * `object_type|object` → 1-based line of its first definition in `script`: tables, their columns
 * (the line inside CREATE TABLE), constraints (the `ADD CONSTRAINT` line), indexes, triggers,
 * policies, RLS switches, functions (name without arguments), views, sequences, types and domains.
 */
export function definitionIndex(script: string): Map<string, number> {
  const idx = new Map<string, number>();
  const put = (key: string, line: number) => { if (!idx.has(key)) idx.set(key, line); };
  for (const item of splitScript(script)) {
    if (item.kind !== 'sql') continue;
    const head = statementHead(item.text);
    const table = head.table !== null ? qualifiedKey(head.table) : null;
    const name = head.name !== null ? parseIdentList(head.name) : null;
    const own = name && name.length === 1 ? name[0] : null;
    if (head.kind === 'table' && table) {
      put(`table|${table}`, item.line);
      for (const [column, line] of columnLines(item.text, item.line)) put(`column|${table}.${column}`, line);
    } else if (head.kind === 'add_constraint' && table && own) {
      put(`constraint|${table}.${own}`, item.line + countNewlines(item.text, head.at ?? 0));
    } else if ((head.kind === 'index' || head.kind === 'trigger' || head.kind === 'policy') && table && own) {
      put(`${head.kind}|${table}.${own}`, item.line);
    } else if (table && DEFINES[head.kind]) {
      for (const t of DEFINES[head.kind]!) put(`${t}|${table}`, item.line);
    } else if (head.kind === 'type' && /^CREATE/i.test(item.text) && head.name) {
      const key = qualifiedKey(head.name);
      if (key) put(`type|${key}`, item.line);
    } else if ((head.kind === 'function' || head.kind === 'sequence') && head.name && !/^ALTER/i.test(item.text)) {
      const key = qualifiedKey(head.name);
      if (key) for (const t of DEFINES[head.kind]!) put(`${t}|${key}`, item.line);
    }
  }
  return idx;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const COLUMN_LINE = new RegExp(String.raw`^\s+(${IDENT})\s+\S`);
/** Table constraints and LIKE clauses inside CREATE TABLE (a column named `check` would be quoted). */
const NOT_A_COLUMN = /^\s+(CONSTRAINT\s|PRIMARY\s+KEY|UNIQUE\s*[(N]|CHECK\s*\(|FOREIGN\s+KEY|EXCLUDE\s+(USING|\()|LIKE\s)/i;

/**
 * Columns of a CREATE TABLE written one per line (pg_dump's layout): name → line. A line starts
 * a table element only after the `(` line or a line ending in `,` — continuation lines such as
 * `    REFERENCES t (id)` under a constraint are not columns.
 */
function columnLines(statement: string, firstLine: number): [string, number][] {
  const out: [string, number][] = [];
  const lines = statement.split('\n');
  let element = /\(\s*$/.test(lines[0]);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\s*--.*$/, '');
    if (/^\)/.test(line)) break;
    if (line.trim() === '') continue;
    const m = element ? COLUMN_LINE.exec(line) : null;
    if (m && !NOT_A_COLUMN.test(line)) {
      const name = parseIdentList(m[1]);
      if (name && name.length === 1) out.push([name[0], firstLine + i]);
    }
    element = /,\s*$/.test(line);
  }
  return out;
}
