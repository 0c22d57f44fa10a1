/**
 * A tour for a schema nobody wrote one for: generated from the catalogs alone. Tables are
 * grouped by connected component of the foreign-key graph (largest group first) and, inside a
 * group, in foreign-key order — a table comes after the tables it references, so the narration
 * builds from the roots (tenants, users, accounts…) outwards. Each table is narrated from its
 * `COMMENT ON` text and its constraints: key, references, allowed values, RLS.
 */
import type { SchemaModel, Table } from '../model';
import { parseAllowedValues } from './check-values';
import type { Tour, TourStep } from './tour';

const qn = (schema: string, name: string) => `${schema}.${name}`;

export interface TableOrder {
  /** Connected components of the FK graph, largest first; each in FK order (referenced first). */
  groups: string[][];
}

/** Groups and orders the tables (pure, deterministic: ties broken by name). */
export function foreignKeyOrder(model: SchemaModel): TableOrder {
  const names = model.tables.map((t) => qn(t.schema, t.name)).sort();
  const known = new Set(names);
  const refs = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  const undirected = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  for (const c of model.constraints) {
    if (c.type !== 'foreign key' || !c.foreignKey) continue;
    const from = qn(c.schema, c.table);
    const to = c.foreignKey.refTable;
    if (!known.has(from) || !known.has(to) || from === to) continue;
    refs.get(from)!.add(to);
    undirected.get(from)!.add(to);
    undirected.get(to)!.add(from);
  }
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const start of names) {
    if (seen.has(start)) continue;
    const comp: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const n = stack.pop()!;
      comp.push(n);
      for (const m of undirected.get(n)!) if (!seen.has(m)) { seen.add(m); stack.push(m); }
    }
    groups.push(topo(comp.sort(), refs));
  }
  groups.sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  return { groups };
}

/** Kahn's order on "references"; a cycle is broken at its alphabetically first table. */
function topo(nodes: string[], refs: Map<string, Set<string>>): string[] {
  const inComp = new Set(nodes);
  const pending = new Map(nodes.map((n) => [n, new Set([...refs.get(n)!].filter((r) => inComp.has(r)))]));
  const out: string[] = [];
  while (pending.size) {
    const ready = [...pending.keys()].filter((n) => pending.get(n)!.size === 0).sort();
    const next = ready.length ? ready : [[...pending.keys()].sort()[0]];
    for (const n of next) {
      out.push(n);
      pending.delete(n);
      for (const deps of pending.values()) deps.delete(n);
    }
  }
  return out;
}

/** Markdown-lite (text-blocks.ts) has `code` spans: keep a backtick in a name from breaking one. */
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const plain = (s: string) => s.replace(/[`*]/g, '');

function narrate(model: SchemaModel, t: Table): string {
  const id = qn(t.schema, t.name);
  const lines: string[] = [];
  if (t.comment) lines.push(plain(t.comment.trim()), '');
  const cons = model.constraints.filter((c) => c.schema === t.schema && c.table === t.name);
  const pk = cons.find((c) => c.type === 'primary key');
  lines.push(`${code(id)} has ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}${pk ? `, keyed by ${pk.columns.map(code).join(', ')}` : ', and no primary key'}.`);
  const facts: string[] = [];
  for (const c of cons) {
    if (c.type === 'foreign key' && c.foreignKey) facts.push(`${c.columns.map(code).join(', ')} references ${code(c.foreignKey.refTable)} (on delete ${c.foreignKey.onDelete.toLowerCase()})`);
  }
  const referencedBy = model.constraints.filter((c) => c.type === 'foreign key' && c.foreignKey?.refTable === id && qn(c.schema, c.table) !== id)
    .map((c) => qn(c.schema, c.table));
  if (referencedBy.length) facts.push(`referenced by ${[...new Set(referencedBy)].sort().slice(0, 6).map(code).join(', ')}${new Set(referencedBy).size > 6 ? ' and more' : ''}`);
  for (const c of cons) {
    if (c.type === 'unique') facts.push(`unique: ${c.columns.map(code).join(', ')}`);
    if (c.type === 'check') {
      const v = parseAllowedValues(c.definition);
      if (v) facts.push(`${code(v.column)} allows ${v.values.map(code).join(', ')}${v.allowsNull ? ' or NULL' : ''}`);
    }
  }
  facts.push(t.rlsEnabled ? `row-level security is on${t.rlsForced ? ' and forced' : ' (not forced: the owner bypasses it)'}` : 'row-level security is off');
  if (facts.length) lines.push('', ...facts.map((f) => `- ${f}`));
  const commented = t.columns.filter((c) => c.comment).slice(0, 6);
  if (commented.length) lines.push('', 'Columns described in the schema:', '', ...commented.map((c) => `- ${code(c.name)}: ${plain(c.comment!.trim())}`));
  return lines.join('\n');
}

/**
 * The generated tour: an overview, then the tables in FK order (at most `maxTables` of them,
 * taken from the groups in order), then where to go next.
 */
export function generateTour(model: SchemaModel, maxTables = 12): Tour {
  const { groups } = foreignKeyOrder(model);
  const byName = new Map(model.tables.map((t) => [qn(t.schema, t.name), t]));
  const steps: TourStep[] = [];
  const step = (s: Omit<TourStep, 'line'>) => steps.push({ ...s, line: 0 });
  const schemas = [...new Set(model.tables.map((t) => t.schema))].sort();
  step({
    id: 'overview', title: 'The schema at a glance', route: '#/erd', highlight: null,
    body: [
      `This tour was generated from the schema itself (no authored tour fits it): ${model.tables.length} tables in ${schemas.length} schema${schemas.length === 1 ? '' : 's'} (${schemas.map(code).join(', ')}), ${groups.length} group${groups.length === 1 ? '' : 's'} of tables connected by foreign keys.`,
      '',
      'Tables are visited group by group, largest first, and inside a group in foreign-key order: a table comes after the tables it references. The narration is the schema\'s own `COMMENT ON` text and constraints.',
    ].join('\n'),
  });
  let shown = 0;
  groups.forEach((g, gi) => {
    for (const name of g) {
      if (shown >= maxTables) return;
      const t = byName.get(name)!;
      step({
        id: `table-${shown + 1}`, title: `${g.length > 1 ? `Group ${gi + 1} · ` : ''}${t.schema === 'public' ? t.name : name}`,
        route: '#/dictionary', highlight: name, body: narrate(model, t),
      });
      shown++;
    }
  });
  if (shown < model.tables.length) {
    step({ id: 'the-rest', title: 'The rest of the schema', route: '#/dictionary', highlight: null,
      body: `${model.tables.length - shown} more tables are not narrated here. The data dictionary lists every table with its columns, keys and comments; the ERD shows the groups.` });
  }
  step({ id: 'checking-a-dump', title: 'Checking a dump against it', route: '#/compliance', highlight: null,
    body: 'Open a `pg_dump` with **Open dump** (or drop it anywhere on the page): the compliance view lists what differs from this schema, the RLS view tests isolation by behaviour, and the drift table records what the team decides about each difference.' });
  return { title: 'Generated tour', steps, source: '(generated from the schema)' };
}

/** Whether an authored tour is about this schema: most of the objects it points at exist in it. */
export function tourFits(tour: Tour, present: (object: string) => boolean): boolean {
  const pointed = tour.steps.map((s) => s.highlight).filter((h): h is string => h !== null);
  if (pointed.length === 0) return true;
  return pointed.filter(present).length * 2 >= pointed.length;
}
