/**
 * The ERD inside the real app (#/erd), on real pg_dump output: the canonical Skeldir schema and
 * a dump in which a table was dropped (fixtures/drift/dropped_table, Debian PostgreSQL 15).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { erdExport, expectVerdict, shot, watchRequests } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const table = (page: Page, id: string) => page.locator(`g.erd-table[data-id="${id}"]`);

test.describe.configure({ mode: 'serial' });

async function openDroppedTableDump(page: Page) {
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(`${root}/fixtures/drift/dropped_table/dump.sql`);
  await page.goto('./#/compliance');
  await expectVerdict(page, 'dump.sql', 'FAIL');
}

test('a dump missing a table shows its ghost; search jumps to a table; export is a valid SVG', async ({ page }) => {
  const requests = watchRequests(page);
  await openDroppedTableDump(page);
  await page.goto('./#/erd');
  const svg = page.locator('svg.erd-svg');
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible({ timeout: 60_000 });
  await expect(svg).toHaveAttribute('role', 'group');
  expect(await svg.getAttribute('aria-label')).toMatch(/^Entity relationship diagram/);

  // The dropped table is drawn as a dashed ghost, named as real text.
  const ghost = table(page, 'public.dead_events');
  await expect(ghost).toBeAttached();
  await expect(ghost.locator('rect.erd-frame')).toHaveAttribute('stroke-dasharray', /\d/);
  await expect(ghost.locator('title').first()).toContainText('missing from dump');

  // Search jumps to a table and opens its details.
  await page.getByLabel('Search tables and columns').fill('revenue_ledger');
  await page.locator('.erd').getByRole('option').first().getByRole('button').click();
  await expect(table(page, 'public.revenue_ledger').locator('rect.erd-selected')).toBeAttached();
  await expect(page.getByRole('complementary', { name: 'Table details' })).toContainText('public.revenue_ledger');
  await shot(page, 'app-erd-ghost');

  const [download] = await Promise.all([page.waitForEvent('download'), erdExport(page, 'Export SVG')]);
  const xml = readFileSync((await download.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { errors: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.nodeName };
  }, xml);
  expect(parsed).toEqual({ errors: 0, root: 'svg' });
  expect(xml).toContain('dead_events');
  requests.assertSameOrigin(new URL(page.url()).origin);
});

test('a shared focus link shows the table and its neighbours only', async ({ page }) => {
  await page.goto('./');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await page.goto('./#/erd');
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible({ timeout: 60_000 });
  const all = await page.locator('g.erd-table').count();
  await page.goto('./#/erd/public.revenue_state_transitions?focus=1');
  await expect(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
  await expect(table(page, 'public.revenue_state_transitions')).toBeAttached();
  await expect.poll(() => page.locator('g.erd-table').count()).toBeLessThan(all);
  const ids = await page.locator('g.erd-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(ids).toContain('public.revenue_ledger');
  expect(ids).not.toContain('public.dead_events');
  await shot(page, 'app-erd-focus');
});
