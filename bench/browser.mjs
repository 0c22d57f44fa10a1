/**
 * Browser bench (issue 4): on the built site (dist/app) in Debian's Chromium via playwright-core.
 *
 * - first_structural_ms: navigation start → the structural result (streamed before RLS and smoke:
 *   divergences final), or the verdict if that comes first.
 * - first_verdict_ms: navigation start → the verdict (role=status, text starting with PASS /
 *   WARN_PASS / FAIL) on the bundled canonical + default sample, in a fresh browser context
 *   (cold: no HTTP cache, no service worker, no IndexedDB). Median of RUNS runs. Includes PGlite
 *   start from the prebuilt data directory, loading + introspecting canonical and dump, the
 *   compare, the RLS suite and the smoke tests. The engine's own per-stage timings (report
 *   `timings`) of the last run are included.
 * - initial_js_gzip_bytes: every script index.html loads or preloads, gzip -9 each, summed
 *   (PGlite, Monaco and the ERD are loaded lazily and are not part of it).
 *
 * - memory: the page's JS heap (CDP Performance.getMetrics) and the peak RSS of the tab's renderer
 *   process (VmHWM from /proc; the engine's Web Worker — its JS heap and PGlite's WASM memory —
 *   lives in that process), read after the verdict.
 * - profile: the engine's database starts and scratch copies (report `timings`), and the page's
 *   own share (navigation → verdict minus the worker's time for the check).
 * - open_remove_cycles (issue 11): in one tab, open a bundled sample dump, wait for its verdict,
 *   remove it; CYCLES times. The renderer processes' resident memory (RSS, the page and its
 *   engine worker: PGlite's WASM memory lives there) after each cycle, and each cycle's time to
 *   verdict: both should stay flat (a removed dump frees its database; adding one checks only it).
 *
 * - breakdown (issue 15): where the cold first visit's time goes, on the page's timeline (ms from
 *   navigation start): the page's own marks (skeldir:main, inputs-ready, check-posted), the
 *   worker's start-up steps (src/adapters/browser/boot-marks.ts: worker module evaluated, PGlite
 *   WASM compiled, its FS bundle and the data directory fetched, the first database started,
 *   check received) and the engine's stages (report timings: waiting for that database, dump
 *   load, introspection, compare, RLS, smoke); medians over the runs.
 * - memory: besides the renderer's RSS, the WASM memory of the worker's open PGlite instances at
 *   the verdict (reported by the worker) and the page's JS heap.
 * - warm_revisit (issue 15): in one browser profile, a first visit to its verdict (the service
 *   worker installs, the verdict is kept in IndexedDB), then a second visit: navigation → the
 *   kept verdict shown, labelled as the result of its time for identical inputs
 *   (data-verdict="kept"), and → this visit's own fresh verdict that replaces it.
 * - open_dump_to_verdict_ms (issue 15): the median of the open/remove cycles' times, opening the
 *   Skeldir-sized bundled sample in a tab that has its first verdict.
 *
 * Targets: cold first verdict ≤ 3 s, Open dump → verdict ≤ 1.5 s, warm revisit ≤ 1 s, initial JS ≤ 250 KB gzip.
 * Env: BROWSER_BENCH_RUNS=3  BROWSER_BENCH_CYCLES=20  BROWSER_BENCH_REVISITS=3  BENCH_SKIP_BUILD=1  BENCH_SCREENSHOT=file.png (the page at its first result). `node bench/browser.mjs` writes
 * bench/results/browser.json; `run()` returns the same object.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const DIST = join(ROOT, 'dist', 'app');
const RUNS = Math.max(1, Number(process.env.BROWSER_BENCH_RUNS ?? 3));
const PORT = 4394;
const CYCLES = Math.max(0, Number(process.env.BROWSER_BENCH_CYCLES ?? 20));
const REVISITS = Math.max(0, Number(process.env.BROWSER_BENCH_REVISITS ?? 3));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

function initialJs() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*\shref="\.?\/?([^"]+\.css)"/g)].map((m) => m[1]);
  const size = (f) => { const b = readFileSync(join(DIST, f)); return { file: f, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }; };
  const js = files.map(size);
  return { js, css: css.map(size), js_gzip: js.reduce((a, f) => a + f.gzip, 0) };
}

/**
 * The one memory reader: Chromium's renderer processes (found with CDP SystemInfo.getProcessInfo),
 * read from /proc (Linux). The engine's Web Worker — its JS heap and PGlite's WASM memory — lives
 * in the tab's renderer. `peak_rss_mb`: the highest VmHWM of one renderer; `rss_mb`: VmRSS now,
 * summed over the renderers (the tab's memory after a cycle).
 */
