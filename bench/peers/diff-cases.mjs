/**
 * The schema pairs of other diff tools' test suites, read straight from their git snapshots
 * (bare git dirs, e.g. from the `fetch` tool: /work/.mirror/<owner>+<name>/repo):
 *
 * - migra (djrobstep/migra): tests/FIXTURES/<case>/a.sql → b.sql, and, where the case has a
 *   non-empty additions.sql, `<case>+additions`: a.sql then additions.sql → b.sql (migra's test
 *   applies additions to the "from" database before diffing again). migra's tests create the role
 *   `schemainspect_test_role` first; so do we.
 * - pg-schema-diff (stripe/pg-schema-diff): every acceptanceTestCase literal in
 *   internal/migration_acceptance_tests/*_test.go: oldSchemaDDL → newSchemaDDL (`nil` is the empty
 *   schema), with the roles the case creates first. A case whose DDL is not a string literal (or a
 *   `+` of literals) is skipped with that reason, never guessed.
 *
 * `readPeer(name, gitDir)` → { peer, source, commit, cases: [{ id, a, b, roles, expectEmpty }], skipped: [{ id, reason }] }.
 * `a` / `b` are SQL scripts (a list of statements' texts joined by `;` lines).
 */
import { execFileSync } from 'node:child_process';

export const PEERS = {
  migra: { source: 'https://github.com/djrobstep/migra', gitDir: '/work/.mirror/djrobstep+migra/repo', read: migraCases },
  'pg-schema-diff': { source: 'https://github.com/stripe/pg-schema-diff', gitDir: '/work/.mirror/stripe+pg-schema-diff/repo', read: pgSchemaDiffCases },
};

export function readPeer(name, gitDir = PEERS[name].gitDir) {
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const commit = git('rev-parse', 'HEAD').trim();
  return { peer: name, source: PEERS[name].source, commit, ...PEERS[name].read(git) };
}

function migraCases(git) {
  const root = 'tests/FIXTURES';
  const files = new Set(git('ls-tree', '-r', '--name-only', 'HEAD', `${root}/`).split('\n').filter(Boolean));
  const names = [...new Set([...files].map((f) => f.split('/')[2]))].sort();
  const read = (c, f) => (files.has(`${root}/${c}/${f}`) ? git('show', `HEAD:${root}/${c}/${f}`) : null);
  const cases = [];
  const skipped = [];
  const roles = ['schemainspect_test_role'];
  for (const c of names) {
    const a = read(c, 'a.sql');
    const b = read(c, 'b.sql');
    if (a === null || b === null) { skipped.push({ id: c, reason: 'no a.sql / b.sql' }); continue; }
    const expected = read(c, 'expected.sql') ?? '';
    cases.push({ id: c, a, b, roles, expectEmpty: expected.trim() === '' });
    const additions = read(c, 'additions.sql') ?? '';
    if (additions.trim()) cases.push({ id: `${c}+additions`, a: `${a}\n;\n${additions}`, b, roles, expectEmpty: (read(c, 'expected2.sql') ?? '').trim() === '' });
  }
  return { cases, skipped };
}

