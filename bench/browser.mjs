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
 * Targets: first verdict ≤ 3 s, initial JS ≤ 250 KB gzip.
 * Env: BROWSER_BENCH_RUNS=3  BROWSER_BENCH_CYCLES=20  BENCH_SKIP_BUILD=1  BENCH_SCREENSHOT=file.png (the page at its first result). `node bench/browser.mjs` writes
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
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576);
  const renderer = await rendererMemory(browser);
  await context.close();
  return { ms: Math.round(ms), structural_ms: Math.round(structuralMs), verdict: verdict?.trim(), timings, offOrigin, page_js_heap_mb: heap, renderer };
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
  for (let i = 0; i < CYCLES; i++) {
    const t0 = Date.now();
    await page.getByLabel('Bundled sample').selectOption('reconciled_baseline.sql');
    await tabs.getByRole('tab', { name: /reconciled_baseline\.sql.*(PASS|FAIL|WARN_PASS|INCOMPLETE)/ }).waitFor({ timeout: 180_000 });
    const ms = Date.now() - t0;
    await page.getByRole('button', { name: 'Remove dump reconciled_baseline.sql' }).click();
    await tabs.getByRole('tab', { name: /reconciled_baseline\.sql/ }).waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    cycles.push({ ms, rss_mb: (await rendererMemory(browser))?.rss_mb ?? null, page_js_heap_mb: await heapMb() });
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
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await firstVerdict(browser, base));
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
    targets: { first_verdict_ms: 3000, initial_js_gzip_bytes: 250 * 1024 },
    targets_met: { first_verdict: first <= 3000, first_structural: median(runs.map((r) => r.structural_ms)) <= 3000, initial_js: size.js_gzip <= 250 * 1024 },
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'browser.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`cold first visit (median of ${RUNS}): structural result ${result.first_structural_ms} ms (runs ${result.structural_runs.join(', ')}); ` +
    `full verdict with RLS + smoke ${first} ms (runs ${result.runs.join(', ')}); target ≤ 3000 ms; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`initial JS: ${(size.js_gzip / 1024).toFixed(1)} KB gzip (${size.js.map((f) => f.file).join(', ')})  target ≤ 250 KB`);
  console.log(`memory: page JS heap ${result.page_js_heap_mb} MB; tab renderer process (worker JS heap + PGlite WASM) peak RSS ${result.renderer_peak_rss_mb ?? 'n/a'} MB; load average ${loadavg()[0].toFixed(1)}`);
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
    writeFileSync(join(HERE, 'results', 'browser.json'), JSON.stringify(result, null, 2) + '\n');
  }
  console.log('wrote bench/results/browser.json');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().catch((err) => { console.error(err); process.exit(1); });
}
