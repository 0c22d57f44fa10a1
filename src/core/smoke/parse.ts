/** schema/smoke/*.yaml → SmokeTest[], with InputErrors located at the offending key. */

import { loadLocatedYaml, type LocatedYaml, type YamlPath } from '../yaml/located';
import type { Comparison, SmokeExpect, SmokeInsert, SmokeSeed, SmokeStep, SmokeTest } from './types';

const TEST_KEYS = new Set(['id', 'phase', 'title', 'requires', 'as', 'tenant', 'seed', 'setup', 'sql', 'expect']);

export function parseSmokeTests(yaml: string, source: string): SmokeTest[] {
  const doc = loadLocatedYaml(yaml, source);
  const root = doc.value;
  if (root === null || root === undefined) return [];
  if (!isMap(root)) throw doc.error('a smoke file is a mapping: `phase:` and `tests:`', []);
  for (const k of Object.keys(root)) if (k !== 'phase' && k !== 'tests') throw doc.error(`unknown key \`${k}\` (expected \`phase\`, \`tests\`)`, [k]);
  const filePhase = root.phase === undefined ? null : str(doc, root.phase, ['phase']);
  if (!Array.isArray(root.tests)) throw doc.error('`tests` must be a list', ['tests']);
  const seen = new Set<string>();
  return root.tests.map((raw: unknown, i: number) => {
    const at: YamlPath = ['tests', i];
    if (!isMap(raw)) throw doc.error('each test must be a mapping', at);
    for (const k of Object.keys(raw)) if (!TEST_KEYS.has(k)) throw doc.error(`unknown key \`${k}\` in a smoke test`, [...at, k]);
    const id = str(doc, raw.id, [...at, 'id'], 'id');
    if (seen.has(id)) throw doc.error(`duplicate smoke test id \`${id}\``, [...at, 'id']);
    seen.add(id);
    const phase = raw.phase === undefined ? filePhase : str(doc, raw.phase, [...at, 'phase']);
    if (!phase) throw doc.error(`test ${id} has no phase (set \`phase\` on the file or the test)`, at);
    const as = raw.as === undefined ? 'app' : str(doc, raw.as, [...at, 'as']);
    const tenant = tenantOf(doc, raw.tenant, [...at, 'tenant'], as === 'superuser' ? null : 'a');
    const requires = raw.requires === undefined ? [] : list(doc, raw.requires, [...at, 'requires']).map((r, j) => str(doc, r, [...at, 'requires', j]));
    const seed = raw.seed === undefined ? [] : list(doc, raw.seed, [...at, 'seed']).map((s, j) => seedOf(doc, s, [...at, 'seed', j], tenant));
    const setup = raw.setup === undefined ? [] : typeof raw.setup === 'string' ? [raw.setup] : list(doc, raw.setup, [...at, 'setup']).map((s, j) => str(doc, s, [...at, 'setup', j]));
    if (raw.sql === undefined) throw doc.error(`test ${id} has no \`sql\``, at);
    const steps = (typeof raw.sql === 'string' || isMap(raw.sql) ? [raw.sql] : list(doc, raw.sql, [...at, 'sql'])).map((s, j) => stepOf(doc, s, typeof raw.sql === 'string' || isMap(raw.sql) ? [...at, 'sql'] : [...at, 'sql', j]));
    if (raw.expect === undefined) throw doc.error(`test ${id} has no \`expect\``, at);
    const expect = expectOf(doc, raw.expect, [...at, 'expect']);
    const title = raw.title === undefined ? id : str(doc, raw.title, [...at, 'title']);
    return { id, phase: phase.toLowerCase(), title, requires, as, tenant, seed, setup, steps, expect, source: `${source}:${doc.locate(at).line}` };
  });
}

function seedOf(doc: LocatedYaml, raw: unknown, at: YamlPath, tenant: 'a' | 'b' | null): SmokeSeed {
  if (!isMap(raw)) throw doc.error('a seed is `{ table, tenant?, ref?, values? }`', at);
  for (const k of Object.keys(raw)) if (!['table', 'tenant', 'ref', 'values'].includes(k)) throw doc.error(`unknown key \`${k}\` in a seed`, [...at, k]);
  const ins = insertOf(doc, raw, at);
  const ref = raw.ref === undefined ? null : str(doc, raw.ref, [...at, 'ref']);
  if (ref !== null && !/^[A-Za-z_]\w*$/.test(ref)) throw doc.error(`ref \`${ref}\` must be a plain name`, [...at, 'ref']);
  return { ...ins, tenant: tenantOf(doc, raw.tenant, [...at, 'tenant'], tenant), ref };
}

