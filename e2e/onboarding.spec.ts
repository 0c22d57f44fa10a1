import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { putSession, verdict } from './helpers';

// The new engineer's day: the authored tour end to end (it never covers the page, takes focus,
// gives it back on Esc, opens the RLS matrix and the drift table), then a generated tour on a
// real schema nobody wrote a tour for (Pagila, e2e/fixtures/pagila).
const root = fileURLToPath(new URL('..', import.meta.url));

async function noOverlap(page: Page) {
  const tour = await page.getByRole('dialog').boundingBox();
  const main = await page.locator('main').boundingBox();
  expect(tour && main).toBeTruthy();
  const overlapX = Math.min(tour!.x + tour!.width, main!.x + main!.width) - Math.max(tour!.x, main!.x);
  const overlapY = Math.min(tour!.y + tour!.height, main!.y + main!.height) - Math.max(tour!.y, main!.y);
  expect(overlapX <= 1 || overlapY <= 1, 'the tour panel does not cover the page').toBe(true);
}

async function walk(page: Page, name: string, check: (i: number, url: string) => Promise<void> = async () => {}) {
  const dialog = page.getByRole('dialog');
  const total = Number((await dialog.locator('.progress').textContent())!.split('/')[1]);
  for (let i = 0; i < total; i++) {
    await expect(dialog.locator('.progress')).toHaveText(`${i + 1} / ${total}`);
    await page.waitForTimeout(400);
    await noOverlap(page);
    await check(i, page.url());
    if (i === 1 || i === total - 1) {
      for (const width of [390, 1024, 1920]) {
        await page.setViewportSize({ width, height: width < 760 ? 844 : 1000 });
        await page.waitForTimeout(300);
        await noOverlap(page);
        await page.screenshot({ path: `/tmp/i14/tour-${name}-${i + 1}-${width}.png` });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    if (i < total - 1) await dialog.getByRole('button', { name: 'Next →' }).click();
  }
  return total;
}

test('onboarding: the whole authored tour, docked beside the page, with focus in and back out', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  const tourButton = page.locator('header').getByRole('button', { name: 'Tour' });
  await tourButton.focus();
  await tourButton.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.locator('#tour-step-title')).toBeFocused();
  const routes: string[] = [];
  const total = await walk(page, 'authored', async (_i, url) => { routes.push(new URL(url).hash); });
  expect(total).toBeGreaterThanOrEqual(8);
  expect(routes.some((h) => h.startsWith('#/rls'))).toBe(true);
  expect(routes.some((h) => h.startsWith('#/drift'))).toBe(true);
  await expect(page.locator('main h1', { hasText: 'Schema drift' }).or(page.locator('main'))).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(tourButton).toBeFocused();
});

test('onboarding: a schema without an authored tour gets one generated (Pagila, real pg_dump)', async ({ page }) => {
  test.setTimeout(300_000);
  const sql = await readFile(`${root}/e2e/fixtures/pagila/dump.sql`, 'utf8');
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  // Pagila as the canonical schema, with no overlay, and as the dump: a session as the app saves it.
  await putSession(page, { name: 'pagila.sql', text: sql }, { name: 'pagila-dump.sql', text: sql });
  await page.reload();
  await expect(verdict(page)).toContainText('pagila-dump.sql', { timeout: 120_000 });
  await page.locator('header').getByRole('button', { name: 'Tour' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Generated tour');
  await expect(dialog).toContainText('22 tables');
  const hashes: string[] = [];
  await walk(page, 'generated', async (_i, url) => { hashes.push(decodeURIComponent(new URL(url).hash)); });
  // Tables in FK order: the narrated ones are real Pagila tables, a referenced table before its referrer.
  const tables = hashes.filter((h) => h.startsWith('#/dictionary/public.')).map((h) => h.slice('#/dictionary/'.length));
  expect(tables.length).toBeGreaterThanOrEqual(8);
  const at = (t: string) => tables.indexOf(t);
  if (at('public.film') >= 0 && at('public.language') >= 0) expect(at('public.language')).toBeLessThan(at('public.film'));
  if (at('public.city') >= 0 && at('public.country') >= 0) expect(at('public.country')).toBeLessThan(at('public.city'));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('offline: paste a dump with no network and get its verdict', async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await context.setOffline(true);
  await page.reload();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await page.goto('./#/sources');
  await page.getByText('Paste a dump').click();
  await page.getByLabel('Name of the pasted dump').fill('pasted-offline.sql');
  await page.getByLabel('Pasted dump SQL').fill(await readFile(`${root}/fixtures/drift/changed_check_enum/dump.sql`, 'utf8'));
  await page.getByRole('button', { name: 'Add pasted dump' }).click();
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText(/^FAIL — pasted-offline\.sql:/, { timeout: 120_000 });
  await page.locator('summary', { hasText: 'Details' }).click();
  await expect(page.getByTestId('dump-provenance')).toContainText('pasted text');
  await page.screenshot({ path: '/tmp/i14/offline-paste-1280.png' });
  await context.setOffline(false);
});
