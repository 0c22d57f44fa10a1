/**
 * YAML → a small tree that remembers where every node starts, so validation errors can
 * say `file:line:column` about a *value* (js-yaml's `load()` only locates syntax errors).
 * Built from js-yaml 5's event stream (`parseEvents`, offsets into the source).
 */
import { EVENT_ID, SCALAR_STYLE, YAMLException, getScalarValue, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import { InputError } from '../errors';

export type YNode =
  | { kind: 'scalar'; value: string; plain: boolean; offset: number }
  | { kind: 'seq'; items: YNode[]; offset: number }
  | { kind: 'map'; entries: { key: string; keyOffset: number; value: YNode }[]; offset: number };

/** 1-based line and column of a source offset. */
export function locate(src: string, offset: number): { line: number; column: number } {
  const before = src.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parse one YAML document into a located tree. Throws InputError (with line/column) on bad YAML. */
export function parseLocatedYaml(src: string, source: string): YNode | null {
  let events: Event[];
  try {
    events = parseEvents(src, { filename: source });
  } catch (e) {
    if (e instanceof YAMLException) {
      throw new InputError(`invalid YAML: ${e.reason}`, { source, line: (e.mark?.line ?? 0) + 1, column: (e.mark?.column ?? 0) + 1 }, { cause: e });
    }
    throw new InputError(`invalid YAML: ${(e as Error).message}`, { source }, { cause: e });
  }
  let i = 0;
  const docs = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
  if (docs > 1) throw new InputError('expected one YAML document, found several', { source });

  function node(): YNode {
    const e = events[i++];
    switch (e.type) {
      case EVENT_ID.SCALAR:
        {
        // Point at the opening quote of a quoted scalar, where an editor would.
        const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
        return { kind: 'scalar', value: getScalarValue(src, e), plain: e.style === SCALAR_STYLE.PLAIN, offset: quoted ? e.valueStart - 1 : e.valueStart };
      }
      case EVENT_ID.SEQUENCE: {
        const items: YNode[] = [];
        while (events[i].type !== EVENT_ID.POP) items.push(node());
        i++;
        return { kind: 'seq', items, offset: e.start };
      }
      case EVENT_ID.MAPPING: {
        const entries: { key: string; keyOffset: number; value: YNode }[] = [];
        while (events[i].type !== EVENT_ID.POP) {
          const k = node();
          if (k.kind !== 'scalar') throw new InputError('mapping keys must be plain strings', { source, ...locate(src, k.offset) });
          const value = node();
          if (entries.some((x) => x.key === k.value)) throw new InputError(`duplicate key "${k.value}"`, { source, ...locate(src, k.offset) });
          entries.push({ key: k.value, keyOffset: k.offset, value });
        }
        i++;
        return { kind: 'map', entries, offset: e.start };
      }
      case EVENT_ID.ALIAS:
        throw new InputError('YAML aliases are not supported here', { source, ...locate(src, Math.max(0, e.anchorStart - 1)) });
      default:
        throw new InputError(`unexpected YAML event ${e.type}`, { source });
    }
  }

  while (i < events.length && events[i].type === EVENT_ID.DOCUMENT) i++;
  if (i >= events.length || events[i].type === EVENT_ID.POP) return null;
  return node();
}

/** A plain scalar that YAML reads as null (`~`, `null`, empty). */
export function isNullScalar(n: YNode): boolean {
  return n.kind === 'scalar' && n.plain && /^(~|null|Null|NULL|)$/.test(n.value);
}
