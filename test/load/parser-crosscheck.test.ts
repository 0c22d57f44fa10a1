/**
 * Dev-only proof that the splitter's statement boundaries are the real PostgreSQL parser's:
 * libpg-query (PostgreSQL's own grammar compiled to WASM) parses each fixture with the psql-only
 * parts blanked out (meta-command lines, COPY data), and its statements must be exactly ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitScript } from '../../src/core/load/split';

const root = 'fixtures/load';
// Cases broken on purpose with a syntax error (42601) have no parse to compare with.
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => !readFileSync(join(root, name, 'expected.json'), 'utf8').includes('"sqlstate": "42601"'))
  .sort();

/** Same text with meta-command lines and COPY data (plus its `\.`) replaced by spaces. */
function sqlOnly(text: string): string {
  let out = text;
  const blank = (from: number, to: number) => {
    out = out.slice(0, from) + out.slice(from, to).replace(/[^\n]/g, ' ') + out.slice(to);
  };
  for (const item of splitScript(text)) {
    if (item.kind === 'meta') blank(item.offset, item.offset + item.text.length);
    if (item.kind === 'copy') {
      const dataStart = text.indexOf('\n', item.offset + item.text.length) + 1;
      const term = /\n\\\.\r?(\n|$)/g;
      term.lastIndex = dataStart - 1;
      const m = term.exec(text);
      blank(dataStart, m ? m.index + m[0].length : text.length);
    }
  }
  return out;
}

/** Strips leading whitespace and comments, as the parser's statement location may include them. */
function trimLead(s: string): string {
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) s = t.slice(t.includes('\n') ? t.indexOf('\n') : t.length);
    else if (t.startsWith('/*')) s = t.slice(t.indexOf('*/') + 2);
    else return t;
  }
}

describe('splitter vs the PostgreSQL parser (libpg-query)', () => {
  beforeAll(async () => {
    await loadModule();
  });

  it.each(cases)('%s: same statements', (name) => {
    const text = readFileSync(join(root, name, 'dump.sql'), 'utf8');
    const sql = sqlOnly(text);
    const bytes = new TextEncoder().encode(sql);
    const dec = new TextDecoder();
    const parsed = parseSync(sql) as { stmts: { stmt_location?: number; stmt_len?: number }[] };
    // stmt_location / stmt_len are byte offsets into the UTF-8 text; stmt_len 0 means "to the end".
    const theirs = parsed.stmts.map((s) => {
      const from = s.stmt_location ?? 0;
      const to = s.stmt_len ? from + s.stmt_len : bytes.length;
      return trimLead(dec.decode(bytes.subarray(from, to))).replace(/;\s*$/, '').trimEnd();
    });
    const ours = splitScript(text)
      .filter((i) => i.kind !== 'meta')
      .map((i) => i.text.replace(/;$/, '').trimEnd());
    expect(ours.length).toBeGreaterThan(5);
    expect(ours).toEqual(theirs);
  });
});
