/**
 * YAML with locations: the plain value js-yaml loads, plus where each node of the text starts
 * (1-based line/column), so a data error can say `file:line:column` the way a syntax error does.
 * Built from js-yaml 5's event stream (`parseEvents`, zero-based offsets into the source), so
 * no second parser is involved.
 *
 * Two entry points:
 * - `loadLocatedYaml` — the value as `load()` gives it (typed scalars), and lookups by
 *   JSON Pointer (`/elements/3/phases/0`, the syntax ajv reports as `instancePath`) or by
 *   path array (`['tests', 3, 'sql']`).
 * - `parsePlainYaml` — a tree whose scalars stay text (with their plain/quoted style), for
 *   formats that decide types themselves; rejects aliases, non-string keys, duplicate keys and
 *   several documents.
 */
import { EVENT_ID, SCALAR_STYLE, YAMLException, getScalarValue, load, parseEvents, type Event } from 'js-yaml';
import { InputError } from '../errors';

/** 1-based line and column, as editors count. */
export interface Position {
  line: number;
  column: number;
}

/** A path into the document: mapping keys as strings, sequence indices as numbers. */
export type YamlPath = readonly (string | number)[];

/** Where a node is, for JSON Pointer lookups. */
export interface NodeLocation {
  /** Where the node starts: its anchor's name (after `&`) or tag if it has one, else its first character (inside the quotes of a quoted scalar, after an alias's `*`). */
  value: Position;
  /** Where its key starts (same rule), when the node is a mapping value. */
  key?: Position;
}

export interface LocatedYaml {
  /** The document as js-yaml's `load()` returns it. */
  readonly value: unknown;
  /**
   * The location of the node at a JSON Pointer (`''` is the root) or path, or of its nearest
   * ancestor present in the text; line 1 column 1 when there is none.
   */
  at(path: string | YamlPath): NodeLocation;
  /**
   * Where a data error about `path` should point: the key of a mapping value, else the
   * node's content (after anchor/tag; inside the quotes of a quoted scalar). Aliases in
   * sequences and missing nodes fall back to the nearest ancestor; line 1 column 1 if none.
   */
  locate(path: YamlPath): Position;
  /** An InputError at `locate(path)`. */
  error(message: string, path: YamlPath): InputError;
}

export interface LoadOptions {
  /** Position for a YAML error js-yaml gives no mark for (empty stream, several documents). Default: none. */
  unplaced?: Position;
  /** The error for a failure that is not a YAMLException. Default: `invalid YAML: …`, unlocated. */
  failure?: (err: unknown) => InputError;
}

