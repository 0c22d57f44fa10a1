/**
 * ERD e2e on the HARNESS page (dev/erd/: a generated model, or `?model=real` for the real Skeldir
 * model kept by test/erd/erd-real-model.test.ts), which drives the ERD at sizes the bundled data
 * never reaches. The harness is built here with dev/erd/vite.config.ts and served on its own port.
 */
import { expect, test, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { erdExport } from './helpers';

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
  await laidOut(page);
}
/** Laid out and drawn (a big diagram opens on its group overview: no table boxes yet). */
async function laidOut(page: Page): Promise<void> {
  await expect(page.locator('.erd[data-busy="false"] .status')).toContainText(/\d+ tables · layout/);
  await expect(page.locator('.erd[data-lod="groups"] rect.erd-frame-group, .erd:not([data-lod="groups"]) g.erd-table').first()).toBeAttached();
}
const svg = (page: Page) => page.locator('svg.erd-svg');
const table = (page: Page, id: string) => page.locator(`g.erd-table[data-id="${id}"]`);

test('the SVG is a labelled group (its tables and relationships are focusable) with real text names', async ({ page }) => {
  await open(page, '?n=30');
  await expect(svg(page)).toHaveAttribute('role', 'group');
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
  await expect(table(page, 'public.gen_legacy_audit').locator('rect.erd-frame')).toHaveAttribute('fill', /#e5e7eb/);
  // canonical mode: no ghost styling, no extras
  await page.getByRole('radio', { name: 'Canonical', exact: true }).check();
  await expect(table(page, 'public.gen_legacy_audit')).toHaveCount(0);
  await expect(table(page, 'public.gen_event_0002').locator('rect.erd-frame')).not.toHaveAttribute('stroke-dasharray', /\d/);
  // dump mode: the missing table is not drawn at all
  await page.getByRole('radio', { name: 'Dump', exact: true }).check();
  await expect(table(page, 'public.gen_event_0002')).toHaveCount(0);
});

test('export produces a valid standalone SVG', async ({ page }) => {
  await open(page, '?n=30&drift=1');
  const [download] = await Promise.all([page.waitForEvent('download'), erdExport(page, 'Export SVG')]);
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
  const [png] = await Promise.all([page.waitForEvent('download'), erdExport(page, 'Export PNG')]);
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

  // (beyond hugeThreshold: the default is 2,500 tables; the harness lowers it)
  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?n=400&huge=300`);
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
  await expect(page.locator('.status')).toContainText('1000 tables · layout', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  // the overview: group cards and bundles, no table boxes (they would be specks)
  await expect(page.locator('.erd')).toHaveAttribute('data-lod', 'groups');
  await expect(page.locator('g.erd-table')).toHaveCount(0);
  expect(await page.locator('path.erd-bundle').count()).toBeGreaterThan(3);
  const labels = page.locator('text.erd-label-group');
  expect(await labels.count()).toBeGreaterThan(5);
  await expect(labels.filter({ hasText: 'hub: tenants' })).toHaveCount(1);
  const canvas = (await page.locator('.canvas').boundingBox())!;
  // (a label with no room in its frame, or that would overlap another, is not drawn: its frame has the name)
  for (const box of await labels.evaluateAll((els) => els.filter((e) => e.getAttribute('display') !== 'none').map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
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
  await laidOut(page);
  const second = await layoutMs();
  expect(second).toBeLessThan(Math.min(first, 250));
});

/** The diagram labels drawn now (group and schema names, top-table lines), as screen boxes. */
function visibleLabels(page: Page): Promise<{ text: string; x: number; y: number; w: number; h: number }[]> {
  return page.locator('g.erd-labels text').evaluateAll((els) => els
    .filter((e) => (e as SVGGraphicsElement).getClientRects().length > 0 && !e.closest('[display="none"]'))
    .map((e) => { const r = e.getBoundingClientRect(); return { text: e.getAttribute('data-name') ?? e.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height }; })
    .filter((r) => r.w > 0 && r.h > 0));
}
function overlapping(rs: { text: string; x: number; y: number; w: number; h: number }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
    const a = rs[i], b = rs[j];
    if (a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1) out.push(`${a.text} × ${b.text}`);
  }
  return out;
}

/**
 * The real 516-table MusicBrainz schema (fixtures/erd/musicbrainz: a real pg_dump nobody here
 * wrote; test/erd/erd-musicbrainz.test.ts keeps the model). Before issue 14 this was an empty
 * canvas ("too many to draw at once").
 */
test.describe('MusicBrainz, 516 real tables', () => {
  test.setTimeout(120_000);
  const mb = async (page: Page, width = 1400, height = 900) => {
    await page.setViewportSize({ width, height });
    await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?model=musicbrainz`);
    await expect(page.locator('.erd[data-busy="false"]')).toBeAttached({ timeout: 90_000 });
    await expect(page.locator('.status')).toContainText('516 tables · layout', { timeout: 90_000 });
  };
  const card = (page: Page, name: string) => page.locator(`text.erd-label-group[data-name="${name}"]`);

  test('the overview shows labelled FK-community groups per schema and their bundles', async ({ page }) => {
    await mb(page);
    await expect(page.locator('.erd')).toHaveAttribute('data-lod', 'groups');
    await expect(page.locator('g.erd-table')).toHaveCount(0);
    // schemas labelled, communities named after their central table, with size and top tables
    await expect(page.locator('text.erd-label-schema', { hasText: 'schema musicbrainz' })).toBeVisible();
    for (const name of ['recording', 'release', 'work', 'label', 'event']) await expect(card(page, name)).toBeVisible();
    await expect(page.locator('text.erd-top', { hasText: /^\d+ tables/ }).first()).toBeVisible();
    const bundles = page.locator('path.erd-bundle');
    expect(await bundles.count()).toBeGreaterThan(20);
    await expect(bundles.first().locator('title')).toHaveText(/^\d+ foreign keys? between .+ and .+$/);
    // every label inside the canvas, at a readable size
    const canvas = (await page.locator('.canvas').boundingBox())!;
    for (const b of await page.locator('text.erd-label-group').evaluateAll((els) => els.filter((e) => e.getAttribute('display') !== 'none').map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(b.height).toBeGreaterThan(10);
      expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    }
    await page.screenshot({ path: 'test-results/erd-musicbrainz-overview.png' });
  });

  test('the overview\'s labels never overlap, at the default zoom and zoomed out, at 1,024 and 1,920 px', async ({ page }) => {
    for (const [width, height] of [[1920, 1080], [1024, 768]]) {
      await mb(page, width, height);
      const shown = await visibleLabels(page);
      expect(shown.length).toBeGreaterThan(10);
      expect(overlapping(shown), `overlapping labels at ${width} px`).toEqual([]);
      await page.screenshot({ path: `/tmp/i14b/erd-musicbrainz-overview-${width}.png` });
      await page.locator('.canvas').focus();
      await page.keyboard.press('-');
      await page.waitForTimeout(300);
      expect(overlapping(await visibleLabels(page)), `overlapping labels zoomed out at ${width} px`).toEqual([]);
    }
  });

  test('clicking a group zooms into its tables: names, then columns closer in', async ({ page }) => {
    await mb(page);
    const id = await card(page, 'recording').getAttribute('data-frame');
    await page.locator(`rect.erd-frame-group[data-id="${id}"]`).click();
    await expect(page.locator('.erd')).not.toHaveAttribute('data-lod', 'groups');
    await expect(page.locator('g.erd-table[data-id="musicbrainz.recording"]')).toBeAttached();
    const ids = await page.locator('g.erd-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids.length).toBeGreaterThan(5);
    await page.screenshot({ path: 'test-results/erd-musicbrainz-group.png' });
    await page.locator('.canvas').focus();
    for (let i = 0; i < 6 && (await page.locator('.erd').getAttribute('data-lod')) !== 'full'; i++) {
      await page.keyboard.press('+');
      await page.waitForTimeout(250);
    }
    await expect(page.locator('.erd')).toHaveAttribute('data-lod', 'full');
    await expect(page.locator('g.erd-col').first()).toBeAttached();
    await page.screenshot({ path: 'test-results/erd-musicbrainz-columns.png' });
  });

  test('search jumps from the overview to any table', async ({ page }) => {
    await mb(page);
    await page.getByLabel('Search tables and columns').fill('artist_alias_type');
    await page.locator('.erd').getByRole('option').first().getByRole('button').click();
    const t = page.locator('g.erd-table[data-id="musicbrainz.artist_alias_type"]');
    await expect(t.locator('rect.erd-selected')).toBeAttached();
    await expect(page.locator('.erd')).toHaveAttribute('data-lod', 'full');
    await expect(page.getByRole('complementary', { name: 'Table details' })).toContainText('musicbrainz.artist_alias_type');
    const box = (await t.boundingBox())!;
    const view = (await page.locator('.canvas').boundingBox())!;
    expect(box.x + box.width / 2).toBeGreaterThan(view.x);
    expect(box.x + box.width / 2).toBeLessThan(view.x + view.width);
    await page.screenshot({ path: 'test-results/erd-musicbrainz-search.png' });
  });
});

test('keyboard reaches tables and relationships: roving tab stop, arrows, Enter, E, P, visible focus', async ({ page }) => {
  await open(page, '?n=30');
  const active = () => page.evaluate(() => ({ kb: document.activeElement?.getAttribute('data-kb'), id: document.activeElement?.getAttribute('data-id'),
    label: document.activeElement?.getAttribute('aria-label') }));
  await page.locator('.canvas').focus();
  await page.keyboard.press('Tab');
  const t0 = await active();
  expect(t0.kb).toBe('table');
  expect(t0.label).toMatch(/^Table public\.\S+: \d+ columns?, \d+ relationships?/);
  // one tab stop in the diagram: every other drawn item is -1
  expect(await page.locator('svg.erd-svg [data-kb][tabindex="0"]').count()).toBe(1);
  // visible focus: the focused table's outline takes the focus colour
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('rect.erd-frame')!).strokeWidth);
  expect(ring).toBe('5px');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await active()).id).not.toBe(t0.id);
  // Focus moves on the next frame: wait for it, or Enter below picks a table t1 never named.
  const right = (await active()).id;
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await active()).id).not.toBe(right);
  const t1 = await active();
  expect(t1.kb).toBe('table');
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Table details' });
  await expect(details.locator('h2')).toHaveText(t1.id!);
  // E: its relationships; arrows walk them; Enter selects the FK (highlighted in the details)
  await page.keyboard.press('e');
  await expect.poll(async () => (await active()).kb).toBe('edge');
  const e0 = await active();
  expect(e0.label).toMatch(/^Foreign key \S+: public\.\S+ \(.+\) references public\.\S+ \(.+\)/);
  await page.keyboard.press('ArrowRight');
  const e1 = await active();
  expect(e1.kb).toBe('edge');
  await page.keyboard.press('Enter');
  await expect(details.locator('li.current')).toHaveCount(1);
  // P: to the referenced (parent) table, selected and focused
  const parent = /references (\S+) /.exec(e1.label!)![1];
  await page.keyboard.press('p');
  await expect.poll(async () => (await active()).id).toBe(parent);
  await expect(details.locator('h2')).toHaveText(parent);
  await page.screenshot({ path: 'test-results/erd-keyboard.png' });
  // FKs in the details are links that select the table at the other end
  const link = details.locator('ul.fks button.fk').first();
  const target = await link.textContent();
  await link.click();
  await expect(details.locator('h2')).toHaveText(target!);
  // Escape returns to the canvas
  await page.locator(`g.erd-table[data-id="${target}"]`).focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.canvas')).toBeFocused();
});

test('keyboard in the overview: group cards are reachable, Enter zooms into a group and focuses a table', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`http://127.0.0.1:${PORT}/dev/erd/erd-dev.html?model=musicbrainz`);
  await expect(page.locator('.status')).toContainText('516 tables · layout', { timeout: 90_000 });
  await page.locator('.canvas').focus();
  await page.keyboard.press('Tab');
  const kb = () => page.evaluate(() => [document.activeElement?.getAttribute('data-kb'), document.activeElement?.getAttribute('data-id')]);
  expect((await kb())[0]).toBe('group');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Group .+: \d+ tables?/);
  const first = (await kb())[1];
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await kb())[1]).not.toBe(first);
  await page.screenshot({ path: 'test-results/erd-keyboard-overview.png' });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await kb())[0]).toBe('table');
  await expect(page.locator('.erd')).not.toHaveAttribute('data-lod', 'groups');
});
