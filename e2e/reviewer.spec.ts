import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { verdict } from './helpers';

// The reviewer's drift numbers do not depend on load order. (The reviewer's day end to end —
// two dump.sql, decide, export, reload — is walked at three widths in stories.spec.ts.)
const root = fileURLToPath(new URL('..', import.meta.url));
const enumDump = `${root}/fixtures/drift/changed_check_enum/dump.sql`;
const indexDump = `${root}/fixtures/drift/dropped_index/dump.sql`;

async function openDump(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles({ name: 'dump.sql', mimeType: 'text/plain', buffer: await readFile(path) });
}

test('reviewer: drift numbers do not depend on the order dumps were opened', async ({ page }) => {
  test.setTimeout(300_000);
  const numbersAfter = async (order: string[]) => {
    await page.goto('./');
    await page.evaluate(() => new Promise<void>((r) => { const q = indexedDB.deleteDatabase('skeldir-schema-explorer'); q.onsuccess = q.onerror = q.onblocked = () => r(); }));
    await page.goto('./');
    await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
    for (const p of order) {
      await openDump(page, p);
      await expect(verdict(page)).toContainText('dump.sql', { timeout: 90_000 });
    }
    await page.goto('./#/drift');
    await expect(page.locator('tbody tr', { hasText: 'idx_events_idempotency' })).toHaveCount(1, { timeout: 90_000 });
    await page.waitForTimeout(1500);
    return page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('td')?.textContent, r.querySelector('a')?.textContent]));
  };
  const ab = await numbersAfter([enumDump, indexDump]);
  const ba = await numbersAfter([indexDump, enumDump]);
  expect(ab.length).toBeGreaterThan(2);
  expect(ba).toEqual(ab);
});
