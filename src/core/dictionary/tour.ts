/**
 * The onboarding walkthrough is data (`schema/tour.yaml`): an ordered list of steps, each
 * pointing at a route of the app and optionally at one schema object. This module parses
 * and validates it with located errors; the engine never names a table itself.
 *
 *   title: Onboarding
 *   steps:
 *     - id: remediation-states
 *       title: Valid states of a column
 *       route: '#/dictionary'
 *       highlight: public.dead_events.remediation_status   # optional
 *       body: |
 *         Paragraphs, `code`, **strong**, - bullet and 1. numbered lists.
 */
import { InputError } from '../errors';
import type { SchemaModel } from '../model';
import { parseAllowedValues } from './check-values';
import { isNullScalar, positionOf as locate, parsePlainYaml as parseLocatedYaml, type PlainNode as YNode } from '../yaml/located';

export interface TourStep {
  /** Stable id (kebab/snake case), used to remember progress. */
  id: string;
  title: string;
  /** Markdown-lite text (see text-blocks.ts), rendered as text nodes. */
  body: string;
  /** App route the step shows, e.g. `#/dictionary`, `#/compliance`. */
  route: string;
  /** Object the step points at, e.g. `public.dead_events.remediation_status`; null for none. */
  highlight: string | null;
  /** 1-based line in the YAML where the step starts. */
  line: number;
}

export interface Tour {
  title: string;
  steps: TourStep[];
  /** Source label, e.g. `schema/tour.yaml`. */
  source: string;
}

const STEP_KEYS = ['id', 'title', 'body', 'route', 'highlight'] as const;
const ID_RE = /^[a-z0-9][a-z0-9_-]*$/;
/** `#/view` or `#/view/object`; the view is a lower-case word. */
const ROUTE_RE = /^#\/[a-z][a-z0-9-]*(\/\S+)?$/;

/** Parse and validate a tour. Throws InputError at the offending line/column. */
export function parseTour(yaml: string, source: string): Tour {
  const root = parseLocatedYaml(yaml, source);
  const at = (n: { offset: number }) => ({ source, ...locate(yaml, n.offset) });
  if (!root) throw new InputError('the tour is empty', { source, line: 1, column: 1 });
  if (root.kind !== 'map') throw new InputError('the tour must be a mapping with `title` and `steps`', at(root));

  for (const e of root.entries) {
    if (e.key !== 'title' && e.key !== 'steps') throw new InputError(`unknown key "${e.key}" (expected title, steps)`, { source, ...locate(yaml, e.keyOffset) });
  }
  const get = (m: Extract<YNode, { kind: 'map' }>, k: string) => m.entries.find((e) => e.key === k)?.value;
  const str = (n: YNode | undefined, what: string, where: { offset: number }): string => {
    if (!n) throw new InputError(`${what} is required`, at(where));
    if (n.kind !== 'scalar' || isNullScalar(n)) throw new InputError(`${what} must be a string`, at(n));
    if (n.value.trim() === '') throw new InputError(`${what} must not be empty`, at(n));
    return n.value;
  };

  const title = str(get(root, 'title'), '`title`', root);
  const stepsNode = get(root, 'steps');
  if (!stepsNode) throw new InputError('`steps` is required', at(root));
  if (stepsNode.kind !== 'seq') throw new InputError('`steps` must be a list', at(stepsNode));
  if (stepsNode.items.length === 0) throw new InputError('`steps` must not be empty', at(stepsNode));

  const seen = new Map<string, number>();
  const steps = stepsNode.items.map((n, i): TourStep => {
    if (n.kind !== 'map') throw new InputError(`step ${i + 1} must be a mapping`, at(n));
    for (const e of n.entries) {
      if (!(STEP_KEYS as readonly string[]).includes(e.key)) {
        throw new InputError(`step ${i + 1}: unknown key "${e.key}" (expected ${STEP_KEYS.join(', ')})`, { source, ...locate(yaml, e.keyOffset) });
      }
    }
    const idNode = get(n, 'id');
    const id = str(idNode, `step ${i + 1}: \`id\``, n);
    if (!ID_RE.test(id)) throw new InputError(`step ${i + 1}: id "${id}" must be lower-case letters, digits, - or _`, at(idNode!));
    const { line } = locate(yaml, n.offset);
    if (seen.has(id)) throw new InputError(`step ${i + 1}: duplicate id "${id}" (first used on line ${seen.get(id)})`, at(idNode!));
    seen.set(id, line);
    const routeNode = get(n, 'route');
    const route = str(routeNode, `step "${id}": \`route\``, n);
    if (!ROUTE_RE.test(route)) throw new InputError(`step "${id}": route "${route}" must look like #/view or #/view/object`, at(routeNode!));
    const h = get(n, 'highlight');
    const highlight = h === undefined || isNullScalar(h) ? null : str(h, `step "${id}": \`highlight\``, n);
    return { id, title: str(get(n, 'title'), `step "${id}": \`title\``, n), body: str(get(n, 'body'), `step "${id}": \`body\``, n).trimEnd(), route, highlight, line };
  });
  return { title, steps, source };
}

