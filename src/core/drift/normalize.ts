/**
 * The normalised dump of seed 004 §3.1, so a canonical script and a pg_dump can be diffed
 * line by line as the governance guide's evidence:
 *   (a) lines starting with `--` are removed, (b) blank lines are removed, (c) keywords keep
 *   their case, (d) `OWNER TO` and `COMMENT ON` statements are ignored as noise, (e) objects
 *   are ordered by table + object name so the diff is deterministic.
 * Also treated as noise, because pg_dump writes them around every dump and a hand-written
 * schema never has them: psql meta-commands (`\restrict <random key>`, `\connect`), session
 * `SET …` lines and `SELECT pg_catalog.set_config(…)`.
 *
 * This is a text view for people. The compliance verdict never comes from it: that compares
 * the introspected models, where formatting cannot matter.
 */
import { splitScript } from '../load/split';

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
const QNAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;

/** Identifier for sorting only: unquoted, lower-cased, `public.` dropped (canonical scripts often omit it). */
function key(name: string): string {
  return name
    .split(/\s*\.\s*/)
    .map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase()))
    .filter((p, i, all) => !(i === 0 && all.length > 1 && p === 'public'))
    .join('.');
}

interface Placed {
  /** 0: schema-level (schemas, extensions, roles, types, sequences, functions); 1: belongs to a table. */
  group: number;
  table: string;
  /** Order within a table: the table itself, then constraints/ALTERs, indexes, triggers, policies, grants. */
  rank: number;
  name: string;
  text: string;
}

const TABLE_RULES: { re: RegExp; rank: number; table: number; name?: number }[] = [
  { re: new RegExp(String.raw`^CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY)\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`, 'i'), rank: 0, table: 1 },
  { re: new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`, 'i'), rank: 0, table: 1 },
  { re: new RegExp(String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QNAME}\s+ADD\s+CONSTRAINT\s+${QNAME}`, 'i'), rank: 1, table: 1, name: 2 },
  { re: new RegExp(String.raw`^ALTER\s+(?:TABLE|VIEW|MATERIALIZED\s+VIEW)\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QNAME}`, 'i'), rank: 2, table: 1 },
  { re: new RegExp(String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}\s+ON\s+(?:ONLY\s+)?${QNAME}`, 'i'), rank: 3, table: 2, name: 1 },
  { re: new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+${QNAME}[\s\S]*?\sON\s+${QNAME}`, 'i'), rank: 4, table: 2, name: 1 },
  { re: new RegExp(String.raw`^CREATE\s+POLICY\s+${QNAME}\s+ON\s+${QNAME}`, 'i'), rank: 5, table: 2, name: 1 },
  { re: new RegExp(String.raw`^(?:GRANT|REVOKE)\s[\s\S]*?\sON\s+(?:TABLE\s+)?${QNAME}\s+(?:TO|FROM)\s`, 'i'), rank: 6, table: 1 },
];

const SCHEMA_RULES: { re: RegExp; rank: number }[] = [
  { re: new RegExp(String.raw`^CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`, 'i'), rank: 0 },
  { re: new RegExp(String.raw`^CREATE\s+ROLE\s+${QNAME}`, 'i'), rank: 1 },
  { re: new RegExp(String.raw`^CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?${QNAME}`, 'i'), rank: 2 },
  { re: new RegExp(String.raw`^(?:CREATE|ALTER)\s+(?:TYPE|DOMAIN)\s+${QNAME}`, 'i'), rank: 3 },
  { re: new RegExp(String.raw`^(?:CREATE|ALTER)\s+SEQUENCE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?${QNAME}`, 'i'), rank: 4 },
  { re: new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE|AGGREGATE)\s+${QNAME}`, 'i'), rank: 5 },
];

/** True for statements §3.1 (d) and the pg_dump preamble make noise. */
export function isNoise(statement: string): boolean {
  const s = statement.trimStart();
  return /^\\/.test(s)
    || /^COMMENT\s+ON\s/i.test(s)
    || /^ALTER\s[\s\S]*\sOWNER\s+TO\s/i.test(s)
    || /^SET\s/i.test(s)
    || /^SELECT\s+pg_catalog\.set_config\s*\(/i.test(s);
}

/** (a)(b): drop `--` lines and blank lines; trim every line. */
function stripLines(statement: string): string {
  return statement
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('--'))
    .join('\n');
}

function place(text: string): Placed {
  for (const r of TABLE_RULES) {
    const m = r.re.exec(text);
    if (m) return { group: 1, table: key(m[r.table]), rank: r.rank, name: r.name ? key(m[r.name]) : '', text };
  }
  for (const r of SCHEMA_RULES) {
    const m = r.re.exec(text);
    if (m) return { group: 0, table: '', rank: r.rank, name: key(m[1]), text };
  }
  return { group: 0, table: '', rank: 9, name: '', text };
}

function compare(a: Placed, b: Placed): number {
  return a.group - b.group
    || cmp(a.table, b.table)
    || a.rank - b.rank
    || cmp(a.name, b.name)
    || cmp(a.text, b.text);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Normalises statements already split from a script (one string per statement). */
export function normalizeStatements(statements: readonly string[]): string {
  const placed: Placed[] = [];
  for (const raw of statements) {
    const text = stripLines(raw);
    if (text === '' || isNoise(text)) continue;
    placed.push(place(text));
  }
  placed.sort(compare);
  return placed.map((p) => p.text).join('\n') + (placed.length ? '\n' : '');
}

/** seed 004 §3.1 normalisation of a whole psql script (canonical SQL or a pg_dump). */
export function normalizeDump(sql: string): string {
  return normalizeStatements(splitScript(sql).map((s) => s.text));
}