async function rendererMemory(browser) {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    await cdp.detach();
    const mb = (text, key) => Number((text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? 0) / 1024;
    const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => {
      try {
        const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
        return { pid: p.id, peak_rss_mb: Math.round(mb(status, 'VmHWM')), rss_mb: Math.round(mb(status, 'VmRSS')) };
      } catch { return null; }
    }).filter(Boolean);
    if (renderers.length === 0) return null;
    return { peak_rss_mb: Math.max(...renderers.map((r) => r.peak_rss_mb)), rss_mb: renderers.reduce((a, r) => a + r.rss_mb, 0), renderers: renderers.length };
  } catch {
    return null;
  }
}

async function firstVerdict(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const offOrigin = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url())) offOrigin.push(r.url()); });
  await page.goto(base + '#/compliance', { waitUntil: 'commit' });
  // The structural result streams first (divergences final, RLS + smoke running), then the verdict.
  const structuralMs = await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('[role=status]')].find((e) => e.matches('[data-verdict=structural]') || /^(PASS|WARN_PASS|FAIL) /.test(e.textContent ?? ''));
    return el ? performance.now() : null;
  }, null, { timeout: 180_000, polling: 50 }).then((h) => h.jsonValue());
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT }).catch(() => {});
  const ms = await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('[role=status]')].find((e) => /^(PASS|WARN_PASS|FAIL) /.test(e.textContent ?? ''));
    return el ? performance.now() : null;
  }, null, { timeout: 180_000, polling: 50 }).then((h) => h.jsonValue());
  const verdict = await page.locator('[role=status].verdict').textContent();
  // The app marks its first verdict with the engine's per-stage timings (User Timing API).
  const timings = await page.evaluate(() => performance.getEntriesByName('skeldir:first-verdict')[0]?.detail ?? null);
  const pageMarks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('skeldir:')).map((m) => [m.name.slice(8), Math.round(m.startTime)]));
    return { html: Math.round(nav?.responseEnd ?? 0), dom_content_loaded: Math.round(nav?.domContentLoadedEventEnd ?? 0), ...marks };
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576);
  const renderer = await rendererMemory(browser);
  await context.close();
  return { ms: Math.round(ms), structural_ms: Math.round(structuralMs), verdict: verdict?.trim(), timings, offOrigin, page_js_heap_mb: heap, renderer,
    breakdown: breakdown(pageMarks, timings, Math.round(structuralMs), Math.round(ms)) };
}

/**
 * One run's timeline, ms from navigation start: when each step ENDED (`at`), and how long the
 * engine's stages took. Page marks and worker marks are on the same clock (the worker sends
 * epoch times, the page subtracts its timeOrigin).
 */
