#!/usr/bin/env node
/**
 * Extracts squawk's rule test cases (sbdchd/squawk, crates/squawk_linter/src/rules/<rule>.rs) into
 * fixtures/peers/squawk/: one folder per squawk rule, one file per SQL case, named
 * `<test>[-<n>].<ok|err>.sql`, and manifest.json with the settings each case ran with.
 *
 *   node bench/peers/squawk-extract.mjs [SQUAWK_GIT_DIR]   (default /work/.mirror/sbdchd+squawk/repo)
 *
 * Where a case comes from, in squawk's test helpers (crates/squawk_linter/src/test_utils.rs):
 * - `lint_errors(sql, …)` / `lint_errors_with(sql, settings, …)` assert at least one violation → `err`;
 * - `lint_ok(sql, …)` / `lint_ok_with(…)` assert none → `ok`;
 * - `fix("…")` / `fix_sql("…", …)` assert the input has violations (→ `err`) and that the fixed
 *   text (the `@"…"` inline snapshot) has none (→ `ok`).
 * Settings: `assume_in_transaction: true` and `pg_version: "N"` are recorded per case. Calls through
 * any other helper are counted as skipped and listed in the manifest, never guessed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const gitDir = process.argv[2] ?? '/work/.mirror/sbdchd+squawk/repo';
const out = 'fixtures/peers/squawk';
const rulesDir = 'crates/squawk_linter/src/rules';
const git = (...args) => execFileSync('git', ['--git-dir', gitDir.endsWith('.git') || gitDir.endsWith('repo') ? gitDir : join(gitDir, '.git'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

const commit = git('rev-parse', 'HEAD').trim();
const files = git('ls-tree', '--name-only', 'HEAD', `${rulesDir}/`).split('\n').filter((f) => f.endsWith('.rs') && !f.endsWith('/mod.rs'));

/** Reads a Rust string literal at `i` (`"…"`, `r"…"`, `r#"…"#`); returns its value and end, else null. */
function literalAt(src, i) {
  const raw = /^r(#*)"/.exec(src.slice(i, i + 8));
  if (raw) {
    const close = `"${raw[1]}`;
    const start = i + raw[0].length;
    const end = src.indexOf(close, start);
    return end < 0 ? null : { value: src.slice(start, end), end: end + close.length };
  }
  if (src[i] !== '"') return null;
  let v = '';
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '"') return { value: v, end: j + 1 };
    if (c !== '\\') { v += c; continue; }
    const n = src[++j];
    if (n === 'n') v += '\n';
    else if (n === 't') v += '\t';
    else if (n === 'r') v += '\r';
    else if (n === '0') v += '\0';
    else if (n === '\n') { while (/\s/.test(src[j + 1] ?? '')) j++; } // line continuation
    else v += n;
  }
  return null;
}

const skipWs = (src, i) => { while (/\s/.test(src[i] ?? '')) i++; return i; };

/** The test functions of a rule file: name and body text. */
function testFns(src) {
  const mod = src.indexOf('mod test');
  if (mod < 0) return [];
  const body = src.slice(mod);
  const re = /#\[test\]\s*(?:#\[[^\]]*\]\s*)*fn\s+(\w+)\s*\(\)\s*\{/g;
  const starts = [...body.matchAll(re)];
  return starts.map((m, k) => ({ name: m[1], text: body.slice(m.index + m[0].length, starts[k + 1]?.index ?? body.length) }));
}

