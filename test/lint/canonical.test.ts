/**
 * Done-criterion of issue 13: Skeldir's canonical lints clean under its own overlay, or every
 * finding is explained in schema/DECISIONS.md (D-16 names each one's rule and object).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadSqlParser } from '../../src/adapters/pg-parser';
import { isBlocking, lintText } from '../../src/core/lint';
import { parseSpec } from '../../src/core/spec/parse';

it('canonical: no error finding; every warning is explained in DECISIONS.md D-16', async () => {
  const parser = await loadSqlParser();
  const spec = parseSpec(readFileSync('schema/canonical_schema.yaml', 'utf8'), 'schema/canonical_schema.yaml');
  const res = lintText(readFileSync('schema/canonical_schema.sql', 'utf8'), { file: 'schema/canonical_schema.sql', parser, spec });
  expect(res.statements).toBeGreaterThan(50);
  expect(res.findings.filter(isBlocking)).toEqual([]);
  const d16 = readFileSync('schema/DECISIONS.md', 'utf8').split('## D-16')[1] ?? '';
  for (const f of res.findings) {
    const object = /(\w+)\(([\w, ]+)\)|(\w+\.\w+)/.exec(f.message)?.[0] ?? '';
    expect(d16, `${f.rule} ${f.message}`).toContain(`\`${f.rule}\``);
    expect(d16, `${f.rule} ${f.message}`).toContain(object);
  }
});
