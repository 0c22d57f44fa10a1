/**
 * RLS by behaviour on a real Supabase schema in the browser (issue 9), no overlay: Basejump
 * (fixtures/rls_models/basejump) as the canonical, its `using_true` leak as the dump. The RLS view
 * shows the principals, that their worlds were seeded acting as them (the JWT claims set), and
 * the leak as a failed cell on basejump.accounts with the canonical's and the dump's outcomes.
 */
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { shot } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));

test('Basejump, no overlay: principals seeded as themselves, the USING (true) leak fails on accounts', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#/sources');
  await page.getByLabel('Open canonical SQL').setInputFiles(`${root}/fixtures/rls_models/basejump/correct/dump.sql`);
  await expect(page.getByLabel('No overlay')).toBeChecked();
  await page.getByLabel('Open dump').setInputFiles(`${root}/fixtures/rls_models/basejump/using_true/dump.sql`);
  await page.goto('./#/rls');
  await expect(page.getByRole('heading', { name: /RLS by behaviour/ })).toBeVisible({ timeout: 200_000 });
  // The heading can first show a report from before the canonical changed; the oracle run follows.
  await expect(page.getByText('The canonical is the oracle')).toBeVisible({ timeout: 200_000 });

  const dump = page.getByRole('region', { name: 'Principals on the Dump' });
  await expect(dump).toContainText('JWT claims sub');
  await dump.locator('summary').first().click();
  await expect(dump).toContainText('Seeded acting as this principal');
  await expect(dump.locator('pre.session').first()).toContainText("set_config('request.jwt.claims'");
  await shot(page, 'rls-basejump-principals');
  await dump.locator('summary').first().click(); // fold the world away again

  const row = page.getByRole('row', { name: /^basejump\.accounts/ });
  const leak = row.locator('button.cell.o-failed');
  await expect(leak.first()).toBeVisible();
  // From the keyboard: the wide matrix scrolls under its sticky first column.
  await leak.first().focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'RLS test detail' });
  await expect(detail).toContainText('leak');
  await shot(page, 'rls-basejump-leak');
});
