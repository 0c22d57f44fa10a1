/**
 * YAML overlay text → Spec. Every problem is an InputError located at the 1-based line and
 * column of the offending node: YAML syntax, JSON Schema violations
 * (schema/canonical_schema.schema.json), then cross-references the schema cannot express —
 * unknown phase ids, prerequisite cycles, duplicate phases and element identities, unknown
 * invariant categories, identities of the wrong shape for their type.
 */
import Ajv, { type ErrorObject } from 'ajv';
import overlaySchema from '../../../schema/canonical_schema.schema.json';
import { InputError } from '../errors';
import { DEFAULT_EXTRA, DEFAULT_UNTAGGED } from './defaults';
import { RULES_BY_ID } from '../lint/registry';
import { identityProblem } from './identity';
import type { ElementType, Phase, Severity, Spec, SpecElement, Tenancy } from './types';
import { parseTenancy, type RawTenancy } from './tenancy';
import { loadLocatedYaml } from '../yaml/located';

/** The overlay as written (snake_case), once it passed the JSON Schema. */
interface RawOverlay {
  name: string;
  invariants?: Record<string, Severity>;
  defaults?: { untagged?: Severity; extra?: Severity };
  tenancy?: RawTenancy | null;
  phases: {
    id: string; name: string; prerequisites?: string[]; regression?: string[]; smoke?: string[];
    allow_degraded?: boolean; description?: string; migration_checks?: ('lint' | 'reversibility')[];
  }[];
  elements: { type: ElementType; object: string; invariant?: string; severity?: Severity; phases?: string[]; rationale?: string }[];
  lint?: { rules?: Record<string, 'error' | 'warning' | 'off'>; required_columns?: string[] };
}

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(value: unknown): ErrorObject[] {
  // Compiled once, lazily: importing this module costs nothing until a spec is parsed.
  validator ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(overlaySchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Parse and validate an overlay. `source` labels locations, e.g. `schema/canonical_schema.yaml`. */
export function parseSpec(text: string, source: string): Spec {
  if (text.trim() === '') throw new InputError('overlay is empty: expected a YAML mapping with name, phases and elements', { source, line: 1, column: 1 });

  const doc = loadLocatedYaml(text, source, {
    unplaced: { line: 1, column: 1 },
    failure: (err) => new InputError(`cannot read overlay: ${(err as Error).message}`, { source, line: 1, column: 1 }, { cause: err }),
  });
  const value = doc.value;
  const fail = (pointer: string, message: string, at: 'value' | 'key' = 'value'): never => {
    const loc = doc.at(pointer);
    const pos = at === 'key' && loc.key ? loc.key : loc.value;
    throw new InputError(message, { source, line: pos.line, column: pos.column });
  };

  const errors = validate(value);
  if (errors.length > 0) {
    const e = mostSpecific(errors);
    const extra = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} in the overlay)` : '';
    if (e.keyword === 'additionalProperties') {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      fail(`${e.instancePath}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`, `${describe(e.instancePath)}: unknown property '${prop}'${extra}`, 'key');
    }
    fail(e.instancePath, `${describe(e.instancePath)}: ${explain(e)}${extra}`);
  }
  const raw = value as RawOverlay;
  const invariants = raw.invariants ?? {};

  // Phases: unique ids, known references, no prerequisite cycle.
  const phaseIndex = new Map<string, number>();
  raw.phases.forEach((p, i) => {
    const first = phaseIndex.get(p.id);
    if (first !== undefined) fail(`/phases/${i}/id`, `duplicate phase id '${p.id}' (first defined at line ${doc.at(`/phases/${first}`).value.line})`);
    phaseIndex.set(p.id, i);
  });
  raw.phases.forEach((p, i) => {
    for (const list of ['prerequisites', 'regression'] as const) {
      (p[list] ?? []).forEach((ref, j) => {
        if (!phaseIndex.has(ref)) fail(`/phases/${i}/${list}/${j}`, `phase '${p.id}': unknown phase '${ref}' in ${list}${knownPhases(phaseIndex)}`);
      });
    }
  });
  checkCycles(raw, phaseIndex, fail);

  // Elements: known phases and invariants, identity shape, unique (type, object).
  const seen = new Map<string, number>();
  raw.elements.forEach((el, i) => {
    const problem = identityProblem(el.type, el.object);
    if (problem) fail(`/elements/${i}/object`, `element '${el.object}': ${problem}`);
    const key = `${el.type}|${el.object}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`/elements/${i}/object`, `duplicate element: ${el.type} '${el.object}' is already tagged at line ${doc.at(`/elements/${first}`).value.line}`);
    }
    seen.set(key, i);
    if (el.invariant !== undefined && !(el.invariant in invariants)) {
      fail(`/elements/${i}/invariant`, `element '${el.object}': unknown invariant '${el.invariant}' (declared: ${Object.keys(invariants).join(', ') || 'none'})`);
    }
    (el.phases ?? []).forEach((ref, j) => {
      if (!phaseIndex.has(ref)) fail(`/elements/${i}/phases/${j}`, `element '${el.object}': unknown phase '${ref}'${knownPhases(phaseIndex)}`);
    });
  });

  for (const id of Object.keys(raw.lint?.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) fail(`/lint/rules/${id}`, `unknown lint rule '${id}' (rules: docs/rules/lint/)`);
  }

  let tenancy: Tenancy | null = null;
  if (raw.tenancy) {
    const t = parseTenancy(raw.tenancy);
    if ('pointer' in t) fail(t.pointer, t.message);
    else tenancy = t;
  }
  const phases: Phase[] = raw.phases.map((p) => ({
    id: p.id,
    name: p.name,
    prerequisites: [...(p.prerequisites ?? [])],
    regression: [...(p.regression ?? [])],
    smoke: [...(p.smoke ?? [])],
    allowDegraded: p.allow_degraded ?? false,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.migration_checks ? { migrationChecks: [...p.migration_checks] } : {}),
  }));
  const elements: SpecElement[] = raw.elements.map((el, i) => ({
    type: el.type,
    object: el.object,
    ...(el.invariant !== undefined ? { invariant: el.invariant } : {}),
    ...(el.severity !== undefined ? { severity: el.severity } : {}),
    phases: [...(el.phases ?? [])],
    ...(el.rationale !== undefined ? { rationale: el.rationale } : {}),
    line: doc.at(`/elements/${i}`).value.line,
  }));
  return {
    name: raw.name,
    invariants: { ...invariants },
    defaults: { untagged: raw.defaults?.untagged ?? DEFAULT_UNTAGGED, extra: raw.defaults?.extra ?? DEFAULT_EXTRA },
    tenancy,
    phases,
    elements,
    source,
    ...(raw.lint ? { lint: { rules: { ...(raw.lint.rules ?? {}) }, requiredColumns: [...(raw.lint.required_columns ?? [])] } } : {}),
  };
}

