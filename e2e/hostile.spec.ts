/**
 * Untrusted dumps in the browser (issue 11): a statement that never ends is stopped by the page's
 * watchdog and named; Cancel terminates the engine at once; a dump whose check the page did not
 * survive is restored as "stopped at line N last time" and never re-run by itself.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shot, verdict } from './helpers';

const HANG = 'CREATE TABLE a (x int);\nDO $$ BEGIN LOOP END LOOP; END $$;\nCREATE TABLE b (x int);\n';

async function setBudget(page: Page, seconds: number) {
  await page.goto('./#/sources');
  // The settings are a <details>: open it only when closed (a second click would close it again).
  const settings = page.locator('details', { has: page.getByText('Engine settings') });
  if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Engine settings').click();
  const input = page.getByLabel(/Statement budget/);
  await input.fill(String(seconds));
  await input.blur();
}

async function paste(page: Page, name: string, sql: string) {
  await page.goto('./#/sources');
  await page.getByText('Paste a dump').click();
  await page.getByLabel('Name of the pasted dump').fill(name);
  await page.getByLabel('Pasted dump SQL').fill(sql);
  await page.getByRole('button', { name: 'Add pasted dump' }).click();
}

test('a hanging statement is stopped after the budget, named at its line; the rest of the dump loads', async ({ page }) => {
  await setBudget(page, 2);
  await paste(page, 'hang.sql', HANG);
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText('INCOMPLETE — hang.sql', { timeout: 90_000 });
  await expect(verdict(page)).toContainText('exit code 3');
  await expect(page.getByText(/hang\.sql:2: stopped after 2 s/)).toBeVisible();
  // The rest loaded: two of the three statements ran, one failed (the stopped one).
  await expect(page.getByText(/Dump: 2\/3 statements ran, 1 failed/)).toBeVisible();
  await shot(page, 'hostile-stopped');
  // No gate pretends to know: each says the input could not be fully used.
  await page.goto('./#/gates');
  const card = page.getByRole('article', { name: 'Phase B0.3' });
  await expect(card.locator('.status')).toHaveText('INCOMPLETE');
  await expect(card).toContainText('the dump could not be fully used');
  await expect(card).toContainText('Fix the load error at hang.sql:2');
  await expect(page.locator('.status', { hasText: /^(PASS|FAIL|WARN_PASS)$/ })).toHaveCount(0);
  await shot(page, 'hostile-gates-incomplete');
});

test('Cancel stops a hanging check at once; then a good dump gets its verdict', async ({ page }) => {
  test.setTimeout(300_000);
  await setBudget(page, 0); // no budget: only Cancel can end it
  await paste(page, 'hang.sql', HANG);
  await expect(page.getByTestId('progress')).toContainText('hang.sql', { timeout: 90_000 });
  await page.waitForTimeout(1000); // well inside the endless DO block
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('progress')).toBeHidden({ timeout: 2000 });
  // Cancel says what it stopped, where, and that it is not passed.
  const notice = page.getByRole('alert').filter({ hasText: /You cancelled the check of\s*hang\.sql/ });
  await expect(notice).toContainText('(at line 2)');
  await expect(notice).toContainText('inconclusive, never passed');
  await setBudget(page, 10);
  await page.getByLabel('Bundled sample').selectOption('reconciled_baseline.sql');
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText('PASS — reconciled_baseline.sql', { timeout: 90_000 });
  await shot(page, 'hostile-after-cancel');
});

test('reload during a hanging check does not hang: the dump waits for "Run again"', async ({ page }) => {
  test.setTimeout(300_000);
  await setBudget(page, 0);
  await paste(page, 'hang.sql', HANG);
  await expect(page.getByTestId('progress')).toContainText('hang.sql', { timeout: 90_000 });
  await page.waitForTimeout(1500); // the session autosave (500 ms) has the dump
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'The check of hang.sql stopped at line 2 last time' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  // The page is usable: the other dump is checked, hang.sql is not.
  await page.goto('./#/compliance');
  await page.getByRole('tab', { name: /legacy_head\.sql/ }).click();
  await expect(verdict(page)).toContainText('legacy_head.sql', { timeout: 90_000 });
  await expect(page.getByRole('tab', { name: /hang\.sql\s+stopped at line 2/ })).toBeVisible();
  await shot(page, 'hostile-interrupted');
  // Run again, with a budget: now it is stopped and named instead.
  await setBudget(page, 2);
  await page.goto('./#/compliance');
  await alert.getByRole('button', { name: 'Run again' }).click();
  await page.getByRole('tab', { name: /hang\.sql/ }).click();
  await expect(verdict(page)).toContainText('INCOMPLETE — hang.sql', { timeout: 90_000 });
});

test('a policy that never returns is stopped during the RLS probes; the rest of the suite runs', async ({ page }) => {
  const dump = readFileSync(new URL('../fixtures/hostile_probes/policy_loop/dump.sql', import.meta.url), 'utf8');
  await setBudget(page, 2);
  await paste(page, 'policy_loop.sql', dump);
  await page.goto('./#/compliance');
  // A verdict arrives (no hang), and the stopped probe is named with its table.
  await expect(verdict(page)).toContainText('exit code', { timeout: 180_000 });
  await expect(page.getByText(/RLS probe public\.dead_events/).first()).toBeVisible();
  await shot(page, 'hostile-probe-stopped');
  // Other tables were still probed: the RLS view has passed cells beside the stopped one.
  await page.goto('./#/rls');
  await expect(page.getByText(/\d+ passed/).first()).toBeVisible();
  await shot(page, 'hostile-probe-rls');
});
