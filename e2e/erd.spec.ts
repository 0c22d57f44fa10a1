/**
 * ERD e2e on the HARNESS page (dev/erd/: a generated model, or `?model=real` for the real Skeldir
 * model kept by test/erd/erd-real-model.test.ts), which drives the ERD at sizes the bundled data
 * never reaches. The harness is built here with dev/erd/vite.config.ts and served on its own port.
 */
import { expect, test, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';

const PORT = 4391;
let server: PreviewServer;

test.beforeAll(async () => {
  await build({ configFile: 'dev/erd/vite.config.ts', logLevel: 'warn' });
  server = await preview({ configFile: false, root: process.cwd(), build: { outDir: 'dist/erd-dev' },
    preview: { port: PORT, host: '127.0.0.1', strictPort: true } });
});
test.afterAll(async () => { await server?.close(); });

async function open(page: Page, query: string, hash = ''): Promise<void> {
  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html${query}${hash}`);
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible();
}
const svg = (page: Page) => page.locator('svg.erd-svg');
const table = (page: Page, id: string) => page.locator(`g.erd-table[data-id="${id}"]`);

test('the SVG is an accessible image with real text names', async ({ page }) => {
  await open(page, '?n=30');
  await expect(svg(page)).toHaveAttribute('role', 'img');
  expect(await svg(page).getAttribute('aria-label')).toMatch(/^Entity relationship diagram/);
  await expect(svg(page).locator('text', { hasText: 'tenants' }).first()).toBeAttached();
});

test('search jumps to a table and highlights it', async ({ page }) => {
  await open(page, '?n=120');
  const target = 'public.gen_budget_0115';
  await page.getByLabel('Search tables and columns').fill('gen_budget_0115');
  await page.getByRole('option').first().getByRole('button').click();
  const g = table(page, target);
  await expect(g.locator('rect.erd-selected')).toBeAttached();
  await expect(page.getByRole('complementary', { name: 'Table details' })).toContainText(target);
  // jumped: the table is inside the viewport and zoomed to full detail
  await expect(page.locator('.erd')).toHaveAttribute('data-lod', 'full');
  const box = (await g.boundingBox())!;
  const view = (await page.locator('.canvas').boundingBox())!;
  expect(box.x + box.width / 2).toBeGreaterThan(view.x);
  expect(box.x + box.width / 2).toBeLessThan(view.x + view.width);
  expect(box.y).toBeGreaterThanOrEqual(view.y - 5);
  expect(box.y).toBeLessThan(view.y + view.height);
  await page.screenshot({ path: 'test-results/erd-search.png' });
});

test('focus mode shows the table and its neighbours only', async ({ page }) => {
  await open(page, '?n=60', '#/erd/public.gen_order_0027?focus=1');
  await expect(table(page, 'public.gen_order_0027')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
  const ids = await page.locator('g.erd-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(ids.length).toBeGreaterThan(1);
  expect(ids.length).toBeLessThan(20);
  expect(ids).toContain('public.tenants');
  expect(ids).not.toContain('public.gen_visitor_0052');
  await expect(svg(page)).toHaveAttribute('aria-label', new RegExp(`^Entity relationship diagram: ${ids.length} tables`));
  await page.screenshot({ path: 'test-results/erd-focus.png' });
  await page.getByRole('button', { name: 'Exit focus' }).click();
  // back to the whole diagram (centred on the selected table, so culling draws only what is in view)
  await expect(svg(page)).toHaveAttribute('aria-label', /^Entity relationship diagram: 60 tables/);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await expect.poll(async () => page.locator('g.erd-table').count()).toBe(60);
});

test('a dump missing a table shows its ghost', async ({ page }) => {
  await open(page, '?n=30&drift=1');
  // driftedDump drops the third table: gen_event_0002
  const ghost = table(page, 'public.gen_event_0002');
  await expect(ghost).toBeAttached();
  await expect(ghost.locator('rect.erd-frame')).toHaveAttribute('stroke-dasharray', /\d/);
  await expect(ghost.locator('title').first()).toContainText('missing from dump');
  await expect(table(page, 'public.gen_legacy_audit').locator('rect.erd-frame')).toHaveAttribute('fill', '#e5e7eb');
  // canonical mode: no ghost styling, no extras
  await page.getByLabel('Canonical').check();
  await expect(table(page, 'public.gen_legacy_audit')).toHaveCount(0);
  await expect(table(page, 'public.gen_event_0002').locator('rect.erd-frame')).not.toHaveAttribute('stroke-dasharray', /\d/);
  // dump mode: the missing table is not drawn at all
  await page.getByLabel('Dump').check();
  await expect(table(page, 'public.gen_event_0002')).toHaveCount(0);
});

test('export produces a valid standalone SVG', async ({ page }) => {
  await open(page, '?n=30&drift=1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  const path = await download.path();
  const text = (await import('node:fs')).readFileSync(path!, 'utf8');
  const result = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
    return { error: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.nodeName,
      label: doc.documentElement.getAttribute('aria-label'), tables: doc.querySelectorAll('text').length,
      external: /href="(https?:|\/\/)/.test(xml) };
  }, text);
  expect(result).toMatchObject({ error: 0, root: 'svg', external: false });
  expect(result.label).toMatch(/^Entity relationship diagram/);
  expect(text).toContain('gen_event_0002');
  expect(result.tables).toBeGreaterThan(100);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  const bytes = (await import('node:fs')).readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
});

test('keyboard pans and zooms; huge schemas start empty and add tables by search', async ({ page }) => {
  await open(page, '?n=30');
  await page.locator('.canvas').focus();
  const k0 = await page.evaluate(() => (globalThis as any).__erd.app.getView().transform.k);
  await page.keyboard.press('+');
  await expect.poll(() => page.evaluate(() => (globalThis as any).__erd.app.getView().transform.k)).toBeGreaterThan(k0);
  const x0 = await page.evaluate(() => (globalThis as any).__erd.app.getView().transform.x);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => page.evaluate(() => (globalThis as any).__erd.app.getView().transform.x)).toBeGreaterThan(x0);

  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?n=400`);
  await expect(page.getByText('too many to draw at once')).toBeVisible();
  await expect(page.locator('g.erd-table')).toHaveCount(0);
  await page.getByLabel('Search tables and columns').fill('gen_refund_0009');
  await page.keyboard.press('Enter');
  await expect(table(page, 'public.gen_refund_0009')).toBeAttached();
});