function insertOf(doc: LocatedYaml, raw: Record<string, unknown>, at: YamlPath): SmokeInsert {
  const table = str(doc, raw.table, [...at, 'table'], 'table');
  if (!/^[^.\s]+\.[^.\s]+$/.test(table)) throw doc.error(`table \`${table}\` must be schema-qualified`, [...at, 'table']);
  const values: Record<string, string | null> = {};
  if (raw.values !== undefined) {
    if (!isMap(raw.values)) throw doc.error('`values` maps column names to values', [...at, 'values']);
    for (const [k, v] of Object.entries(raw.values)) {
      if (v === null) values[k] = null;
      else if (['string', 'number', 'boolean'].includes(typeof v)) values[k] = String(v);
      else if (isMap(v) || Array.isArray(v)) values[k] = JSON.stringify(v); // json/jsonb columns
      else throw doc.error(`value of ${k} must be a scalar`, [...at, 'values', k]);
    }
  }
  return { table, values };
}

function stepOf(doc: LocatedYaml, raw: unknown, at: YamlPath): SmokeStep {
  if (typeof raw === 'string') return { sql: raw, insert: null, expect: null };
  if (!isMap(raw)) throw doc.error('a step is SQL text, `{ sql, expect? }` or `{ insert: { table, values }, expect? }`', at);
  for (const k of Object.keys(raw)) if (!['sql', 'insert', 'expect'].includes(k)) throw doc.error(`unknown key \`${k}\` in a step`, [...at, k]);
  const expect = raw.expect === undefined ? null : expectOf(doc, raw.expect, [...at, 'expect']);
  if (raw.insert !== undefined) {
    if (!isMap(raw.insert)) throw doc.error('`insert` is `{ table, values }`', [...at, 'insert']);
    return { sql: null, insert: insertOf(doc, raw.insert, [...at, 'insert']), expect };
  }
  return { sql: str(doc, raw.sql, [...at, 'sql'], 'sql'), insert: null, expect };
}

const COUNT = /^\s*(>=|<=|=|>|<)?\s*(\d+)\s*$/;

function expectOf(doc: LocatedYaml, raw: unknown, at: YamlPath): SmokeExpect {
  if (!isMap(raw) || Object.keys(raw).length !== 1) {
    throw doc.error('`expect` has exactly one of: rows, affected, error, returns_no_row, uses_index, ok', at);
  }
  const [k, v] = Object.entries(raw)[0];
  const count = (): { op: Comparison; count: number } => {
    const m = COUNT.exec(String(v));
    if (!m) throw doc.error(`\`${k}\` must be a count like 0, 1 or ">=1"`, [...at, k]);
    return { op: (m[1] ?? '=') as Comparison, count: Number(m[2]) };
  };
  switch (k) {
    case 'rows': return { kind: 'rows', ...count() };
    case 'affected': return { kind: 'affected', ...count() };
    case 'error': {
      const s = String(v);
      if (!/^[0-9A-Z]{5}$/.test(s)) throw doc.error(`\`error\` must be a 5-character SQLSTATE such as 23502 (got ${s})`, [...at, k]);
      return { kind: 'error', sqlstate: s };
    }
    case 'returns_no_row':
      if (v !== true) throw doc.error('`returns_no_row` must be true', [...at, k]);
      return { kind: 'returns_no_row' };
    case 'uses_index': return { kind: 'uses_index', index: str(doc, v, [...at, k]) };
    case 'ok':
      if (v !== true) throw doc.error('`ok` must be true', [...at, k]);
      return { kind: 'ok' };
    default:
      throw doc.error(`unknown expectation \`${k}\` (rows, affected, error, returns_no_row, uses_index, ok)`, [...at, k]);
  }
}

function tenantOf(doc: LocatedYaml, v: unknown, at: YamlPath, dflt: 'a' | 'b' | null): 'a' | 'b' | null {
  if (v === undefined) return dflt;
  if (v === null || v === 'a' || v === 'b') return v;
  throw doc.error('`tenant` is a, b or null', at);
}

function str(doc: LocatedYaml, v: unknown, at: YamlPath, what?: string): string {
  if (typeof v === 'string' && v.trim()) return v;
  if (typeof v === 'number') return String(v);
  throw doc.error(what ? `\`${what}\` is required and must be text` : 'expected text', at);
}

function list(doc: LocatedYaml, v: unknown, at: YamlPath): unknown[] {
  if (!Array.isArray(v)) throw doc.error('expected a list', at);
  return v;
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