const CALL = /\b(lint_errors_with|lint_ok_with|lint_errors|lint_ok|fix_sql_with|fix_sql|fix|lint)\s*\(/g;

function casesOf(fn) {
  const vars = new Map();
  const found = [];
  const skipped = [];
  // Events in text order: `let x = "…"` bindings and helper calls.
  const events = [];
  for (const m of fn.text.matchAll(/let\s+(?:mut\s+)?(\w+)\s*(?::\s*&str\s*)?=\s*/g)) events.push({ at: m.index, kind: 'let', name: m[1], valueAt: m.index + m[0].length });
  for (const m of fn.text.matchAll(CALL)) events.push({ at: m.index, kind: 'call', helper: m[1], argAt: m.index + m[0].length });
  events.sort((a, b) => a.at - b.at);
  for (const [k, e] of events.entries()) {
    if (e.kind === 'let') {
      const lit = literalAt(fn.text, skipWs(fn.text, e.valueAt));
      if (lit) vars.set(e.name, lit.value);
      continue;
    }
    const a = skipWs(fn.text, e.argAt);
    let sql = null;
    let end = a;
    const lit = literalAt(fn.text, a);
    if (lit) { sql = lit.value; end = lit.end; } else {
      const id = /^\w+/.exec(fn.text.slice(a))?.[0];
      if (id && vars.has(id)) { sql = vars.get(id); end = a + id.length; }
    }
    if (sql === null) { skipped.push(`${e.helper}(…) argument is not a string literal or a bound one`); continue; }
    // Settings written in this test up to the next call (squawk builds them in a `let` or inline as an argument).
    const nextCall = events.slice(k + 1).find((x) => x.kind === 'call')?.at ?? fn.text.length;
    const before = fn.text.slice(0, nextCall);
    const settings = {};
    if (/_with$/.test(e.helper)) {
      if (/assume_in_transaction:\s*true/.test(before)) settings.assume_in_transaction = true;
      const v = /pg_version:\s*"(\d+)"/.exec(before) ?? /\bpg(\d+)\(\)/.exec(before);
      if (v) settings.pg_version = Number(v[1]);
    }
    if (e.helper === 'lint') { skipped.push('lint(…) result inspected by hand'); continue; }
    const expect = e.helper.startsWith('lint_ok') ? 'ok' : 'err';
    found.push({ expect, sql, settings, helper: e.helper });
    if (e.helper.startsWith('fix')) {
      // `assert_snapshot!(fix("…"), @"fixed")`: the fixed text lints clean.
      const snap = /^\s*\)?\s*,\s*@/.exec(fn.text.slice(end));
      if (snap) {
        const fixed = literalAt(fn.text, end + snap[0].length);
        if (fixed) found.push({ expect: 'ok', sql: fixed.value, settings, helper: `${e.helper} (fixed text)` });
      }
    }
  }
  return { found, skipped };
}

rmSync(out, { recursive: true, force: true });
const manifest = { source: 'https://github.com/sbdchd/squawk', commit, path: rulesDir, license: 'Apache-2.0 OR MIT (LICENSE-APACHE, LICENSE-MIT)', rules: {} };
let total = 0;
for (const f of files) {
  const rule = f.slice(rulesDir.length + 1, -3);
  const entry = { cases: [], skipped: [] };
  const used = new Map();
  for (const fn of testFns(git('show', `HEAD:${f}`))) {
    const { found, skipped } = casesOf(fn);
    for (const s of skipped) entry.skipped.push(`${fn.name}: ${s}`);
    for (const c of found) {
      const base = `${fn.name}.${c.expect}`;
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      const file = n === 1 ? `${fn.name}.${c.expect}.sql` : `${fn.name}-${n}.${c.expect}.sql`;
      mkdirSync(join(out, rule), { recursive: true });
      writeFileSync(join(out, rule, file), c.sql);
      entry.cases.push({ file, expect: c.expect, helper: c.helper, ...(Object.keys(c.settings).length ? { settings: c.settings } : {}) });
      total++;
    }
  }
  if (entry.cases.length || entry.skipped.length) manifest.rules[rule] = entry;
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
writeFileSync(join(out, 'README.md'), `# squawk's rule test cases

Extracted from [sbdchd/squawk](https://github.com/sbdchd/squawk) at commit \`${commit}\`
(\`${rulesDir}/<rule>.rs\`, the inline \`#[test]\` cases), by \`node bench/peers/squawk-extract.mjs\`.
squawk is dual-licensed Apache-2.0 OR MIT; both licence texts are copied here (LICENSE-APACHE,
LICENSE-MIT). The SQL is squawk's, unchanged; only the file layout is ours.

One folder per squawk rule; \`<test>.err.sql\` is a case squawk's test asserts the rule flags,
\`<test>.ok.sql\` one it asserts the rule leaves alone (the output of a \`fix(…)\` test is an ok case).
manifest.json lists each case with the helper it came from and its settings (\`assume_in_transaction\`,
\`pg_version\`), plus the calls the extractor could not read (skipped, with the reason).

test/peers/squawk.test.ts lints every case with our rules (squawk rule → our rule ids in
test/peers/squawk-map.ts) and compares the outcome with the recorded one (test/peers/squawk-parity.json);
docs/peers/squawk.md is the per-rule summary.
`);
for (const l of ['LICENSE-APACHE', 'LICENSE-MIT']) writeFileSync(join(out, l), git('show', `HEAD:${l}`));
console.log(`squawk ${commit.slice(0, 12)}: ${total} cases from ${Object.keys(manifest.rules).length} rules → ${out}/`);
