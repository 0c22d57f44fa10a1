import { expect, test, type Page } from '@playwright/test';
import { shotsAtWidths, verdict } from './helpers';

// In-app rule docs: a divergence, an RLS scenario and a lint finding each link to their docs page
// (Problem / Solution / Incorrect / Correct) rendered inside the app, and "Back" returns.
const shots = (page: Page, name: string) => shotsAtWidths(page, `/tmp/i14b/docs-${name}`);

test('docs: divergence → its rule page → back; RLS scenario → its page; pages are safe text', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await expect(verdict(page)).not.toContainText('re-checking', { timeout: 90_000 });

  // A divergence's detail links to its kind's page.
  const first = page.locator('table tbody tr').first().locator('button.link');
  const object = (await first.textContent())!.trim();
  await first.click();
  const detail = page.getByRole('region', { name: 'Divergence detail' });
  const doc = detail.getByTestId('rule-doc');
  const title = (await doc.textContent())!.trim();
  await doc.click();
  await expect(page).toHaveURL(/#\/docs\/[a-z_]+$/);
  await expect(page.locator('main h1')).toHaveText(title);
  for (const h of ['Problem', 'Solution', 'Incorrect', 'Correct']) await expect(page.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();
  const code = page.locator('pre.code').first();
  await expect(code).toBeVisible();
  expect(await code.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
  await expect(code.locator('.tk-kw').first()).toBeVisible();
  await shots(page, 'divergence-page');

  // Back returns to the compliance view with the divergence still selected.
  await page.getByTestId('docs-back').click();
  await expect(page).toHaveURL(/#\/compliance\//);
  await expect(page.getByRole('region', { name: 'Divergence detail' })).toContainText(object);

  // RLS: a scenario column header links to its page; the cell detail does too.
  await page.goto('./#/rls');
  const header = page.locator('thead th a').first();
  await expect(header).toBeVisible({ timeout: 60_000 });
  await header.click();
  await expect(page).toHaveURL(/#\/docs\/rls\/[a-z_]+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Problem', exact: true })).toBeVisible();
  await page.goBack();
  await page.locator('td button.cell').first().click();
  await page.getByRole('region', { name: 'RLS test detail' }).getByTestId('rule-doc').click();
  await expect(page).toHaveURL(/#\/docs\/rls\//);
  await expect(page.getByTestId('docs-back')).toHaveText('← Back to RLS');

  // A lint finding (the example migration's waived DROP) links to its rule page.
  await page.goto('./#/migrations');
  const findings = page.getByRole('region', { name: 'Lint findings for up.sql' });
  await expect(findings.getByText('waived', { exact: true })).toBeVisible({ timeout: 60_000 });
  const rule = findings.locator('li a code').first();
  const ruleId = (await rule.textContent())!.trim();
  await rule.click();
  await expect(page).toHaveURL(new RegExp(`#/docs/lint/${ruleId}$`));
  await expect(page.locator('main h1')).toHaveText(ruleId);
  await expect(page.getByTestId('docs-back')).toHaveText('← Back to Migrations');

  // Links between pages stay in the app; the index lists every family.
  await page.goto('./#/docs');
  await expect(page.locator('main h1')).toHaveText('Rules');
  const nav = page.getByRole('navigation', { name: 'Rule docs' });
  for (const g of ['Divergences', 'RLS scenarios', 'Object kinds', 'DDL lint']) await expect(nav.getByRole('heading', { name: g })).toBeVisible();
  await nav.getByRole('link', { name: 'Overview' }).first().click();
  await expect(page).toHaveURL(/#\/docs\/objects\/README$/);
  await page.locator('article').getByRole('link', { name: 'missing' }).click();
  await expect(page).toHaveURL(/#\/docs\/missing$/);
  await shots(page, 'index');
  expect(await page.locator('main script, main iframe, main img').count()).toBe(0);

  // An unknown page says so.
  await page.goto('./#/docs/nope/../x');
  await expect(page.locator('main h1')).toHaveText('No such docs page');
});