/**
 * The hash a step navigates to: its route, with the highlighted object as the route's
 * object segment (`#/dictionary` + `public.t.c` → `#/dictionary/public.t.c`).
 */
export function stepHash(step: Pick<TourStep, 'route' | 'highlight'>): string {
  if (!step.highlight) return step.route;
  const view = /^#\/[^/]+/.exec(step.route)?.[0] ?? step.route;
  // Same encoding as the app router's formatHash: dots stay readable.
  return `${view}/${encodeURIComponent(step.highlight).replace(/%2E/gi, '.')}`;
}

export interface ObjectFact {
  kind: 'table' | 'view' | 'column' | 'constraint' | 'index' | 'policy' | 'trigger';
  /** One line as Postgres prints it, e.g. `CHECK (...)`, `character varying(50) NOT NULL`. */
  detail: string;
}

/**
 * What the loaded schema says about an object id, so a tour step can show the live fact
 * next to its prose; null when the schema has no such object (the step says so).
 */
export function describeObject(model: SchemaModel, object: string): ObjectFact | null {
  for (const t of model.tables) {
    const id = `${t.schema}.${t.name}`;
    if (object === id) return { kind: 'table', detail: `${t.columns.length} columns; RLS ${t.rlsEnabled ? (t.rlsForced ? 'enabled and forced' : 'enabled, not forced') : 'disabled'}` };
    if (!object.startsWith(`${id}.`)) continue;
    const name = object.slice(id.length + 1);
    const col = t.columns.find((c) => c.name === name);
    if (col) {
      const allowed = model.constraints
        .filter((c) => c.schema === t.schema && c.table === t.name && c.type === 'check')
        .map((c) => ({ c, v: parseAllowedValues(c.definition) }))
        .find((x) => x.v?.column === col.name);
      const values = allowed?.v ? `; allowed values (${allowed.c.name}): ${allowed.v.values.join(', ')}${allowed.v.allowsNull ? ', or NULL' : ''}` : '';
      return { kind: 'column', detail: `${col.type}${col.notNull ? ' NOT NULL' : ''}${col.default ? ` DEFAULT ${col.default}` : ''}${values}` };
    }
  }
  for (const v of model.views) if (object === `${v.schema}.${v.name}`) return { kind: 'view', detail: `${v.materialized ? 'materialized view' : 'view'}, ${v.columns.length} columns` };
  const named = <T extends { schema: string; table: string; name: string }>(xs: T[]) => xs.find((x) => `${x.schema}.${x.table}.${x.name}` === object);
  const c = named(model.constraints);
  if (c) return { kind: 'constraint', detail: c.definition };
  const i = named(model.indexes);
  if (i) return { kind: 'index', detail: i.definition };
  const p = named(model.policies);
  if (p) return { kind: 'policy', detail: `${p.command} TO ${p.roles.join(', ')}${p.using ? ` USING (${p.using})` : ''}${p.withCheck ? ` WITH CHECK (${p.withCheck})` : ''}` };
  const tr = named(model.triggers);
  if (tr) return { kind: 'trigger', detail: tr.definition };
  return null;
}
