import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { shot, verdict, watchRequests } from './helpers';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT || 4173}`;

test.describe.configure({ mode: 'serial' });

test('Migration view: the bundled legacy_head.sql gets a verified corrective script; downloads SQL and Alembic', async ({ page }) => {
  test.setTimeout(300_000);
  const requests = watchRequests(page);
  await page.goto('./#/compliance');
  await expect(verdict(page)).toBeVisible({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Migration', exact: true }).click();
  const verification = page.getByRole('region', { name: 'Verification' });
  await expect(verification).toContainText('Verified', { timeout: 180_000 });
  await expect(verification).toContainText('verdict PASS');
  await expect(verification).toContainText('Downgrade: Verified');
  // The script in Monaco: timeouts first, the rename with its reason.
  const editor = page.getByRole('group', { name: 'Corrective migration SQL' });
  await expect(editor).toContainText(/SET\slock_timeout\s=\s'5s';/);
  await shot(page, 'migration-verified');

  await page.getByRole('tab', { name: /Statements and hazards/ }).click();
  await expect(page.getByText('ALTER TABLE public.attribution_allocations RENAME COLUMN channel_code TO channel;')).toBeVisible();
  await expect(page.getByText('DELETES_DATA').first()).toBeVisible();
  await shot(page, 'migration-steps');

  const sql = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download fix.sql' }).click()]).then(([d]) => d.path());
  expect(readFileSync(sql!, 'utf8')).toMatch(/^DROP TABLE public\.channel_taxonomy; -- CI:DESTRUCTIVE_OK: <reason>$/m);
  const py = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Alembic revision' }).click()]).then(([d]) => d.path());
  const rev = readFileSync(py!, 'utf8');
  expect(rev).toMatch(/^def upgrade\(\) -> None:$/m);
  expect(rev).toMatch(/^def downgrade\(\) -> None:$/m);
  requests.assertSameOrigin(ORIGIN);
});

test('a divergence detail shows its Fix: statements, hazards, copy', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#/compliance');
  await expect(verdict(page)).toBeVisible({ timeout: 120_000 });
  await page.locator('table tbody tr button.link', { hasText: 'idx_allocations_channel_performance' }).first().click();
  const fix = page.getByRole('region', { name: 'Fix' });
  await fix.getByRole('button', { name: 'Generate and verify the fix' }).click();
  await expect(fix).toContainText('CREATE INDEX idx_allocations_channel_performance', { timeout: 180_000 });
  await expect(fix.getByRole('list', { name: 'Hazards' })).toContainText('INDEX_BUILD');
  await expect(fix.getByRole('button', { name: 'Copy SQL' })).toBeVisible();
  await shot(page, 'divergence-fix');
});