/** Offset → 1-based position, for one text (line starts computed once). */
export function positionsOf(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** 1-based position of one offset in `text`. */
export function positionOf(text: string, offset: number): Position {
  return positionsOf(text)(offset);
}

/** A js-yaml failure as an InputError: `invalid YAML: <reason>` at js-yaml's mark. */
export function yamlError(err: unknown, source: string, options: LoadOptions = {}): InputError {
  if (err instanceof YAMLException) {
    const mark = err.mark;
    return new InputError(
      `invalid YAML: ${err.reason}`,
      { source, line: mark ? mark.line + 1 : options.unplaced?.line, column: mark ? mark.column + 1 : options.unplaced?.column },
      { cause: err },
    );
  }
  if (options.failure) return options.failure(err);
  return new InputError(`invalid YAML: ${String(err)}`, { source, line: undefined, column: undefined }, { cause: err });
}

/** Parse one document with `load()` and index where its nodes are. Throws InputError on bad YAML. */
export function loadLocatedYaml(text: string, source: string, options: LoadOptions = {}): LocatedYaml {
  let value: unknown;
  let events: Event[];
  try {
    value = load(text, { filename: source });
    events = parseEvents(text, { filename: source });
  } catch (err) {
    throw yamlError(err, source, options);
  }
  const root = buildTree(text, events, source).root;
  const pos = positionsOf(text);
  const locate = (path: YamlPath): Position => {
    const chain = walk(root, path, false);
    for (let k = chain.length - 1; k >= 0; k--) {
      const { node, key } = chain[k];
      if (key) return pos(key.at.content);
      if (node.kind !== 'alias') return pos(node.at.content);
    }
    return { line: 1, column: 1 };
  };
  return {
    value,
    at(path) {
      const chain = typeof path === 'string' ? walk(root, parsePointer(path), true) : walk(root, path, false);
      const last = chain[chain.length - 1];
      if (!last) return { value: { line: 1, column: 1 } };
      return { value: pos(last.node.at.start), key: last.key ? pos(last.key.at.start) : undefined };
    },
    locate,
    error: (message, path) => new InputError(message, { source, ...locate(path) }),
  };
}

/** A node of `parsePlainYaml`'s tree; `offset` is where an editor would point (a quoted scalar's opening quote). */
export type PlainNode =
  | { kind: 'scalar'; value: string; plain: boolean; offset: number }
  | { kind: 'seq'; items: PlainNode[]; offset: number }
  | { kind: 'map'; entries: { key: string; keyOffset: number; value: PlainNode }[]; offset: number };

/**
 * Parse one YAML document into a tree of text scalars, or null if it has no content.
 * Throws InputError (with line/column) on bad YAML, aliases, non-string or duplicate keys,
 * and several documents.
 */
export function parsePlainYaml(text: string, source: string): PlainNode | null {
  let events: Event[];
  try {
    events = parseEvents(text, { filename: source });
  } catch (err) {
    throw yamlError(err, source, {
      unplaced: { line: 1, column: 1 },
      failure: (e) => new InputError(`invalid YAML: ${(e as Error).message}`, { source }, { cause: e }),
    });
  }
  const { root, documents } = buildTree(text, events, source);
  if (documents > 1) throw new InputError('expected one YAML document, found several', { source });
  const at = (offset: number) => ({ source, ...positionOf(text, offset) });
  // Document order, so the first problem in the text is the one reported.
  const plain = (n: YamlNode): PlainNode => {
    switch (n.kind) {
      case 'scalar':
        return { kind: 'scalar', value: n.value, plain: n.plain, offset: n.at.token };
      case 'seq':
        return { kind: 'seq', items: n.items.map(plain), offset: n.at.token };
      case 'map': {
        const entries: { key: string; keyOffset: number; value: PlainNode }[] = [];
        for (const entry of n.entries) {
          const k = plain(entry.key);
          if (k.kind !== 'scalar') throw new InputError('mapping keys must be plain strings', at(k.offset));
          const value = plain(entry.value);
          if (entries.some((x) => x.key === k.value)) throw new InputError(`duplicate key "${k.value}"`, at(k.offset));
          entries.push({ key: k.value, keyOffset: k.offset, value });
        }
        return { kind: 'map', entries, offset: n.at.token };
      }
      case 'alias':
        throw new InputError('YAML aliases are not supported here', at(n.at.token));
    }
  };
  return root && plain(root);
}

/** A plain scalar that YAML reads as null (`~`, `null`, empty). */
export function isNullScalar(n: PlainNode): boolean {
  return n.kind === 'scalar' && n.plain && /^(~|null|Null|NULL|)$/.test(n.value);
}

// ---------------------------------------------------------------------------------------------

/** Three readings of where a node starts, as offsets. */
interface Offsets {
  /** The earliest of anchor name, tag and content (`&a !!str x` → the `a` after `&`). */
  start: number;
  /** Where the parser says the content starts: inside a quoted scalar's quotes, after an alias's `*`. */
  content: number;
  /** Where an editor points: a quoted scalar's opening quote, an alias's `*`, else `content`. */
  token: number;
}

type YamlNode =
  | { kind: 'scalar'; value: string; plain: boolean; at: Offsets }
  | { kind: 'seq'; items: YamlNode[]; at: Offsets }
  | { kind: 'map'; entries: { key: YamlNode; value: YamlNode }[]; at: Offsets }
  | { kind: 'alias'; at: Offsets };

/** The smallest present (non-negative) offset, else 0. */
function first(...offsets: number[]): number {
  const present = offsets.filter((o) => o >= 0);
  return present.length ? Math.min(...present) : 0;
}

/** The first document's node tree, and how many documents the stream has. */
function buildTree(text: string, events: Event[], source: string): { root: YamlNode | null; documents: number } {
  const documents = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
  let i = 0;
  const node = (): YamlNode => {
    const e = events[i++];
    switch (e.type) {
      case EVENT_ID.SCALAR: {
        const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
        const at = { start: first(e.anchorStart, e.tagStart, e.valueStart), content: e.valueStart, token: quoted ? e.valueStart - 1 : e.valueStart };
        return { kind: 'scalar', value: getScalarValue(text, e), plain: e.style === SCALAR_STYLE.PLAIN, at };
      }
      case EVENT_ID.SEQUENCE: {
        const at = { start: first(e.anchorStart, e.tagStart, e.start), content: e.start, token: e.start };
        const items: YamlNode[] = [];
        while (events[i].type !== EVENT_ID.POP) items.push(node());
        i++;
        return { kind: 'seq', items, at };
      }
      case EVENT_ID.MAPPING: {
        const at = { start: first(e.anchorStart, e.tagStart, e.start), content: e.start, token: e.start };
        const entries: { key: YamlNode; value: YamlNode }[] = [];
        while (events[i].type !== EVENT_ID.POP) entries.push({ key: node(), value: node() });
        i++;
        return { kind: 'map', entries, at };
      }
      case EVENT_ID.ALIAS:
        return { kind: 'alias', at: { start: first(e.anchorStart), content: e.anchorStart, token: Math.max(0, e.anchorStart - 1) } };
      default:
        throw new InputError(`unexpected YAML event ${e.type}`, { source });
    }
  };
  while (i < events.length && events[i].type === EVENT_ID.DOCUMENT) i++;
  if (i >= events.length || events[i].type === EVENT_ID.POP) return { root: null, documents };
  return { root: node(), documents };
}

/** RFC 6901: `/a~1b/0` → `['a/b', '0']`. */
function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The nodes from the root along `path`, as far as the text has them; each with its key when
 * it is a mapping value. Keys match by text (the last of duplicates wins); sequence items
 * by number, or by decimal text when `textIndices` (JSON Pointer).
 */
function walk(root: YamlNode | null, path: readonly (string | number)[], textIndices: boolean): { node: YamlNode; key?: YamlNode }[] {
  if (!root) return [];
  const chain: { node: YamlNode; key?: YamlNode }[] = [{ node: root }];
  for (const segment of path) {
    const { node } = chain[chain.length - 1];
    let next: { node: YamlNode; key?: YamlNode } | undefined;
    if (node.kind === 'map' && typeof segment === 'string') {
      for (const e of node.entries) if (e.key.kind === 'scalar' && e.key.value === segment) next = { node: e.value, key: e.key };
    } else if (node.kind === 'seq') {
      const index = typeof segment === 'number' ? segment : textIndices && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
      if (Number.isInteger(index) && index >= 0 && index < node.items.length) next = { node: node.items[index] };
    }
    if (!next) break;
    chain.push(next);
  }
  return chain;
}
