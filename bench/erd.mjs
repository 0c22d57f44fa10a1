/**
 * ERD bench (issue 5): layout time and frame rate while panning, at 100, 500 and 1,000 tables of the
 * generated model (dev/erd/model.ts), in Debian's Chromium via playwright-core, on the
 * harness page (dev/erd/erd-dev.html). Targets at 1,000 tables: layout ≤ 3 s, ≥ 50 fps.
 *
 * layout_ms: the diagram's own "layout N ms" status: wall clock from the layout request to the packed
 * result, workers' start and ELK warm-up included (median of RUNS fresh page loads; before the
 * partitioned layout it was ELK's time inside the one worker, which left out the worker's start);
 * first_draw_ms: navigation → first tables drawn (includes page load, graph build, worker start);
 * fps: frames counted with requestAnimationFrame while panning a few px every frame for 2 s,
 * at the fit-to-screen overview (every table visible, collapsed to names) and at 100 % (full detail,
 * centred on the table nearest the middle of the diagram).
 * ERD_BENCH_SIZES=1000 and ERD_BENCH_RUNS=5 narrow or widen a run; ERD_BENCH_DIST serves another build.
 * ERD_BENCH_MODELS=musicbrainz (default) adds the REAL 516-table MusicBrainz schema (fixtures/erd/musicbrainz):
 * its layout_ms is the issue 14 number (FK communities, ELK per group in the worker, packing), and
 * its overview is the group-card level (overview_tables_drawn 0: cards and bundles are drawn instead).
 * Measured 2026-12-01 on the shared 2-core machine (load average 17.7–18.9 during the run, 5 engineers):
 * MusicBrainz 516 tables, median of 3: layout_ms 5165 (samples 5165, 5309, 3439), first draw 7.1 s,
 * 46 fps panning the overview; the in-page status read 1.4–2.5 s at load 12–19 in e2e runs. Partitioning
 * (Louvain communities) alone is 57 ms in Node; the rest is ELK in one worker (cores − 1) and packing.
 * The detail-pan fps (11) at that load is not a result to quote: rerun on an idle machine.
 *
 * `node bench/erd.mjs` writes bench/results/erd.json; `run()` returns the same object.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SIZES = (process.env.ERD_BENCH_SIZES ?? '100,500,1000').split(',').filter(Boolean).map(Number);
/** Real models the harness serves (`?model=`): musicbrainz = the 516-table MusicBrainz schema (fixtures/erd/musicbrainz). */
const MODELS = (process.env.ERD_BENCH_MODELS ?? 'musicbrainz').split(',').filter(Boolean);
const RUNS = Number(process.env.ERD_BENCH_RUNS ?? 3);
const PORT = 4392;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; };

