/**
 * Any schema in the browser (issue 10): open a canonical SQL file, check with no overlay or
 * with an opened YAML overlay; the session remembers which.
 */
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { shot } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const verdictOf = (page: import('@playwright/test').Page, dump: string) =>
  page.getByRole('status').filter({ hasText: new RegExp(`^(PASS|WARN_PASS|FAIL|INCOMPLETE) — ${dump.replace('.', '\\.')}`) });

test('another canonical file: no overlay, the identical pair is PASS, the choice survives a reload', async ({ page }) => {
  await page.goto('./#/sources');
  await page.getByLabel('Open canonical SQL').setInputFiles(`${root}/fixtures/diff/objects/canonical.sql`);
  // The bundled Skeldir overlay describes another schema: the check now runs with none.
  await expect(page.getByLabel('No overlay')).toBeChecked();
  await page.getByLabel('Open dump').setInputFiles(`${root}/fixtures/diff/objects/clean/dump.sql`);
  await page.goto('./#/compliance');
  await expect(verdictOf(page, 'dump.sql')).toHaveText(/^PASS — dump\.sql: 0 blocking, 0 high, 0 medium, 0 low \(exit code 0\)/, { timeout: 120_000 });
  await shot(page, 'canonical-opened-no-overlay');

  await page.reload();
  await page.goto('./#/sources');
  await expect(page.getByRole('button', { name: /SQL · canonical\.sql/ })).toBeVisible();
  await expect(page.getByLabel('No overlay')).toBeChecked();

  // An overlay for another schema is refused, naming the objects it tags that this canonical lacks.
  await page.getByLabel('Open YAML overlay').setInputFiles(`${root}/schema/canonical_schema.yaml`);
  await expect(page.getByRole('alert').filter({ hasText: 'absent from the canonical schema' })).toBeVisible({ timeout: 120_000 });
  await shot(page, 'canonical-foreign-overlay-refused');
  await page.getByLabel('No overlay').check();
  await page.goto('./#/compliance');
  await expect(verdictOf(page, 'dump.sql')).toHaveText(/^PASS — dump\.sql/, { timeout: 120_000 });

  // Back to the bundled schema with its overlay.
  await page.goto('./#/sources');
  await page.getByRole('button', { name: 'Use the bundled Skeldir schema' }).click();
  await expect(page.getByRole('button', { name: /YAML · schema\/canonical_schema\.yaml/ })).toBeVisible();
});
