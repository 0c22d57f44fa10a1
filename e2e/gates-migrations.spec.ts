/**
 * The Migrations view's DDL lint and up → down → up results appear on the gates that ask for
 * them (`migration_checks`), and decide them as the CLI's --lint-report / --reversibility-report do.
 */
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expectVerdict, shot, typeInEditor } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));

test('lint and reversibility from the Migrations view on the B0.3 gate: not run, then failing lint, then faithful', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(`${root}/schema/samples/reconciled_baseline.sql`);
  await page.goto('./#/compliance');
  await expectVerdict(page, 'reconciled_baseline.sql', 'PASS', 120_000);

  await page.getByRole('link', { name: 'Gates' }).click();
  const b03 = page.getByRole('article', { name: 'Phase b0.3' });
  const checks = b03.getByRole('region', { name: 'Migration checks of b0.3' });
  await expect(checks.locator('[data-check="lint"]')).toContainText('DDL lint: not run (not passed');
  await expect(checks.locator('[data-check="reversibility"]')).toContainText('up → down → up: not run (not passed');
  await expect(b03.locator('.status')).toHaveText('PASS');

  // An unwaived destructive statement in the upgrade: the lint error fails B0.3, as in CI.
  await page.getByRole('link', { name: 'Migrations', exact: true }).click();
  const upFindings = page.getByRole('region', { name: 'Lint findings for up.sql' });
  await expect(upFindings.getByText('no errors')).toBeVisible({ timeout: 60_000 });
  await typeInEditor(page, 'Upgrade migration', '\nALTER TABLE public.dead_events DROP COLUMN error_type;\n');
  await expect(upFindings.getByText('1 error')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Gates' }).click();
  await expect(checks.locator('[data-check="lint"]')).toContainText('DDL lint: 1 error in up.sql, down.sql');
  await expect(b03.locator('.status')).toHaveText('FAIL');
  await expect(b03).toContainText('DDL lint: 1 error finding in up.sql, down.sql');
  await shot(page, 'gates-migration-lint-failed');
  await page.getByRole('link', { name: 'Compliance' }).click();
  await expectVerdict(page, 'reconciled_baseline.sql', 'FAIL');

  // Take the statement out again and run the cycle: clean lint and a faithful cycle on the gate.
  await page.getByRole('link', { name: 'Migrations', exact: true }).click();
  await page.getByRole('group', { name: 'Upgrade migration' }).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await expect(upFindings.getByText('no errors')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Run up → down → up' }).click();
  await expect(page.getByTestId('cycle-verdict')).toHaveText('FAITHFUL', { timeout: 150_000 });
  await page.getByRole('link', { name: 'Gates' }).click();
  await expect(checks.locator('[data-check="lint"]')).toContainText(/DDL lint: clean · up\.sql, down\.sql( · \d+ warnings?)? · 1 waived/);
  await expect(checks.locator('[data-check="reversibility"]')).toContainText('up → down → up: faithful · up.sql / down.sql on');
  await expect(b03.locator('.status')).toHaveText('PASS');
  await expect(b03).toContainText('reversible');
  await shot(page, 'gates-migration-checks-passed');
});
