import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { shotsAtWidths, verdict } from './helpers';

// The reviewer's day, end to end: open two dumps that are both called dump.sql, tell them
// apart, follow a divergence to its drift row, decide on it, see the verdict, gates and exports
// follow the decision, reload and find everything as it was.
const root = fileURLToPath(new URL('..', import.meta.url));
const enumDump = `${root}/fixtures/drift/changed_check_enum/dump.sql`;
const indexDump = `${root}/fixtures/drift/dropped_index/dump.sql`;
const CK = 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid';

async function openDump(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles({ name: 'dump.sql', mimeType: 'text/plain', buffer: await readFile(path) });
}

const shots = (page: Page, name: string) => shotsAtWidths(page, `/tmp/i14/reviewer-${name}`);

test('reviewer: two same-named dumps, decide on a drift, verdict/gates/exports follow, reload keeps it', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });

  await openDump(page, enumDump);
  await expect(page).toHaveURL(/#\/compliance$/);
  await expect(verdict(page)).toContainText(/^FAIL — dump\.sql:/, { timeout: 90_000 });
  await openDump(page, indexDump);
  const tabs = page.getByRole('tablist', { name: 'Dumps' });
  await expect(tabs.getByRole('tab', { name: /^dump\.sql #2/ })).toBeVisible();
  await expect(verdict(page)).toContainText('dump.sql #2', { timeout: 90_000 });

  // Told apart: provenance, then a rename.
  await page.locator('summary', { hasText: 'Details' }).click();
  await expect(page.getByTestId('dump-provenance')).toContainText(/opened file · loaded/);
  await page.getByLabel('Name', { exact: true }).fill('dropped-index.sql');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(tabs.getByRole('tab', { name: /^dropped-index\.sql/ })).toBeVisible();

  // The first dump.sql: follow its divergence to the drift table.
  await tabs.getByRole('tab', { name: /^dump\.sql\s/ }).click();
  await expect(verdict(page)).toContainText(/^FAIL — dump\.sql:/, { timeout: 90_000 });
  await page.getByRole('button', { name: 'public.dead_events.ck_dead_events_remediation_status_valid' }).click();
  await page.getByRole('region', { name: 'Divergence detail' }).getByRole('link', { name: 'Drift table' }).click();
  await expect(page).toHaveURL(/#\/drift\//);
  const row = page.locator('tr[aria-current="true"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('SCHEMA-DRIFT-002'); // the team's number (schema/drift_registry.json)
  await expect(row).toBeInViewport();
  await expect(row).toBeFocused();
  await row.getByLabel('Resolution decision for SCHEMA-DRIFT-002').fill('ignored is the product name for abandoned');
  await row.getByLabel('Resolution decision for SCHEMA-DRIFT-002').blur();
  await row.getByLabel('Status of SCHEMA-DRIFT-002').selectOption('accepted');
  await expect(row).toContainText('marked accepted but has no ADR reference, so it still blocks');
  await row.getByLabel('ADR reference for SCHEMA-DRIFT-002').fill('ADR-009');
  await row.getByLabel('ADR reference for SCHEMA-DRIFT-002').blur();
  await expect(row).toContainText('Not blocking: SCHEMA-DRIFT-002 accepted with ADR-009');

  // Filter by dump: the renamed dump's drifts only.
  await page.getByLabel('Dump', { exact: true }).selectOption('dropped-index.sql');
  await expect(page.locator('tbody tr', { hasText: 'SCHEMA-DRIFT-002' })).toHaveCount(0);
  await expect(page.locator('tbody tr', { hasText: 'idx_events_idempotency' })).toHaveCount(1);
  await page.getByLabel('Dump', { exact: true }).selectOption('');
  await shots(page, 'drift');

  // Export the drift table: the decision and the number are in it.
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const md = await readFile((await (await mdDownload).path())!, 'utf8');
  expect(md).toMatch(/\| SCHEMA-DRIFT-002 \| `public\.dead_events\.ck_dead_events_remediation_status_valid` constraint \|.*Accepted \(ADR-009\)/);

  // Compliance and its exports follow the decision, and say why.
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText(/^PASS — dump\.sql: 0 blocking.*1 not blocking by drift decision/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'public.dead_events.ck_dead_events_remediation_status_valid' }).click();
  await expect(page.getByTestId('decision-reason')).toContainText('SCHEMA-DRIFT-002 accepted with ADR-009: ignored is the product name for abandoned');
  await shots(page, 'compliance');
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Download the report' }).getByRole('button', { name: 'JSON' }).click();
  const report = JSON.parse(await readFile((await (await jsonDownload).path())!, 'utf8'));
  expect(report.verdict).toBe('PASS');
  expect(report.summary.waived).toBe(1);
  expect(report.divergences.find((d: { id: string }) => d.id === CK).decision).toMatchObject({ status: 'accepted', drift_id: 'SCHEMA-DRIFT-002', adr: 'ADR-009' });
  await page.goto('./#/gates');
  await expect(page.locator('main')).toContainText('not blocking by decision: SCHEMA-DRIFT-002 accepted with ADR-009');

  // Reload: names, decisions, numbers and the decided verdict come back.
  await page.waitForTimeout(1200); // autosave is debounced
  await page.goto('./#/drift/' + encodeURIComponent(CK));
  await page.reload();
  await expect(tabs.getByRole('tab', { name: /^dropped-index\.sql/ })).toBeVisible({ timeout: 30_000 });
  const again = page.locator('tr[aria-current="true"]');
  await expect(again).toContainText('SCHEMA-DRIFT-002', { timeout: 90_000 });
  await expect(again.getByLabel('ADR reference for SCHEMA-DRIFT-002')).toHaveValue('ADR-009');
  await expect(again).toBeInViewport();
  await page.goto('./#/compliance');
  await expect(verdict(page)).toContainText(/^PASS — dump\.sql:/, { timeout: 90_000 });
});

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
