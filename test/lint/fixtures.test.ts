/**
 * ONE parameterised test over fixtures/lint/<rule>/: each rule reports exactly the marked lines
 * (and columns) of its invalid files and nothing in its valid files. Markers (`-- expect`,
 * `-- expect:COL`, `# expect`) are blanked to spaces before linting, so positions are unchanged.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/adapters/pg-parser';
import { lintText, RULES, type SqlParser } from '../../src/core/lint';
import { parseSpec } from '../../src/core/spec/parse';
import { readFixture } from './fixture-file';

const root = 'fixtures/lint';
const spec = parseSpec(readFileSync(join(root, 'overlay.yaml'), 'utf8'), 'fixtures/lint/overlay.yaml');
let parser: SqlParser;
beforeAll(async () => {
  parser = await loadSqlParser();
});

const cases = RULES.flatMap((r) => {
  const dir = join(root, r.id);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^(valid|invalid)\.(sql|py)$/.test(f)).sort() : [];
  return files.map((f) => [r.id, f] as const);
});

describe('lint fixtures', () => {
  it('every rule has a valid and an invalid fixture', () => {
    for (const r of RULES) {
      const dir = join(root, r.id);
      expect(existsSync(join(dir, 'invalid.sql')) || existsSync(join(dir, 'invalid.py')), `${r.id}: invalid fixture`).toBe(true);
      expect(existsSync(join(dir, 'valid.sql')) || existsSync(join(dir, 'valid.py')), `${r.id}: valid fixture`).toBe(true);
    }
  });

  it.each(cases)('%s/%s', (id, file) => {
    const { text, expected } = readFixture(join(root, id, file));
    // A rule that is off by default is tested as the overlay that turns it on would run it.
    const on = RULES.find((r) => r.id === id)?.severity === 'off' ? { ...spec, lint: { requiredColumns: [], ...spec.lint, rules: { ...spec.lint?.rules, [id]: 'warning' as const } } } : spec;
    const res = lintText(text, { file, parser, spec: on });
    const got = res.findings.filter((f) => f.rule === id);
    if (file.startsWith('valid')) {
      // A waived destructive finding is reported (with its reason) but does not fail: valid.
      expect(got.filter((f) => f.waived === undefined).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      expect(expected).toEqual([]);
      return;
    }
    expect(expected.length, 'an invalid fixture marks at least one line').toBeGreaterThan(0);
    expect(got.map((f) => f.line)).toEqual(expected.map((e) => e.line));
    for (const [i, e] of expected.entries()) if (e.column !== undefined) expect(`${got[i].line}:${got[i].column}`).toBe(`${e.line}:${e.column}`);
    for (const f of got) expect(f.waived, `${f.line}: not waived`).toBeUndefined();
  });
});