/** Tables in a real model (the harness's status line says how many it laid out). */
async function tableCount(browser, model) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?model=${model}&huge=100000&key=count`);
  await page.waitForFunction(() => /\d+ tables · layout/.test(document.querySelector('.status')?.textContent ?? ''), null, { timeout: 120_000 });
  const n = Number(/(\d+) tables/.exec(await page.locator('.status').textContent())[1]);
  await page.close();
  return n;
}

async function panFps(page, mode) {
  return page.evaluate(async (mode) => {
    const view = globalThis.__erd.app.getView();
    view.fit(0);
    await new Promise((r) => setTimeout(r, 300));
    if (mode === 'detail') {
      // 100 % on the table nearest the middle of the diagram (the centre itself may be a gap between groups)
      const boxes = Object.entries(view.boxes);
      const cx = boxes.reduce((s, [, b]) => s + b.x + b.width / 2, 0) / boxes.length;
      const cy = boxes.reduce((s, [, b]) => s + b.y + b.height / 2, 0) / boxes.length;
      const d = ([, b]) => (b.x + b.width / 2 - cx) ** 2 + (b.y + b.height / 2 - cy) ** 2;
      const mid = boxes.reduce((a, b) => (d(b) < d(a) ? b : a))[0];
      view.focusOn(mid, 0);
      await new Promise((r) => setTimeout(r, 100));
      view.zoomBy(1 / view.transform.k); // exactly 100 % (150 ms transition)
      await new Promise((r) => setTimeout(r, 500));
    }
    let frames = 0;
    const t0 = performance.now();
    let dir = 1;
    await new Promise((resolve) => {
      const step = (t) => {
        frames++;
        if (frames % 60 === 0) dir = -dir;
        view.panBy(6 * dir, 3 * dir);
        if (t - t0 < 2000) requestAnimationFrame(step); else resolve();
      };
      requestAnimationFrame(step);
    });
    const secs = (performance.now() - t0) / 1000;
    return { fps: frames / secs, k: view.transform.k, drawn: document.querySelectorAll('g.erd-table').length };
  }, mode);
}

/**
 * `dist`: serve an already built harness instead of building this tree (A/B runs against another
 * build, e.g. ERD_BENCH_DIST=/tmp/old/dist/erd-dev).
 */
export async function run({ sizes = SIZES, models = MODELS, runs = RUNS, rebuild = true, dist = process.env.ERD_BENCH_DIST } = {}) {
  if (rebuild && !dist) await build({ configFile: join(ROOT, 'dev/erd/vite.config.ts'), logLevel: 'warn' });
  const server = await preview({ configFile: false, root: ROOT, logLevel: 'warn', build: { outDir: dist ?? 'dist/erd-dev' },
    preview: { port: PORT, host: '127.0.0.1', strictPort: true } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', '--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  const rows = [];
  try {
    for (const n of [...sizes, ...models]) {
      const real = typeof n === 'string';
      const layout = [], first = [], fpsFit = [], fpsDetail = [];
      let drawnFit = 0, drawnDetail = 0, kFit = 0;
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const t0 = Date.now();
        await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?${real ? `model=${n}` : `n=${n}`}&huge=100000&key=bench-${n}-${i}`);
        // drawn: table boxes, or (a big diagram at fit-to-screen) the group overview's cards
        await page.waitForSelector('.erd[data-busy="false"] g.erd-table, .erd[data-busy="false"][data-lod="groups"] rect.erd-frame-group', { timeout: 120_000 });
        first.push(Date.now() - t0);
        const status = await page.locator('.status').textContent();
        layout.push(Number(/layout (\d+) ms/.exec(status ?? '')?.[1] ?? NaN));
        const f = await panFps(page, 'fit');
        fpsFit.push(f.fps); drawnFit = f.drawn; kFit = f.k;
        const d = await panFps(page, 'detail');
        fpsDetail.push(d.fps); drawnDetail = d.drawn;
        await page.close();
      }
      const row = {
        tables: real ? await tableCount(browser, n) : n, ...(real ? { model: n } : {}), layout_ms: median(layout), first_draw_ms: median(first),
        fps_pan_overview: Math.round(median(fpsFit) * 10) / 10, overview_scale: Math.round(kFit * 1000) / 1000, overview_tables_drawn: drawnFit,
        fps_pan_detail: Math.round(median(fpsDetail) * 10) / 10, detail_tables_drawn: drawnDetail,
        samples: { layout_ms: layout, first_draw_ms: first, fps_overview: fpsFit.map((x) => Math.round(x)), fps_detail: fpsDetail.map((x) => Math.round(x)) },
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const at1000 = rows.find((r) => r.tables === 1000);
  return {
    generated_at: new Date().toISOString(), runs, viewport: '1400x900', model: 'generated (dev/erd/model.ts)',
    target: 'layout ≤ 3000 ms and ≥ 50 fps while panning at 1,000 tables',
    target_met: at1000 ? at1000.layout_ms <= 3000 && Math.min(at1000.fps_pan_overview, at1000.fps_pan_detail) >= 50 : null,
    rows,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'erd.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench/results/erd.json');
}
