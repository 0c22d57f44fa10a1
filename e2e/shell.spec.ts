import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { verdict } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const dumpPath = `${root}/schema/samples/reconciled_baseline.sql`;

test.describe.configure({ mode: 'serial' });

test('"Open dump" in the top bar opens a dump from any view and shows its verdict', async ({ page }) => {
  await page.goto('./#/gates');
  await expect(verdict(page).or(page.getByRole('heading', { name: /Gates/ }))).toBeVisible({ timeout: 90_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles(dumpPath);
  await expect(page).toHaveURL(/#\/compliance$/);
  await expect(verdict(page)).toContainText('reconciled_baseline.sql', { timeout: 90_000 });
});

test('a file dropped anywhere on the window opens as a dump', async ({ page }) => {
  await page.goto('./#/erd');
  await expect(page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab')).toHaveCount(1, { timeout: 30_000 });
  const sql = await (await import('node:fs/promises')).readFile(dumpPath, 'utf8');
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dump.sql', { type: 'text/plain' }));
    return d;
  }, sql);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await expect(page.getByText('Drop a pg_dump .sql file to check it')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page).toHaveURL(/#\/compliance$/);
  await expect(verdict(page)).toContainText('dump.sql', { timeout: 90_000 });
  await expect(page.getByText('Drop a pg_dump .sql file to check it')).toHaveCount(0);
});

for (const width of [390, 1024, 1920]) {
  test(`shell at ${width} px: nav ${width < 760 ? 'collapses behind Menu' : 'is visible'}, content has the room`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 760 ? 844 : 900 });
    await page.goto('./#/compliance');
    await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
    const nav = page.getByRole('navigation', { name: 'Views' });
    if (width < 760) {
      await expect(nav).toBeHidden();
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.click();
      await expect(nav).toBeVisible();
      await page.screenshot({ path: `/tmp/i14/shell-${width}-menu.png` });
      await nav.getByRole('link', { name: 'Sources' }).click();
      await expect(nav).toBeHidden();
      await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
      const box = await page.locator('.monaco-editor').first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width + 1);
      expect(box!.width).toBeGreaterThan(width * 0.6);
      await page.screenshot({ path: `/tmp/i14/shell-${width}-sources.png` });
      await page.goto('./#/compliance');
    } else {
      await expect(nav).toBeVisible();
      await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
    }
    // Nothing scrolls the page sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/i14/shell-${width}-compliance.png` });
  });
}
