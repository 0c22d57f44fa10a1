import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { isNullScalar, loadLocatedYaml, parsePlainYaml, positionOf } from '../../src/core/yaml/located';

const TEXT = [
  'name: demo', //                 1
  'tables:', //                    2
  '  a/b: &t !!str "x"', //        3
  '  list:', //                    4
  '    - one', //                  5
  "    - 'two'", //                6
  '    - *t', //                   7
  '    - {k: v}', //               8
  '',
].join('\n');

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadLocatedYaml', () => {
  const doc = loadLocatedYaml(TEXT, 'f.yaml');

  it('gives the value js-yaml loads', () => {
    expect(doc.value).toEqual({ name: 'demo', tables: { 'a/b': 'x', list: ['one', 'two', 'x', { k: 'v' }] } });
  });

  it.each([
    ['', { value: { line: 1, column: 1 } }],
    ['/name', { value: { line: 1, column: 7 }, key: { line: 1, column: 1 } }],
    // the anchor (its name, after `&`) starts the node; `~1` is an escaped `/`
    ['/tables/a~1b', { value: { line: 3, column: 9 }, key: { line: 3, column: 3 } }],
    ['/tables/list/1', { value: { line: 6, column: 8 } }],
    // an alias starts at its name, after `*`
    ['/tables/list/2', { value: { line: 7, column: 8 } }],
    ['/tables/list/3/k', { value: { line: 8, column: 11 }, key: { line: 8, column: 8 } }],
    // not in the text: the nearest ancestor
    ['/tables/list/9/x', { value: { line: 5, column: 5 }, key: { line: 4, column: 3 } }],
  ])('at(%j) by JSON Pointer', (pointer, want) => {
    expect({ ...doc.at(pointer) }).toEqual(want);
  });

  it('locate([]) is the root', () => {
    expect(doc.locate([])).toEqual({ line: 1, column: 1 });
    expect(loadLocatedYaml('\n\n  - x\n', 'f.yaml').locate([])).toEqual({ line: 3, column: 3 });
  });

  it.each([
    // a mapping value points at its key
    [['tables', 'a/b'], { line: 3, column: 3 }],
    [['tables', 'list'], { line: 4, column: 3 }],
    // a sequence item at its content: inside the quotes
    [['tables', 'list', 1], { line: 6, column: 8 }],
    // an alias item falls back to its sequence (which is a mapping value: its key)
    [['tables', 'list', 2], { line: 4, column: 3 }],
    // indices are numbers in path arrays; missing paths fall back to the nearest ancestor
    [['tables', 'list', '1'], { line: 4, column: 3 }],
    [['tables', 'nope', 'deeper'], { line: 2, column: 1 }],
  ] as const)('locate(%j)', (path, want) => {
    expect(doc.locate(path)).toEqual(want);
  });

  it('error() is an InputError at locate()', () => {
    const e = doc.error('bad', ['tables', 'list', 3, 'k']);
    expect(e.message).toBe('bad');
    expect(e.location).toEqual({ source: 'f.yaml', line: 8, column: 8 });
    expect(String(e)).toBe('f.yaml:8:8: bad');
  });

  it('locates syntax errors at js-yaml\'s mark', () => {
    const e = thrown(() => loadLocatedYaml('a: 1\nb: [1, 2\n', 'f.yaml'));
    expect(e.message).toMatch(/^invalid YAML: /);
    expect(e.location).toMatchObject({ source: 'f.yaml', line: 3 });
    expect(e.cause).toBeDefined();
  });

  it.each([
    ['empty stream', '# only a comment\n', 'invalid YAML: expected a document, but the input is empty'],
    ['several documents', 'a: 1\n---\nb: 2\n', 'invalid YAML: expected a single document in the stream, but found more'],
  ])('%s: unlocated unless `unplaced` is given', (_, text, message) => {
    const bare = thrown(() => loadLocatedYaml(text, 'f.yaml'));
    expect(bare.message).toBe(message);
    expect(bare.location.line).toBeUndefined();
    const placed = thrown(() => loadLocatedYaml(text, 'f.yaml', { unplaced: { line: 1, column: 1 } }));
    expect(placed.location).toEqual({ source: 'f.yaml', line: 1, column: 1 });
  });

  it('rejects what load() rejects, e.g. duplicate keys, at the duplicate', () => {
    const e = thrown(() => loadLocatedYaml('a: 1\na: 2\n', 'f.yaml'));
    expect(e.message).toBe('invalid YAML: duplicated mapping key');
    expect(e.location).toMatchObject({ line: 2, column: 1 });
  });
});

describe('parsePlainYaml', () => {
  it('keeps scalars as text with their style and points at opening quotes', () => {
    const root = parsePlainYaml('a: "1"\nb: ~\nc:\n  - x\n', 'f.yaml');
    expect(root?.kind).toBe('map');
    if (root?.kind !== 'map') return;
    const [a, b, c] = root.entries;
    expect(a.value).toEqual({ kind: 'scalar', value: '1', plain: false, offset: 3 });
    expect(positionOf('a: "1"\n', a.value.offset)).toEqual({ line: 1, column: 4 });
    expect(isNullScalar(b.value)).toBe(true);
    expect(isNullScalar(a.value)).toBe(false);
    expect(c.key).toBe('c');
    expect(c.value.kind === 'seq' && c.value.items[0]).toEqual({ kind: 'scalar', value: 'x', plain: true, offset: 19 });
  });

  it('is null for a document without content', () => {
    expect(parsePlainYaml('# nothing\n', 'f.yaml')).toBeNull();
  });

  it.each([
    ['an alias', 'a: &x 1\nb: *x\n', 'YAML aliases are not supported here', 2, 4],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 'duplicate key "a"', 3, 1],
    ['a non-string key', '[k]: 1\n', 'mapping keys must be plain strings', 1, 1],
    ['a syntax error', 'a: [1\n', 'invalid YAML: ', 2, undefined],
  ])('rejects %s where it is', (_, text, message, line, column) => {
    const e = thrown(() => parsePlainYaml(text, 'f.yaml'));
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.location.line).toBe(line);
    if (column !== undefined) expect(e.location.column).toBe(column);
  });

  it('rejects several documents', () => {
    const e = thrown(() => parsePlainYaml('a: 1\n---\nb: 2\n', 'f.yaml'));
    expect(e.message).toBe('expected one YAML document, found several');
    expect(e.location).toEqual({ source: 'f.yaml' });
  });
});

describe('positionOf', () => {
  it.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [5, 3, 1],
  ])('offset %i → %i:%i', (offset, line, column) => {
    expect(positionOf('ab\nc\nd', offset)).toEqual({ line, column });
  });
});
