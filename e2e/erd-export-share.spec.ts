/**
 * The ERD's diagram-as-code exports and its share link, in the real app on the bundled schema.
 * - Export Mermaid / DBML: both files download; the DBML parses with @dbml/core, the Mermaid is
 *   an erDiagram whose entities and relationships are well formed; both hold every table and
 *   every foreign key of the canonical (counted from its SQL here, not from the app).
 * - Share link: the ERD's link is the app's (src/app/share): a fresh browser opening it gets the
 *   same dump, the ERD, the same selected table and focus.
 */
import { Parser } from '@dbml/core';
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseMermaid } from '../test/export/mermaid-grammar';
import { erdExport, verdict, watchRequests } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const table = (page: Page, id: string) => page.locator(`g.erd-table[data-id="${id}"]`);

async function canonicalFacts() {
  const sql = (await readFile(`${root}/schema/canonical_schema.sql`, 'utf8')).replace(/--.*$/gm, '');
  const tables = [...sql.matchAll(/^CREATE TABLE (?:IF NOT EXISTS )?([A-Za-z_][\w]*)\.([A-Za-z_][\w]*) \(/gm)].map((m) => `${m[1]}.${m[2]}`);
  const fks = [...sql.matchAll(/\bREFERENCES\b/g)].length;
  return { tables, fks };
}

async function drawn(page: Page) {
  await expect(page.locator('.erd[data-busy="false"] g.erd-table').first()).toBeVisible({ timeout: 60_000 });
}

async function downloadText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), erdExport(page, button)]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('ERD: Export Mermaid and DBML hold every table and foreign key of the bundled schema', async ({ page }) => {
  test.setTimeout(180_000);
  const { tables, fks } = await canonicalFacts();
  expect(tables.length).toBeGreaterThan(3);
  expect(fks).toBeGreaterThan(3);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await page.goto('./#/erd');
  await drawn(page);
  await page.getByRole('radio', { name: 'Canonical' }).check();
  await expect(page.locator('.erd .status')).toContainText(`${tables.length} tables`);

  const dbml = await downloadText(page, 'Export DBML');
  expect(dbml.name).toBe('erd.dbml');
  const db = Parser.parse(dbml.text, 'dbmlv2').export();
  expect(db.schemas.flatMap((s) => s.tables.map((t) => `${s.name}.${t.name}`)).sort()).toEqual([...tables].sort());
  const refs = db.schemas.flatMap((s) => s.refs);
  expect(refs.length).toBe(fks);
  for (const r of refs) for (const e of r.endpoints) expect(tables).toContain(`${e.schemaName ?? 'public'}.${e.tableName}`);

  // Mermaid: the erDiagram grammar the export targets (test/export/mermaid-grammar.ts) accepts it.
  const mmd = await downloadText(page, 'Export Mermaid');
  expect(mmd.name).toBe('erd.mmd');
  const parsed = parseMermaid(mmd.text);
  expect([...parsed.entities.values()].map((e) => e.label).sort()).toEqual([...tables].sort());
  expect(parsed.rels.length).toBe(fks);
});

test('ERD: its Share link carries the dump, the selection and focus; a fresh browser opens the same', async ({ page, browser, context, baseURL }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles({ name: 'dropped-table.sql', mimeType: 'text/plain', buffer: await readFile(`${root}/fixtures/drift/dropped_table/dump.sql`) });
  await expect(verdict(page)).toContainText(/^FAIL — dropped-table\.sql: /, { timeout: 90_000 });
  await expect(verdict(page)).not.toContainText('re-checking', { timeout: 90_000 });
  const sent = (await verdict(page).textContent())!.trim();

  await page.goto('./#/erd');
  await drawn(page);
  await page.getByLabel('Search tables and columns').fill('revenue_ledger');
  await page.locator('.erd').getByRole('option').first().getByRole('button').click();
  await expect(table(page, 'public.revenue_ledger').locator('rect.erd-selected')).toBeAttached();
  await page.getByRole('button', { name: 'Focus on the selected table' }).click();
  await expect(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
  const focused = (await page.locator('g.erd-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort();

  const toolbar = page.getByRole('toolbar', { name: 'Diagram controls' });
  await toolbar.getByRole('button', { name: 'Share link' }).click();
  const dialog = toolbar.getByRole('dialog', { name: 'Share link' });
  await expect(dialog.getByRole('status')).toContainText('Copied to the clipboard.');
  await expect(dialog).toContainText('this view and selection with this dump inside the link');
  const url = await dialog.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#share=[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: '/tmp/i14b/erd-share-dialog.png' });

  const fresh = await browser.newContext({ baseURL });
  const receiver = await fresh.newPage();
  const requests = watchRequests(receiver);
  await receiver.goto(url);
  await expect(receiver.getByRole('tablist', { name: 'Dumps' }).getByRole('tab', { selected: true })).toContainText(/^dropped-table\.sql\s*FAIL$/, { timeout: 90_000 });
  await drawn(receiver);
  await expect(table(receiver, 'public.revenue_ledger').locator('rect.erd-selected')).toBeAttached();
  await expect(receiver.getByRole('complementary', { name: 'Table details' })).toContainText('public.revenue_ledger');
  await expect(receiver.getByRole('button', { name: 'Exit focus' })).toBeVisible();
  await expect.poll(async () => (await receiver.locator('g.erd-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual(focused);
  await receiver.screenshot({ path: '/tmp/i14b/erd-share-received.png' });
  // The same dump, checked in the receiver's page, gives the sender's verdict.
  await receiver.goto('./#/compliance');
  await expect(verdict(receiver)).toContainText('dropped-table.sql', { timeout: 90_000 });
  await expect(verdict(receiver)).not.toContainText('re-checking', { timeout: 90_000 });
  expect((await verdict(receiver).textContent())!.trim()).toBe(sent);
  requests.assertSameOrigin(new URL(baseURL!).origin);
  await fresh.close();
});