function breakdown(pageMarks, detail, structuralMs, verdictMs) {
  const w = detail?.worker?.marks ?? {};
  const t = detail?.timings ?? {};
  const at = {
    html_received: pageMarks.html,
    main_script_run: pageMarks.main,
    worker_module_evaluated: w.worker_start,
    engine_module_evaluated: w.engine_loaded,
    data_dir_requested: w.data_dir_requested,
    data_dir_fetched: w.data_dir_fetched,
    data_dir_unpacked: w.data_dir_unpacked,
    pglite_fs_bundle_fetched: w.fs_bundle_fetched,
    pglite_wasm_compiled: w.wasm_compiled,
    // The first database: the default sample's, prepared at build time, or an empty spare.
    first_database_started: w.sample_started ?? w.spare_started,
    inputs_ready: pageMarks['inputs-ready'],
    check_posted: pageMarks['check-posted'],
    check_received: w.check_received,
    structural_painted: structuralMs,
    verdict_painted: verdictMs,
  };
  const stages = Object.fromEntries(['start_dump', 'load_dump', 'introspect_dump', 'compare', 'rls', 'smoke', 'gates'].filter((k) => k in t).map((k) => [k, Math.round(t[k])]));
  return {
    at: Object.fromEntries(Object.entries(at).filter(([, v]) => typeof v === 'number')),
    stages,
    prepared_sample_used: t.load_dump_prepared === 1,
    worker_check_ms: detail ? Math.round(detail.worker_ms) : null,
    pglite_wasm_mb: detail?.worker?.wasm ? Math.round(detail.worker.wasm.bytes / 1048576) : null,
    pglite_instances: detail?.worker?.wasm?.instances ?? null,
    checks_received: detail?.worker?.checks ?? null,
  };
}

/**
 * The cold path to the verdict as consecutive segments (ms), from the median breakdown: what a
 * first visit cannot start before the previous segment ends. null without the worker's marks.
 */
function coldFloor(bd, structural, verdict) {
  const a = bd.at;
  const s = bd.stages;
  if (![a.main_script_run, a.worker_module_evaluated, a.first_database_started].every((v) => typeof v === 'number')) return null;
  const ready = { pglite_wasm_compiled: a.pglite_wasm_compiled, pglite_fs_bundle_fetched: a.pglite_fs_bundle_fetched, data_dir_unpacked: a.data_dir_unpacked ?? a.data_dir_fetched };
  const [lastName, lastAt] = Object.entries(ready).filter(([, v]) => typeof v === 'number').sort((x, y) => y[1] - x[1])[0] ?? ['n/a', a.worker_module_evaluated];
  return {
    page_script: a.main_script_run,
    worker_start: a.worker_module_evaluated - a.main_script_run,
    artifacts: Math.round(lastAt - a.worker_module_evaluated),
    artifacts_last: lastName,
    pglite_start: Math.round(a.first_database_started - lastAt),
    before_check: a.first_database_started,
    introspect: s.introspect_dump ?? 0,
    compare: s.compare ?? 0,
    rls: s.rls ?? 0,
    smoke: s.smoke ?? 0,
    structural,
    verdict,
  };
}

/** Medians of every number in the runs' breakdowns, key by key. */
function medianBreakdown(list) {
  const pick = (get) => { const xs = list.map(get).filter((x) => typeof x === 'number'); return xs.length ? median(xs) : null; };
  const keys = (sel) => [...new Set(list.flatMap((b) => Object.keys(sel(b))))];
  return {
    at: Object.fromEntries(keys((b) => b.at).map((k) => [k, pick((b) => b.at[k])])),
    stages: Object.fromEntries(keys((b) => b.stages).map((k) => [k, pick((b) => b.stages[k])])),
    worker_check_ms: pick((b) => b.worker_check_ms),
    pglite_wasm_mb: pick((b) => b.pglite_wasm_mb),
    pglite_instances: pick((b) => b.pglite_instances),
  };
}

const VERDICT = /^(PASS|WARN_PASS|FAIL|INCOMPLETE) /;
/** This page's own verdict (not a kept one, not an older report shown while re-checking). */
const FRESH = '[role=status].verdict:not([data-verdict=kept]):not([data-verdict=checking]):not([data-verdict=stale])';

/** ms from navigation start until a verdict element matching `selector` shows a verdict. */
async function timeTo(page, selector) {
  return page.waitForFunction(({ selector, re }) => {
    const el = [...document.querySelectorAll(selector)].find((e) => new RegExp(re).test(e.textContent ?? ''));
    return el ? performance.now() : null;
  }, { selector, re: VERDICT.source }, { timeout: 180_000, polling: 20 }).then(async (h) => Math.round(await h.jsonValue()));
}