function pgSchemaDiffCases(git) {
  const dir = 'internal/migration_acceptance_tests';
  const files = git('ls-tree', '--name-only', 'HEAD', `${dir}/`).split('\n').filter((f) => f.endsWith('_test.go'));
  const cases = [];
  const skipped = [];
  for (const f of files) {
    const toks = goTokens(git('show', `HEAD:${f}`));
    const file = f.slice(dir.length + 1, -'_cases_test.go'.length).replace(/_test\.go$/, '');
    for (let i = 0; i < toks.length; i++) {
      // `[]acceptanceTestCase{` opens a list of case literals.
      if (!(toks[i].v === '[' && toks[i + 1]?.v === ']' && toks[i + 2]?.v === 'acceptanceTestCase' && toks[i + 3]?.v === '{')) continue;
      let j = i + 4;
      const seen = new Map();
      while (toks[j] && toks[j].v !== '}') {
        if (toks[j].v !== '{') throw new Error(`${f}: expected a case literal, found ${toks[j].v}`);
        const end = matching(toks, j);
        const fields = caseFields(toks.slice(j + 1, end));
        const name = stringOf(fields.name) ?? `#${seen.size}`;
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        const id = `${file}/${name}${n > 1 ? ` (${n})` : ''}`;
        const old = stringList(fields.oldSchemaDDL);
        const neu = stringList(fields.newSchemaDDL);
        const roles = stringList(fields.roles);
        if (!old || !neu || !roles) skipped.push({ id, reason: 'its DDL or roles are not string literals' });
        else cases.push({ id, a: joinDdl(old), b: joinDdl(neu), roles, expectEmpty: fields.expectEmptyPlan?.[0]?.v === 'true' });
        j = end + 1;
        if (toks[j]?.v === ',') j++;
      }
      i = j;
    }
  }
  return { cases, skipped };
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const joinDdl = (stmts) => stmts.map((s) => `${s}\n;\n`).join('');

/** `name: value,` pairs of one composite literal (the tokens between its braces). */
function caseFields(toks) {
  const fields = {};
  for (let i = 0; i < toks.length;) {
    if (toks[i + 1]?.v !== ':') throw new Error(`case field expected near ${toks[i]?.v}`);
    const key = toks[i].v;
    let j = i + 2;
    let depth = 0;
    for (; j < toks.length; j++) {
      const v = toks[j].t === 'p' ? toks[j].v : '';
      if (OPEN.has(v)) depth++;
      else if (CLOSE.has(v)) depth--;
      else if (v === ',' && depth === 0) break;
    }
    fields[key] = toks.slice(i + 2, j);
    i = j + 1;
  }
  return fields;
}

/** A string expression: one literal or literals joined by `+`; else null. */
function stringOf(toks) {
  if (!toks?.length) return null;
  let s = '';
  for (let i = 0; i < toks.length; i++) {
    if (i % 2 === 1) { if (toks[i].v !== '+') return null; continue; }
    if (toks[i].t !== 's') return null;
    s += toks[i].v;
  }
  return s;
}

/** `nil`, absent (→ []), or `[]string{ expr, … }` of string expressions; else null. */
function stringList(toks) {
  if (!toks || (toks.length === 1 && toks[0].v === 'nil')) return [];
  if (!(toks[0]?.v === '[' && toks[1]?.v === ']' && toks[2]?.v === 'string' && toks[3]?.v === '{')) return null;
  const out = [];
  let cur = [];
  for (const t of toks.slice(4, -1)) {
    if (t.v === ',' && t.t === 'p') { out.push(cur); cur = []; } else cur.push(t);
  }
  if (cur.length) out.push(cur);
  const strs = out.map(stringOf);
  return strs.some((s) => s === null) ? null : strs;
}

function matching(toks, open) {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    if (toks[k].t !== 'p') continue;
    if (OPEN.has(toks[k].v)) depth++;
    else if (CLOSE.has(toks[k].v) && --depth === 0) return k;
  }
  throw new Error('unbalanced braces');
}

/** Go tokens: strings (`s`, value unescaped), punctuation (`p`), words (`w`); comments dropped. */
export function goTokens(src) {
  const toks = [];
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i) + 2; continue; }
    if (c === '`') { const e = src.indexOf('`', i + 1); toks.push({ t: 's', v: src.slice(i + 1, e).replace(/\r/g, '') }); i = e + 1; continue; }
    if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (; src[j] !== c; j++) {
        if (src[j] !== '\\') { v += src[j]; continue; }
        const n = src[++j];
        v += { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" }[n] ?? `\\${n}`;
      }
      toks.push({ t: c === '"' ? 's' : 'w', v });
      i = j + 1;
      continue;
    }
    const w = /^[A-Za-z0-9_.]+/.exec(src.slice(i, i + 200));
    if (w) { toks.push({ t: 'w', v: w[0] }); i += w[0].length; continue; }
    toks.push({ t: 'p', v: c });
    i++;
  }
  return toks;
}