function knownPhases(index: Map<string, number>): string {
  return index.size ? ` (known: ${[...index.keys()].join(', ')})` : ' (no phases are defined)';
}

/** Depth-first search over prerequisites; reports the edge that closes a cycle. */
function checkCycles(raw: RawOverlay, index: Map<string, number>, fail: (pointer: string, message: string) => never): void {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    trail.push(id);
    const i = index.get(id)!;
    (raw.phases[i].prerequisites ?? []).forEach((pre, j) => {
      if (state.get(pre) === 'open') {
        const cycle = [...trail.slice(trail.indexOf(pre)), pre].join(' → ');
        fail(`/phases/${i}/prerequisites/${j}`, `phase '${id}': prerequisite cycle ${cycle}`);
      }
      if (!state.has(pre)) visit(pre);
    });
    trail.pop();
    state.set(id, 'done');
  };
  for (const p of raw.phases) if (!state.has(p.id)) visit(p.id);
}

/** The error people should see first: skip combinator summaries, prefer the deepest path. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const pool = concrete.length ? concrete : errors;
  // Deeper paths are more precise; at equal depth a `type` error is usually the other branch of
  // a nullable oneOf (`tenancy: null`), so any other keyword explains more.
  // An unknown key is pointed at exactly (its key), so it goes before a `required` on the same object.
  const rank: Record<string, number> = { type: 0, additionalProperties: 2 };
  const score = (e: ErrorObject) => e.instancePath.split('/').length * 3 + (rank[e.keyword] ?? 1);
  return pool.reduce((best, e) => (score(e) > score(best) ? e : best), pool[0]);
}

/** `/elements/3/severity` → `elements[3].severity`; root → `overlay`. */
function describe(pointer: string): string {
  if (pointer === '') return 'overlay';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

function explain(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `missing required property '${String(p.missingProperty)}'`;
    case 'pattern':
      return `'${String(e.data)}' does not match ${String(p.pattern)}`;
    case 'uniqueItems':
      return `duplicate items (${String(p.j)} and ${String(p.i)})`;
    default:
      return e.message ?? e.keyword;
  }
}
