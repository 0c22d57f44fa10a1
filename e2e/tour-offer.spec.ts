import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { putSession, verdict } from './helpers';

// The first-visit tour offer names the tour the LOADED canonical gets: the authored tour on the
// bundled schema; on a foreign canonical (Pagila, a real pg_dump nobody here wrote) it names that
// file, never the bundled schema, and offers the tour generated from it.
const root = fileURLToPath(new URL('..', import.meta.url));

test('tour offer: the bundled schema gets its authored tour; a foreign canonical is named and gets a generated one', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  const offer = page.getByRole('complementary', { name: 'Onboarding tour' });
  const authoredTitle = /^title: (.+)$/m.exec(await readFile(`${root}/schema/tour.yaml`, 'utf8'))![1];
  await expect(offer).toContainText(`The guided tour “${authoredTitle}”`);
  await expect(offer.getByRole('button', { name: 'Take the tour', exact: true })).toBeVisible();

  // Pagila as the canonical (no overlay) and as the dump: a session as the app saves it.
  const sql = await readFile(`${root}/e2e/fixtures/pagila/dump.sql`, 'utf8');
  await putSession(page, { name: 'pagila.sql', text: sql }, { name: 'pagila-dump.sql', text: sql });
  await page.reload();
  await expect(verdict(page)).toContainText('pagila-dump.sql', { timeout: 120_000 });
  await expect(offer).toContainText('New to this schema (pagila.sql, 22 tables)?');
  await expect(offer).not.toContainText(authoredTitle);
  await expect(offer).not.toContainText('Skeldir');
  for (const width of [390, 1024, 1920]) {
    await page.setViewportSize({ width, height: width < 760 ? 844 : 1000 });
    await page.screenshot({ path: `/tmp/i14b/tour-offer-foreign-${width}.png` });
  }
  await offer.getByRole('button', { name: 'Take the generated tour' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Generated tour');
  await expect(dialog).toContainText('22 tables');
  await expect(offer).toHaveCount(0);
});
