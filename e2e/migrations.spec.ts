import { expect, test } from '@playwright/test';
import { shot, typeInEditor, watchRequests } from './helpers';

test('Migrations view: lint as you type with editor markers, waiver, and up → down → up on the canonical', async ({ page, baseURL }) => {
  const requests = watchRequests(page);
  await page.goto('./#/migrations');
  await expect(page.getByRole('heading', { name: 'Migrations', level: 1 })).toBeVisible();
  // The example pair lints without errors: its DROP CONSTRAINT carries a waiver with a reason.
  const upFindings = page.getByRole('region', { name: 'Lint findings for up.sql' });
  await expect(upFindings.getByText('no errors')).toBeVisible({ timeout: 60_000 });
  await expect(upFindings.getByText('waived', { exact: true })).toBeVisible();

  // An unwaived destructive statement is an error, in the list and as a Monaco marker.
  await typeInEditor(page, 'Upgrade migration', '\nALTER TABLE public.dead_events DROP COLUMN error_type;\n');
  await expect(upFindings.getByText('1 error')).toBeVisible({ timeout: 30_000 });
  await expect(upFindings.getByText('DROP COLUMN public.dead_events.error_type deletes its data')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Upgrade migration' }).locator('.squiggly-error').first()).toBeAttached();
  await shot(page, 'migrations-lint');

  // A fresh page starts from the example pair again; run the cycle on the bundled canonical.
  await page.reload();
  await expect(upFindings.getByText('no errors')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run up → down → up' }).click();
  await expect(page.getByTestId('cycle-verdict')).toHaveText('FAITHFUL', { timeout: 110_000 });
  await expect(page.getByRole('cell', { name: 'held' }).first()).toBeVisible();
  await expect(page.getByText("remediation_status = 'ignored'").first()).toBeVisible();
  await shot(page, 'migrations-cycle');
  requests.assertSameOrigin(new URL(baseURL!).origin);
});
