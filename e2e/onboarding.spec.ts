import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { verdict } from './helpers';

// Offline after a first visit: the service worker serves the app with the network off. (The
// onboarding tours and the paste with every off-origin request aborted are walked at three
// widths in stories.spec.ts.)
const root = fileURLToPath(new URL('..', import.meta.url));

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
