import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { shotsAtWidths, verdict, watchRequests } from './helpers';

// Share links: the sender copies a link to the view and selection; a receiver opening it in a
// fresh browser (no session) gets the same dump, verdict and view — the dump inside the link's
// fragment when small enough, otherwise named (size, SHA-256) for the receiver to open.
const root = fileURLToPath(new URL('..', import.meta.url));
const enumDump = `${root}/fixtures/drift/changed_check_enum/dump.sql`;
const CK = 'public.dead_events.ck_dead_events_remediation_status_valid';

async function openDump(page: Page, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer });
}

async function settled(page: Page, dump: string) {
  await expect(verdict(page)).toContainText(dump, { timeout: 90_000 });
  await expect(verdict(page)).not.toContainText('re-checking', { timeout: 90_000 });
  return (await verdict(page).textContent())!.trim();
}

async function copyLink(page: Page) {
  await page.locator('header').getByRole('button', { name: 'Copy share link' }).click();
  const dialog = page.locator('header').getByRole('dialog', { name: 'Share link' });
  await expect(dialog.getByRole('status')).toContainText('Copied to the clipboard.');
  const url = await dialog.getByTestId('share-url').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  return { url, dialog };
}

test('share: the dump travels in the link; a fresh browser gets the same verdict, view and selection', async ({ page, browser, context, baseURL }) => {
  test.setTimeout(300_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await openDump(page, 'enum-drift.sql', await readFile(enumDump));
  const sent = await settled(page, 'enum-drift.sql');
  expect(sent).toMatch(/^FAIL — enum-drift\.sql: /);
  await page.getByRole('button', { name: CK }).click();
  await expect(page).toHaveURL(new RegExp(`#/compliance/${CK.replace(/\./g, '\\.')}$`));

  const { url, dialog } = await copyLink(page);
  expect(url).toMatch(/#share=[A-Za-z0-9_-]+$/);
  expect(url.length).toBeLessThan(32 * 1024 + 200);
  await expect(dialog).toContainText('with this dump inside the link');
  await expect(dialog.getByTestId('share-referenced')).toHaveCount(0);
  await shotsAtWidths(page, '/tmp/i14b/share-dialog');

  const fresh = await browser.newContext({ baseURL });
  const receiver = await fresh.newPage();
  const requests = watchRequests(receiver);
  await receiver.goto(url);
  expect(await settled(receiver, 'enum-drift.sql')).toBe(sent);
  await expect(receiver).toHaveURL(new RegExp(`#/compliance/${CK.replace(/\./g, '\\.')}$`));
  await expect(receiver.getByRole('region', { name: 'Divergence detail' })).toContainText(CK);
  await expect(receiver.getByRole('tablist', { name: 'Dumps' }).getByRole('tab', { name: /^enum-drift\.sql/ })).toBeVisible();
  await shotsAtWidths(receiver, '/tmp/i14b/share-received');
  // The dump reached the receiver inside the fragment: nothing left the origin, no request carried it.
  requests.assertSameOrigin(new URL(baseURL!).origin);
  expect(requests.urls.filter((u) => u.includes('share='))).toEqual([]);

  // RLS view + a selected cell travel too (a bundled sample goes by name).
  await page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab', { name: /^legacy_head\.sql/ }).click();
  await settled(page, 'legacy_head.sql');
  await page.goto('./#/rls');
  await page.locator('td button.cell').nth(2).click();
  const cellHash = new URL(page.url()).hash;
  const rls = await copyLink(page);
  expect(rls.url.length).toBeLessThan(1000);
  await receiver.goto(rls.url);
  await expect(receiver).toHaveURL(new RegExp(`${cellHash.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(receiver.getByRole('region', { name: 'RLS test detail' })).toBeVisible({ timeout: 90_000 });
  await fresh.close();
});

test('share: a dump too large for a link is named; the receiver opens it and gets the same verdict', async ({ page, browser, context, baseURL }) => {
  test.setTimeout(300_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A real dump plus 120 KB of incompressible comment: still the same schema, too big for a link.
  let x = 7, pad = '';
  while (pad.length < 120_000) { x = (x * 1103515245 + 12345) % 2 ** 31; pad += x.toString(36); }
  const big = Buffer.concat([await readFile(enumDump), Buffer.from(`\n-- ${pad}\n`)]);
  await page.goto('./');
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await openDump(page, 'big.sql', big);
  const sent = await settled(page, 'big.sql');
  await page.goto('./#/drift');
  const { url, dialog } = await copyLink(page);
  expect(url.length).toBeLessThan(2000);
  await expect(dialog.getByTestId('share-referenced')).toContainText('big.sql');
  await expect(dialog.getByTestId('share-referenced')).toContainText(/SHA-256 [0-9a-f]{64}/);

  const fresh = await browser.newContext({ baseURL });
  const receiver = await fresh.newPage();
  await receiver.goto(url);
  await expect(receiver).toHaveURL(/#\/drift$/);
  const pending = receiver.getByTestId('share-pending');
  await expect(pending).toContainText('dump: big.sql');
  await expect(pending).toContainText(/\d+(\.\d)? kB/);
  await openDump(receiver, 'big.sql', big);
  await expect(receiver.getByTestId('share-match')).toBeVisible();
  expect(await settled(receiver, 'big.sql')).toBe(sent);
  await shotsAtWidths(receiver, '/tmp/i14b/share-pending');

  // A damaged link says so and leaves the page usable.
  await receiver.goto(url.replace(/#share=.*/, '#share=garbage!'));
  await expect(receiver.getByRole('alert')).toContainText('This share link cannot be read');
  await fresh.close();
});

test('share: a link carrying its own canonical only offers it; accepted, the verdict says so and Undo restores mine', async ({ browser, baseURL }) => {
  const { encodeShare } = await import('../src/app/share/codec');
  const bad = 'CREATE TABLE crafted (id int);\n';
  const fragment = await encodeShare({
    v: 1, view: 'compliance', selected: null, phase: 'all',
    canonical: { kind: 'text', name: 'schema/canonical_schema.sql', text: bad },
    spec: null, seeds: null, dump: { kind: 'text', name: 'crafted.sql', text: bad },
  });
  const fresh = await browser.newContext({ baseURL });
  const receiver = await fresh.newPage();
  await receiver.goto('/' + fragment);
  const offer = receiver.getByTestId('share-offer');
  await expect(offer).toContainText('canonical: schema/canonical_schema.sql');
  await expect(offer).toContainText('not the bundled file');
  await expect(offer).toContainText(/SHA-256 [0-9a-f]{64}/);
  // Not accepted: the dump is checked against the receiver's (bundled) canonical — no PASS.
  await expect(verdict(receiver)).toContainText('crafted.sql', { timeout: 90_000 });
  await expect(verdict(receiver)).not.toContainText('PASS —');
  await receiver.getByTestId('share-accept').click();
  await expect(receiver.getByTestId('link-inputs-badge').first()).toContainText('canonical, overlay, seed overrides from a share link');
  await shotsAtWidths(receiver, '/tmp/fixapp/share-offer');
  await receiver.getByRole('button', { name: 'Undo (back to my inputs)' }).first().click();
  await expect(receiver.getByTestId('link-inputs-badge')).toHaveCount(0);
  await fresh.close();
});
