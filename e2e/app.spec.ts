import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { shot, verdict, watchRequests } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const ORIGIN = 'http://127.0.0.1:4173';

test.describe.configure({ mode: 'serial' });

test('first visit: bundled canonical + sample dump load and a full report appears', async ({ page }) => {
  const requests = watchRequests(page);
  await page.goto('./');
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await expect(verdict(page)).toContainText('legacy_head.sql');
  // Counts per severity and the divergences table.
  await expect(page.getByRole('group', { name: 'Filter by severity' })).toContainText('BLOCKING');
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await shot(page, 'compliance-default');
  // Deep link: opening a row puts the object in the URL and shows expected vs actual.
  await page.locator('table tbody tr button.link').first().click();
  await expect(page).toHaveURL(/#\/compliance\/.+/);
  await expect(page.getByRole('region', { name: 'Divergence detail' })).toContainText('Expected (canonical)');
  await shot(page, 'compliance-detail');
  requests.assertSameOrigin(ORIGIN);
});

test('open a real pg_dump with "Open dump"; drift is visible; reload keeps it', async ({ page }) => {
  const requests = watchRequests(page);
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(`${root}/schema/samples/reconciled_baseline.sql`);
  await expect(page.getByRole('tab', { name: /reconciled_baseline\.sql/ })).toBeVisible();
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText('reconciled_baseline.sql', { timeout: 90_000 });
  await shot(page, 'compliance-opened-dump');

  // Both dumps have their own verdict.
  const tabs = page.getByRole('tablist', { name: 'Dumps' });
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await expect(tabs.getByRole('tab', { name: /legacy_head\.sql\s+(PASS|WARN_PASS|FAIL)/ })).toBeVisible({ timeout: 90_000 });

  // Drift table: stable ids, editable decisions.
  await page.goto('./#/drift');
  const first = page.locator('tbody tr').first();
  await expect(first).toContainText('SCHEMA-DRIFT-001');
  const firstObject = await first.locator('td').nth(1).locator('a').textContent();
  await first.getByLabel(/Status of SCHEMA-DRIFT-001/).selectOption('accepted');
  await first.getByLabel(/ADR reference for SCHEMA-DRIFT-001/).fill('ADR-004');
  await first.getByLabel(/ADR reference for SCHEMA-DRIFT-001/).blur();
  await first.getByLabel(/Notes for SCHEMA-DRIFT-001/).fill('kept until the ADR lands');
  await first.getByLabel(/Notes for SCHEMA-DRIFT-001/).blur();
  await shot(page, 'drift-table');
  await page.getByRole('tab', { name: 'Normalised diff' }).click();
  await expect(page.getByRole('group', { name: /Normalised diff/ })).toBeVisible();
  await expect(page.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'drift-diff');

  // Reload: dumps, ids and decisions come back from IndexedDB.
  await page.waitForTimeout(1200); // autosave is debounced (500 ms)
  await page.goto('./#/drift');
  await page.reload();
  const again = page.locator('tbody tr').first();
  await expect(again).toContainText('SCHEMA-DRIFT-001', { timeout: 90_000 });
  await expect(again.locator('td').nth(1).locator('a')).toHaveText(firstObject!);
  await expect(again.getByLabel(/Status of SCHEMA-DRIFT-001/)).toHaveValue('accepted');
  await expect(again.getByLabel(/ADR reference for SCHEMA-DRIFT-001/)).toHaveValue('ADR-004');
  await expect(again.getByLabel(/Notes for SCHEMA-DRIFT-001/)).toHaveValue('kept until the ADR lands');
  await expect(page.getByRole('tab', { name: /reconciled_baseline\.sql/ })).toBeVisible();
  requests.assertSameOrigin(ORIGIN);
});

test('hostile identifiers are shown as text and no dialog fires', async ({ page }) => {
  const requests = watchRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(`${root}/e2e/fixtures/hostile_identifiers.sql`);
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText('hostile_identifiers.sql', { timeout: 90_000 });
  await page.getByLabel('Text').fill('onerror');
  await expect(page.locator('table tbody')).toContainText('<img src=x onerror=alert(1)>');
  await shot(page, 'hostile-compliance');
  for (const view of ['drift', 'gates', 'rls', 'sources']) {
    await page.goto(`./#/${view}`);
    await page.waitForTimeout(800);
  }
  await shot(page, 'hostile-sources');
  expect(await page.locator('img[src="x"], iframe, svg[onload], b[onmouseover]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  requests.assertSameOrigin(ORIGIN);
});

test('reset to defaults asks first', async ({ page }) => {
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(`${root}/schema/samples/reconciled_baseline.sql`);
  await expect(page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab')).toHaveCount(2);
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset to defaults?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab')).toHaveCount(2);
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab')).toHaveCount(1);
  await page.getByRole('link', { name: 'Compliance' }).click();
  await expect(verdict(page)).toContainText('legacy_head.sql', { timeout: 90_000 });
});

test('opens with no network after the first visit (service worker)', async ({ page, context }) => {
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  // Active means installed: every built file is in the cache.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await context.setOffline(true);
  await page.reload();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await page.getByRole('link', { name: 'Sources' }).click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await shot(page, 'offline-sources');
  await context.setOffline(false);
});

test('gates, RLS and SQL console views', async ({ page }) => {
  await page.goto('./#/gates');
  await expect(page.getByRole('img', { name: 'Phase prerequisites graph' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Export GATE_STATUS.md' })).toBeVisible();
  await shot(page, 'gates');
  await page.getByRole('link', { name: 'RLS' }).click();
  const cell = page.locator('button.cell').first();
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page.getByRole('region', { name: 'RLS test detail' })).toContainText('Role');
  await shot(page, 'rls');
  await page.getByRole('link', { name: 'SQL console' }).click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /Run/ }).click();
  await expect(page.locator('.out table')).toContainText('public', { timeout: 30_000 });
  await shot(page, 'sql-console');
});
