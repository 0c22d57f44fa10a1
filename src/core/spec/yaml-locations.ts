/**
 * Where each node of a YAML document is, keyed by JSON Pointer (`/elements/3/phases/0`), the
 * same path syntax ajv reports as `instancePath`. Built from js-yaml's event stream, which
 * references the source by offsets, so no second parser is needed.
 */
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface NodeLocation {
  /** Where the node's value starts (its anchor/tag if any, else its first character). */
  value: Position;
  /** Where its mapping key starts, when the node is a mapping value. */
  key?: Position;
}

/** Offset → 1-based line/column, by binary search over line starts. */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** JSON Pointer segment escaping (RFC 6901), as ajv's instancePath uses it. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Frame {
  kind: 'map' | 'seq';
  /** Pointer of this collection; null inside a complex (non-scalar) key, which we do not index. */
  path: string | null;
  index: number;
  expectKey: boolean;
  key: string | null;
  keyOffset: number;
}

function startOf(e: Event): number {
  const starts: number[] = [];
  if ('anchorStart' in e && e.anchorStart >= 0) starts.push(e.anchorStart);
  if ('tagStart' in e && e.tagStart >= 0) starts.push(e.tagStart);
  if (e.type === EVENT_ID.SCALAR && e.valueStart >= 0) starts.push(e.valueStart);
  if ((e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) && e.start >= 0) starts.push(e.start);
  return starts.length ? Math.min(...starts) : 0;
}

/**
 * Locations of every node of the first document. The text must already be known to parse
 * (call js-yaml's `load` first: it reports syntax errors with their mark).
 */
export function yamlLocations(text: string): Map<string, NodeLocation> {
  const lineStarts = lineStartsOf(text);
  const at = (offset: number) => positionAt(lineStarts, offset);
  const out = new Map<string, NodeLocation>();
  const stack: Frame[] = [];
  let documents = 0;

  for (const e of parseEvents(text, {})) {
    if (e.type === EVENT_ID.DOCUMENT) {
      documents++;
      continue;
    }
    if (documents > 1) break;
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    // A node in key position of a mapping.
    if (top && top.kind === 'map' && top.expectKey) {
      top.expectKey = false;
      top.keyOffset = startOf(e);
      top.key = e.type === EVENT_ID.SCALAR ? getScalarValue(text, e) : null;
      if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
        stack.push({ kind: e.type === EVENT_ID.MAPPING ? 'map' : 'seq', path: null, index: 0, expectKey: true, key: null, keyOffset: 0 });
      }
      continue;
    }
    // A node in value position: the document root, a sequence item or a mapping value.
    let path: string | null;
    let key: Position | undefined;
    if (!top) path = '';
    else if (top.path === null) path = null;
    else if (top.kind === 'seq') path = `${top.path}/${top.index++}`;
    else {
      path = top.key === null ? null : `${top.path}/${escapePointer(top.key)}`;
      key = at(top.keyOffset);
      top.expectKey = true;
    }
    if (path !== null) out.set(path, { value: at(startOf(e)), key });
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      stack.push({ kind: e.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, index: 0, expectKey: true, key: null, keyOffset: 0 });
    }
  }
  return out;
}

/** The location of a pointer, or of its nearest indexed ancestor. */
export function locate(locations: Map<string, NodeLocation>, pointer: string): NodeLocation {
  let p = pointer;
  for (;;) {
    const hit = locations.get(p);
    if (hit) return hit;
    if (p === '') return { value: { line: 1, column: 1 } };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