test('the real Skeldir model: ghost for the dropped table, RLS badges, "View in SQL" links', async ({ page }) => {
  // test/erd/fixtures/skeldir-real.json: canonical_schema.sql vs a real pg_dump with drift (see its test)
  await open(page, '?model=real');
  await expect(table(page, 'public.dead_events').locator('rect.erd-frame')).toHaveAttribute('stroke-dasharray', /\d/);
  await expect(table(page, 'public.revenue_ledger').locator('g.erd-rls title')).toHaveText(/not forced/);
  await expect(table(page, 'public.attribution_events').locator('g.erd-rls title')).toHaveText('RLS enabled and forced');
  await page.getByLabel('Search tables and columns').fill('revenue_ledger');
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Table details' });
  await details.getByRole('button', { name: 'View in SQL' }).click();
  await details.getByRole('button', { name: 'View column transaction_id in SQL' }).click();
  expect(await page.evaluate(() => (globalThis as any).__erd.opened)).toEqual(['public.revenue_ledger', 'public.revenue_ledger.transaction_id']);
  await page.screenshot({ path: 'test-results/erd-real.png' });
});

test('1,000 tables: the overview fits the screen in labelled groups, no overlaps', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?n=1000&huge=100000`);
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await expect.poll(async () => page.locator('g.erd-table').count()).toBe(1000);
  const labels = page.locator('text.erd-label-group');
  expect(await labels.count()).toBeGreaterThan(5);
  await expect(labels.filter({ hasText: 'hub: tenants' })).toHaveCount(1);
  const canvas = (await page.locator('.canvas').boundingBox())!;
  for (const box of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.height).toBeGreaterThan(10); // readable: ~14 px on screen at the overview
    expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
  }
  const r = await page.evaluate(() => {
    const boxes = Object.values((globalThis as any).__erd.app.getView().boxes) as { x: number; y: number; width: number; height: number }[];
    boxes.sort((a, b) => a.x - b.x);
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].width; j++)
        if (boxes[j].y < boxes[i].y + boxes[i].height && boxes[j].y + boxes[j].height > boxes[i].y) overlaps++;
    const x0 = Math.min(...boxes.map((b) => b.x)), x1 = Math.max(...boxes.map((b) => b.x + b.width));
    const y0 = Math.min(...boxes.map((b) => b.y)), y1 = Math.max(...boxes.map((b) => b.y + b.height));
    return { overlaps, aspect: (x1 - x0) / (y1 - y0) };
  });
  expect(r.overlaps).toBe(0);
  // packed toward the screen's shape (1400×~860), not a long strip (the single layered drawing was ~7:1)
  expect(r.aspect).toBeGreaterThan(0.8);
  expect(r.aspect).toBeLessThan(2.5);
  await page.screenshot({ path: 'test-results/erd-1000-overview.png' });
});

test('layouts are cached by graph: a reload on the same schema needs no ELK', async ({ page }) => {
  const layoutMs = async () => Number(/layout (\d+) ms/.exec((await page.locator('.status').textContent()) ?? '')?.[1]);
  await open(page, '?n=250');
  const first = await layoutMs();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skeldir.erd.layout.')).length)).toBeGreaterThan(1);
  await page.reload();
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible();
  const second = await layoutMs();
  expect(second).toBeLessThan(Math.min(first, 250));
});