/**
 * Warm revisit: a first visit in a fresh profile (its verdict, the service worker installed and
 * controlling, the verdict kept in IndexedDB), then a second visit in the same profile.
 */
async function warmRevisit(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const first = await context.newPage();
    await first.goto(base + '#/compliance');
    await timeTo(first, FRESH);
    // The service worker has precached the build, and the verdict is in IndexedDB.
    await first.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const keptCount = () => first.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('skeldir-schema-explorer');
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction('session').objectStore('session').get('verdict-index');
        get.onsuccess = () => { resolve(Array.isArray(get.result) ? get.result.length : 0); db.close(); };
        get.onerror = () => { resolve(0); db.close(); };
      };
      req.onerror = () => resolve(0);
    }));
    const until = Date.now() + 15_000;
    while ((await keptCount()) === 0 && Date.now() < until) await first.waitForTimeout(200);
    if ((await keptCount()) === 0) console.log('warm revisit: no verdict was kept in IndexedDB');
    await first.close();
    const page = await context.newPage();
    let fromSw = 0;
    let fromNetwork = 0;
    page.on('response', (r) => { if (r.fromServiceWorker()) fromSw++; else if (!/^(blob|data):/.test(r.url())) fromNetwork++; });
    await page.goto(base + '#/compliance', { waitUntil: 'commit' });
    // The kept verdict, or the fresh one if it came first (then nothing was shown from IndexedDB:
    // kept_ms null). Which of the two it was is read in the same poll that saw it: a second
    // look through a locator took longer than its timeout at load ~5 and counted a kept
    // verdict on screen as none (the "kept in 1 of 3 runs" of the last session).
    const seen = await page.waitForFunction(({ selector, re }) => {
      const el = [...document.querySelectorAll(selector)].find((e) => new RegExp(re).test(e.textContent ?? ''));
      return el ? { ms: performance.now(), kept: el.getAttribute('data-verdict') === 'kept', label: (el.textContent ?? '').trim() } : null;
    }, { selector: `[role=status][data-verdict=kept], ${FRESH}`, re: VERDICT.source }, { timeout: 180_000, polling: 20 }).then((h) => h.jsonValue());
    const freshMs = await timeTo(page, FRESH);
    const keptMs = seen.kept ? Math.round(seen.ms) : null;
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('skeldir:')).map((m) => [m.name.slice(8), Math.round(m.startTime)])));
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    return { kept_ms: keptMs, fresh_ms: freshMs, label: seen.kept ? seen.label : '', controlled, responses_from_service_worker: fromSw, responses_from_network: fromNetwork,
      // The revisit's own timeline (ms from navigation): page script, session restored, check posted, kept verdict fetched from IndexedDB.
      at: { main_script_run: marks.main, inputs_ready: marks['inputs-ready'], check_posted: marks['check-posted'], kept_read: marks['kept-read'], kept_painted: keptMs } };
  } finally {
    await context.close();
  }
}

/** One opened dump's check in the worker: its stages (report timings) and the worker's total. */
function openStages(detail) {
  if (!detail) return null;
  const t = detail.timings ?? {};
  const out = Object.fromEntries(['start_dump', 'load_dump', 'introspect_dump', 'compare', 'rls', 'smoke'].filter((k) => k in t).map((k) => [k, Math.round(t[k])]));
  return { ...out, worker_check: Math.round(detail.worker_ms) };
}

