/**
 * An overlay belongs to its canonical schema: every element it tags must exist there. An
 * entry naming an object the canonical lacks is a typo or an overlay meant for another schema
 * (e.g. the bundled Skeldir overlay next to someone else's canonical); it would never match a
 * divergence and silently tag nothing, so the check refuses it (exit 3) and lists them all.
 */
import { InputError } from '../errors';
import type { SchemaModel } from '../model';
import { splitIdentity } from './identity';
import { readQuoted } from '../pgtext/ident';
import type { ElementType, Spec, SpecElement } from './types';

/**
 * `"Odd.Name"` → `Odd.Name`, `""` → `"`: identities compared as the comparer spells them. A bare
 * part is kept as written (classify() matches overlay identities by exact string, not folded).
 */
function unquote(part: string): string {
  return part.startsWith('"') ? readQuoted(part, 0, '"')?.value ?? part : part;
}

function normalise(type: ElementType, object: string): string {
  if (type === 'function') {
    const open = object.indexOf('(');
    return (splitIdentity(object.slice(0, open), '.') ?? []).map(unquote).join('.') + object.slice(open);
  }
  if (type === 'privilege') {
    const [obj, role] = splitIdentity(object, ':') ?? [object, ''];
    return `${normalise('table', obj)}:${unquote(role)}`;
  }
  return (splitIdentity(object, '.') ?? [object]).map(unquote).join('.');
}

/** Every identity the canonical model offers, per overlay element type. */
function identities(m: SchemaModel): Record<ElementType, Set<string>> {
  const q = (o: { schema: string; name: string }) => `${o.schema}.${o.name}`;
  const onTable = (o: { schema: string; table: string; name: string }) => `${o.schema}.${o.table}.${o.name}`;
  const tables = m.tables.map(q);
  const views = m.views.filter((v) => !v.materialized).map(q);
  const matviews = m.views.filter((v) => v.materialized).map(q);
  const functions = m.functions.map((f) => `${f.schema}.${f.name}(${f.identityArgs})`);
  // A privilege entry may tag a grant the canonical withholds ("app_rw must never UPDATE"), so it
  // only needs its object to exist.
  const grantable = [...tables, ...views, ...matviews, ...m.sequences.map(q), ...m.schemas];
  return {
    table: new Set(tables),
    rls: new Set(tables),
    column: new Set(m.tables.flatMap((t) => t.columns.map((c) => `${t.schema}.${t.name}.${c.name}`))),
    constraint: new Set(m.constraints.map(onTable)),
    index: new Set(m.indexes.map(onTable)),
    policy: new Set(m.policies.map(onTable)),
    trigger: new Set(m.triggers.map(onTable)),
    function: new Set(functions),
    view: new Set([...views, ...matviews]),
    materialized_view: new Set(matviews),
    sequence: new Set(m.sequences.map(q)),
    type: new Set(m.types.map(q)),
    extension: new Set(m.extensions.map((e) => e.name)),
    privilege: new Set(grantable),
  };
}

/** Overlay elements whose object the canonical schema does not have. */
export function elementsAbsentFromCanonical(spec: Spec, canonical: SchemaModel): SpecElement[] {
  const ids = identities(canonical);
  return spec.elements.filter((el) => {
    const id = normalise(el.type, el.object);
    const key = el.type === 'privilege' ? id.slice(0, id.lastIndexOf(':')) : id;
    return !ids[el.type].has(key);
  });
}

/** Throws an InputError (exit 3) at the first such element, listing every one. */
export function assertOverlayMatchesCanonical(spec: Spec, canonical: SchemaModel, canonicalName: string): void {
  const absent = elementsAbsentFromCanonical(spec, canonical);
  if (absent.length === 0) return;
  const shown = absent.slice(0, 20).map((el) => `${el.type} ${el.object}${el.line ? ` (line ${el.line})` : ''}`).join('; ');
  const more = absent.length > 20 ? `; and ${absent.length - 20} more` : '';
  throw new InputError(
    `the overlay names ${absent.length} object${absent.length === 1 ? '' : 's'} absent from the canonical schema ${canonicalName}: ${shown}${more}. ` +
      'Is this overlay meant for another schema? Give the matching --spec, or --no-spec for a generic comparison.',
    { source: spec.source, line: absent[0].line, column: 1 },
  );
}
