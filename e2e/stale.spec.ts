/**
 * A result is never shown as current after its inputs changed (issue 14): every view marks the
 * previous result "stale — re-checking…" and says what changed, until the new one arrives.
 */
import { expect, test } from '@playwright/test';
import { expectVerdict, shot, typeInEditor } from './helpers';

test('after the canonical changes, the RLS and Gates views mark the previous result stale until the re-check answers', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#/compliance');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await page.getByRole('link', { name: 'RLS' }).click();
  await expect(page.getByRole('heading', { name: /RLS by behaviour/ })).toBeVisible({ timeout: 120_000 });
  const stale = page.getByTestId('stale');
  await expect(stale).toHaveCount(0);

  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('button', { name: /^SQL · / }).click();
  await typeInEditor(page, 'Canonical SQL editor', '\nCREATE TABLE public.e2e_stale_probe (id integer PRIMARY KEY);\n');
  // Straight away (the re-check is debounced and then takes seconds): the old report is marked.
  await page.getByRole('link', { name: 'RLS' }).click();
  await expect(stale).toContainText('Stale — re-checking… The canonical schema changed since this result', { timeout: 2_000 });
  await expect(page.getByRole('heading', { name: /RLS by behaviour/ })).toBeVisible();
  await shot(page, 'stale-rls');
  await page.getByRole('link', { name: 'Gates' }).click();
  await expect(stale).toContainText('The canonical schema changed');
  await shot(page, 'stale-gates');

  // The new result arrives: the marker goes, and the new report is the one shown.
  await expect(stale).toHaveCount(0, { timeout: 240_000 });
  await page.getByRole('link', { name: 'Compliance' }).click();
  await expect(page.locator('table tbody')).toContainText('public.e2e_stale_probe');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await page.getByRole('link', { name: 'RLS' }).click();
  await expect(page.getByRole('heading', { name: /RLS by behaviour/ })).toBeVisible();
  await expect(stale).toHaveCount(0);
});

test('a broken overlay leaves the last report marked stale (not re-checking, not current) on every view', async ({ page }) => {
  await page.goto('./#/compliance');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('button', { name: /^YAML · / }).click();
  await typeInEditor(page, 'YAML overlay editor', 'name: x\n\tbroken: [\n', 'start');
  await expect(page.getByRole('alert').filter({ hasText: 'The check could not run.' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Drift' }).click();
  const stale = page.getByTestId('stale');
  await expect(stale).toHaveAttribute('data-state', 'stale');
  await expect(stale).toContainText('the current inputs could not be checked');
  await expect(stale).toContainText('the YAML overlay changed since');
  await shot(page, 'stale-broken-overlay-drift');
});
