import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { shotsAtWidths, verdict } from './helpers';

// The data dictionary: foreign keys are links both ways, and the dictionary exports as ONE
// self-contained HTML file that loads nothing and runs nothing.
test('dictionary: FK links both ways; the HTML export is self-contained', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await page.goto('./#/dictionary');
  const section = page.locator('section.entry').filter({ has: page.getByTestId('references') }).first();
  const refs = section.getByTestId('references');
  await expect(refs).toBeVisible({ timeout: 60_000 });
  const from = (await section.locator('h3').textContent())!.trim();
  const target = (await refs.locator('a').nth(1).textContent())!.trim(); // e.g. public.tenants.id
  const targetTable = target.split('.').slice(0, -1).join('.');

  // Column → the referenced column, in the referenced table's entry.
  await refs.locator('a').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#/dictionary/${target.replace(/\./g, '\\.')}$`));
  const row = page.locator(`[id="dict-${target}"]`);
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row).toBeInViewport();

  // Table → the tables referencing it, back to where we came from.
  const back = page.locator('section.entry').filter({ has: page.locator(`[id="dict-${targetTable}"]`) }).getByTestId('referenced-by');
  await back.getByRole('link', { name: from, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/dictionary/${from.replace(/\./g, '\\.')}$`));
  await expect(page.locator(`[id="dict-${from}"]`)).toBeInViewport();
  await shotsAtWidths(page, '/tmp/i14b/dictionary-fk');

  // One HTML file: inline CSS, no script, nothing fetched when opened (JavaScript off, every request recorded).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download data_dictionary.html' }).click();
  const dl = await download;
  expect(dl.suggestedFilename()).toBe('data_dictionary.html');
  const file = test.info().outputPath('data_dictionary.html');
  await dl.saveAs(file);
  const html = await readFile(file, 'utf8');
  expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const viewer = await ctx.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.goto(`file://${file}`);
  await expect(viewer.locator('h1')).toContainText('Data dictionary');
  await viewer.locator(`section[id="d-${from}"] .ref a`).first().click();
  await expect(viewer).toHaveURL(new RegExp(`#d-${target.replace(/\./g, '\\.')}$`));
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await shotsAtWidths(viewer, '/tmp/i14b/dictionary-export');
  await ctx.close();
});
