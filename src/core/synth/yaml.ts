/**
 * YAML with positions: the parsed value plus a way to ask where a path (`['tests', 3, 'sql']`)
 * starts in the text, so data errors say file:line:column like syntax errors do.
 */
import { load, parseEvents, getScalarValue, YAMLException, EVENT_ID } from 'js-yaml';
import { InputError } from '../errors';

export type YamlPath = (string | number)[];

export interface LocatedYaml {
  value: unknown;
  /** 1-based line/column where the node at `path` starts (or the nearest ancestor that exists). */
  locate(path: YamlPath): { line: number; column: number };
  /** An InputError located at `path`. */
  error(message: string, path: YamlPath): InputError;
}

export function loadLocatedYaml(text: string, source: string): LocatedYaml {
  let value: unknown;
  let events: ReturnType<typeof parseEvents>;
  try {
    value = load(text, { filename: source });
    events = parseEvents(text, { filename: source });
  } catch (err) {
    const mark = err instanceof YAMLException ? err.mark : undefined;
    const reason = err instanceof YAMLException ? err.reason : String(err);
    throw new InputError(`invalid YAML: ${reason}`, { source, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined }, { cause: err });
  }
  const offsets = pathOffsets(text, events);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const toLineCol = (offset: number) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const locate = (path: YamlPath) => {
    for (let n = path.length; n >= 0; n--) {
      const o = offsets.get(key(path.slice(0, n)));
      if (o !== undefined) return toLineCol(o);
    }
    return { line: 1, column: 1 };
  };
  return {
    value,
    locate,
    error: (message, path) => new InputError(message, { source, ...locate(path) }),
  };
}

const key = (path: YamlPath) => JSON.stringify(path);

/** Walk the event stream of the first document and record the start offset of every node by path. */
function pathOffsets(text: string, events: ReturnType<typeof parseEvents>): Map<string, number> {
  const out = new Map<string, number>();
  type Frame = { kind: 'seq' | 'map'; path: YamlPath; index: number; pendingKey: string | null; expectKey: boolean };
  const stack: Frame[] = [];
  let docs = 0;
  const place = (start: number): YamlPath | null => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    if (top.kind === 'seq') return [...top.path, top.index++];
    if (top.expectKey) return null;
    const k = top.pendingKey ?? '';
    top.expectKey = true;
    void start;
    return [...top.path, k];
  };
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) { if (++docs > 1) break; continue; }
    if (ev.type === EVENT_ID.POP) { stack.pop(); continue; }
    if (ev.type === EVENT_ID.SCALAR) {
      const top = stack[stack.length - 1];
      if (top && top.kind === 'map' && top.expectKey) {
        top.pendingKey = getScalarValue(text, ev);
        top.expectKey = false;
        out.set(key([...top.path, top.pendingKey]), ev.valueStart);
        continue;
      }
      const p = place(ev.valueStart);
      if (p && !out.has(key(p))) out.set(key(p), ev.valueStart);
      continue;
    }
    if (ev.type === EVENT_ID.SEQUENCE || ev.type === EVENT_ID.MAPPING) {
      const top = stack[stack.length - 1];
      if (top && top.kind === 'map' && top.expectKey) {
        // complex key: not used by our formats; treat as an anonymous frame
        stack.push({ kind: ev.type === EVENT_ID.SEQUENCE ? 'seq' : 'map', path: [...top.path, '?'], index: 0, pendingKey: null, expectKey: true });
        top.expectKey = false;
        continue;
      }
      const p = place(ev.start) ?? [];
      if (!out.has(key(p)) && ev.start >= 0) out.set(key(p), ev.start);
      stack.push({ kind: ev.type === EVENT_ID.SEQUENCE ? 'seq' : 'map', path: p, index: 0, pendingKey: null, expectKey: true });
      continue;
    }
    if (ev.type === EVENT_ID.ALIAS) place(ev.anchorStart);
  }
  return out;
}