async function openRemoveCycles(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => Math.round(((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576);
  await page.goto(base + '#/sources');
  const tabs = page.getByRole('tablist', { name: 'Dumps' });
  await tabs.getByRole('tab').first().filter({ hasText: /PASS|FAIL|WARN_PASS|INCOMPLETE/ }).waitFor({ timeout: 180_000 });
  const cycles = [];
  // A Skeldir-sized dump of the user's, opened with "Open dump": the bundled reconciled_baseline
  // text with a line of its own each cycle, so no cycle can reuse an earlier one's result (picking
  // the bundled sample again within the re-check's debounce kept its old verdict: 66 ms "opens").
  const text = readFileSync(join(ROOT, 'schema', 'samples', 'reconciled_baseline.sql'), 'utf8');
  for (let i = 0; i < CYCLES; i++) {
    const t0 = Date.now();
    await page.getByTestId('open-dump-input').setInputFiles({ name: 'reconciled_baseline.sql', mimeType: 'text/plain', buffer: Buffer.from(`${text}\n-- bench open ${i} ${Date.now()}\n`) });
    await tabs.getByRole('tab', { name: /reconciled_baseline\.sql.*(PASS|FAIL|WARN_PASS|INCOMPLETE)/ }).waitFor({ timeout: 180_000 });
    const ms = Date.now() - t0;
    const detail = await page.evaluate(() => performance.getEntriesByName('skeldir:verdict').at(-1)?.detail ?? null);
    // "Open dump" shows the opened dump's verdict (Compliance); the dump is removed in Sources.
    await page.evaluate(() => { location.hash = '#/sources'; });
    await page.getByRole('button', { name: 'Remove dump reconciled_baseline.sql' }).click();
    await tabs.getByRole('tab', { name: /reconciled_baseline\.sql/ }).waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    cycles.push({ ms, rss_mb: (await rendererMemory(browser))?.rss_mb ?? null, page_js_heap_mb: await heapMb(), stages: openStages(detail) });
  }
  await context.close();
  return cycles;
}

export async function run() {
  if (!(process.env.BENCH_SKIP_BUILD && existsSync(join(DIST, 'index.html')))) {
    process.stderr.write('building the app (vite build)…\n');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  const size = initialJs();
  const server = await preview({ root: ROOT, logLevel: 'warn', preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const base = `http://127.0.0.1:${PORT}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs = [];
  let cycles = [];
  const revisits = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await firstVerdict(browser, base));
    for (let i = 0; i < REVISITS; i++) revisits.push(await warmRevisit(browser, base));
    cycles = CYCLES ? await openRemoveCycles(browser, base) : [];
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(r));
  }
  const first = median(runs.map((r) => r.ms));
  const result = {
    generated_at: new Date().toISOString(),
    runs: runs.map((r) => r.ms),
    first_verdict_ms: first,
    first_structural_ms: median(runs.map((r) => r.structural_ms)),
    structural_runs: runs.map((r) => r.structural_ms),
    verdict: runs.at(-1)?.verdict,
    engine_timings_ms: runs.at(-1)?.timings,
    page_js_heap_mb: median(runs.map((r) => r.page_js_heap_mb)),
    renderer_peak_rss_mb: runs.some((r) => r.renderer) ? median(runs.filter((r) => r.renderer).map((r) => r.renderer.peak_rss_mb)) : null,
    load_average: loadavg(),
    off_origin_requests: [...new Set(runs.flatMap((r) => r.offOrigin))],
    initial_js_gzip_bytes: size.js_gzip,
    initial_js: size.js,
    initial_css: size.css,
    open_remove_cycles: cycles,
    breakdown_median: medianBreakdown(runs.map((r) => r.breakdown)),
    breakdown_runs: runs.map((r) => r.breakdown),
    pglite_wasm_mb: median(runs.map((r) => r.breakdown.pglite_wasm_mb ?? 0)),
    warm_revisit: revisits.length ? {
      kept_verdict_ms: revisits.every((r) => r.kept_ms !== null) ? median(revisits.map((r) => r.kept_ms)) : null, fresh_verdict_ms: median(revisits.map((r) => r.fresh_ms)), runs: revisits,
    } : null,
    open_dump_to_verdict_ms: cycles.length ? median(cycles.map((c) => c.ms)) : null,
    targets: { first_verdict_ms: 3000, open_dump_to_verdict_ms: 1500, warm_revisit_ms: 1000, initial_js_gzip_bytes: 250 * 1024 },
    targets_met: {
      first_verdict: first <= 3000, first_structural: median(runs.map((r) => r.structural_ms)) <= 3000, initial_js: size.js_gzip <= 250 * 1024,
      open_dump: cycles.length ? median(cycles.map((c) => c.ms)) <= 1500 : null,
      warm_revisit: revisits.length ? revisits.every((r) => r.kept_ms !== null) && median(revisits.map((r) => r.kept_ms)) <= 1000 : null,
    },
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'browser.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`cold first visit (median of ${RUNS}): structural result ${result.first_structural_ms} ms (runs ${result.structural_runs.join(', ')}); ` +
    `full verdict with RLS + smoke ${first} ms (runs ${result.runs.join(', ')}); target ≤ 3000 ms; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`initial JS: ${(size.js_gzip / 1024).toFixed(1)} KB gzip (${size.js.map((f) => f.file).join(', ')})  target ≤ 250 KB`);
  console.log(`memory: page JS heap ${result.page_js_heap_mb} MB; tab renderer process (worker JS heap + PGlite WASM) peak RSS ${result.renderer_peak_rss_mb ?? 'n/a'} MB; load average ${loadavg()[0].toFixed(1)}`);
  const bd = result.breakdown_median;
  console.log(`cold first visit, where the time goes (median of ${RUNS}; ms from navigation start when each step ended): ` +
    Object.entries(bd.at).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log(`  engine stages in the worker (ms): ${Object.entries(bd.stages).map(([k, v]) => `${k} ${v}`).join(', ')}; check in the worker ${bd.worker_check_ms}; ` +
    `sample database prepared at build used: ${runs.map((r) => r.breakdown.prepared_sample_used).join(', ')}; check requests the worker got: ${runs.map((r) => r.breakdown.checks_received).join(', ')}`);
  console.log(`  memory at the verdict: PGlite WASM ${bd.pglite_wasm_mb ?? 'n/a'} MB in ${bd.pglite_instances ?? 'n/a'} instance(s); page JS heap ${result.page_js_heap_mb} MB; tab renderer peak RSS ${result.renderer_peak_rss_mb ?? 'n/a'} MB`);
  result.cold_floor = coldFloor(bd, result.first_structural_ms, first);
  if (result.cold_floor) {
    const f = result.cold_floor;
    console.log(`  cold first visit, the path to the verdict (median, ms): page script ${f.page_script} → worker's first line +${f.worker_start} → ` +
      `PGlite WASM compiled, its FS bundle and the first data directory unpacked +${f.artifacts} (the last of them: ${f.artifacts_last}) → ` +
      `the prepared sample database started +${f.pglite_start} → introspection of the dump ${f.introspect} + compare ${f.compare} → structural ${result.first_structural_ms}; ` +
      `RLS ${f.rls} + smoke ${f.smoke} → verdict ${first}; load average ${loadavg()[0].toFixed(1)}`);
    if (first > 3000) {
      console.log(`  floor: before any check of the dump can run, the page needs ${f.before_check} ms (page script, WASM compile, data directory, one PostgreSQL start); ` +
        `then introspection ${f.introspect} ms on code V8 has not optimised yet (the same 28 queries on a warm instance took ~25–40% of that in Node) ` +
        `and the dump's own RLS + smoke probes ${f.rls + f.smoke} ms: target 3000 ms ${first <= 3000 ? 'met' : 'NOT met'} at this load (docs/perf.md)`);
    }
  }
  if (result.warm_revisit) {
    const r = result.warm_revisit;
    console.log(`warm revisit (median of ${r.runs.length}; same profile, service worker + IndexedDB): kept verdict shown ${r.kept_verdict_ms} ms (runs ${r.runs.map((x) => x.kept_ms).join(', ')}), ` +
      `this visit's own verdict ${r.fresh_verdict_ms} ms (runs ${r.runs.map((x) => x.fresh_ms).join(', ')}); target ≤ 1000 ms; service worker controlling: ${r.runs.every((x) => x.controlled)}; ` +
      `responses from it ${r.runs.at(-1).responses_from_service_worker}, from the network ${r.runs.at(-1).responses_from_network}; load average ${loadavg()[0].toFixed(1)}`);
    console.log(`  label: "${r.runs.at(-1).label}"`);
    const keys = [...new Set(r.runs.flatMap((x) => Object.keys(x.at ?? {})))];
    const at = Object.fromEntries(keys.map((k) => [k, median(r.runs.map((x) => x.at?.[k]).filter((v) => typeof v === 'number'))]));
    r.breakdown_median = at;
    console.log(`  warm revisit, where the time goes (median; ms from navigation start): ${keys.map((k) => `${k} ${at[k]}`).join(', ')}`);
  }
  const t = result.engine_timings_ms?.timings;
  if (t) {
    const starts = Object.keys(t).filter((k) => k.startsWith('start_'));
    const clones = Object.keys(t).filter((k) => k.startsWith('clone_'));
    const sum = (ks) => Math.round(ks.reduce((a, k) => a + t[k], 0));
    console.log(`engine profile (last run): ${starts.length} database start(s) ${sum(starts)} ms, ${clones.length} scratch cop(ies) ${sum(clones)} ms; ` +
      `check in the worker ${Math.round(result.engine_timings_ms.worker_ms)} ms of ${runs.at(-1).ms} ms to the verdict`);
    const worker = Math.round(result.engine_timings_ms.worker_ms);
    const stages = ['start_dump', 'load_dump', 'introspect_dump', 'compare', 'rls', 'smoke', 'gates'].filter((k) => k in t).map((k) => `${k} ${Math.round(t[k])}`);
    console.log(`breakdown (last run, ms): ${stages.join(', ')}; canonical prepared at build (load ${Math.round(t.load_canonical ?? 0)}); ` +
      `page before + after the worker's check (module load, PGlite fetch/compile/first start overlap, rendering) ${runs.at(-1).ms - worker}`);
    console.log('engine timings (last run):', JSON.stringify(t));
  }
  if (cycles.length) {
    const rss = cycles.map((c) => c.rss_mb).filter((x) => x !== null);
    // Flat: the last five cycles' median within 10% of the first five's (one cycle's GC timing is noise).
    const head = median(rss.slice(0, 5));
    const tail = median(rss.slice(-5));
    result.open_remove_flat = rss.length >= 10 ? tail <= head * 1.1 : null;
    console.log(`open/remove ×${cycles.length}: tab renderer RSS ${rss.join(', ')} MB; page JS heap ${cycles.map((c) => c.page_js_heap_mb).join(', ')} MB; ` +
      `verdict ms ${cycles.map((c) => c.ms).join(', ')}; memory ${result.open_remove_flat === null ? 'n/a' : result.open_remove_flat ? 'FLAT' : 'GROWING'} (first five ${head} MB, last five ${tail} MB; load average ${loadavg()[0].toFixed(1)})`);
    console.log(`Open dump → verdict (median of ${cycles.length} opens of a Skeldir-sized dump): ${result.open_dump_to_verdict_ms} ms; target ≤ 1500 ms; load average ${loadavg()[0].toFixed(1)}`);
    const withStages = cycles.filter((c) => c.stages);
    if (withStages.length) {
      const keys = [...new Set(withStages.flatMap((c) => Object.keys(c.stages)))];
      const med = Object.fromEntries(keys.map((k) => [k, median(withStages.map((c) => c.stages[k]).filter((v) => typeof v === 'number'))]));
      result.open_dump_stages_median = med;
      const page = Math.round(result.open_dump_to_verdict_ms - med.worker_check);
      console.log(`  Open dump, where the time goes (median, ms): ${keys.map((k) => `${k} ${med[k]}`).join(', ')}; page (read the file, post, render) ${page}`);
    }
    writeFileSync(join(HERE, 'results', 'browser.json'), JSON.stringify(result, null, 2) + '\n');
  }
  console.log('wrote bench/results/browser.json');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().catch((err) => { console.error(err); process.exit(1); });
}
