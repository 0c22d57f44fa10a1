/**
 * Issue 14's done-means: each user story walked end to end at 390, 1,024 and 1,920 px, the way
 * its user would (narrow screens reach views and tools through the Menu drawer), with a
 * screenshot of each step at each width in /tmp/i14/stories/ (look at them).
 *
 * - reviewer: open two dumps both named dump.sql from the top bar, tell them apart, follow a
 *   divergence to its drift row, decide on it, see Compliance, the gates and the exports follow
 *   the decision with its reason, reload and find it all as it was;
 * - onboarding: the whole authored tour (every step reachable, the panel never over the page it
 *   points at, focus in and back out), then the tour generated for Pagila (real pg_dump, no tour);
 * - offline paste: with every request that would leave the page's origin aborted, paste a dump
 *   and get its verdict — and nothing tried to leave.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expectSaved, putSession, verdict } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const enumDump = `${root}/fixtures/drift/changed_check_enum/dump.sql`;
const indexDump = `${root}/fixtures/drift/dropped_index/dump.sql`;
const CK = 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid';
const CK_NAME = 'public.dead_events.ck_dead_events_remediation_status_valid';
const WIDTHS = [390, 1024, 1920] as const;
const narrow = (page: Page) => (page.viewportSize()?.width ?? 1280) <= 760;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/i14/stories/${name}-${page.viewportSize()?.width}.png` });

/** A view, as a user reaches it: the nav, or on a narrow screen the Menu drawer first. */
async function go(page: Page, view: string) {
  if (narrow(page)) await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  // (The drawer closes on navigation: its links are then hidden, so no role query.)
  await expect(page.locator('#views-nav a[aria-current="page"]')).toHaveText(view);
}

/** The Tour button: top bar on wide screens, the Menu drawer on narrow ones. */
async function tourButton(page: Page) {
  if (narrow(page)) {
    await page.getByRole('button', { name: 'Menu' }).click();
    return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Tour' });
  }
  return page.locator('header').getByRole('button', { name: 'Tour' });
}

async function openDump(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('header').getByRole('button', { name: 'Open dump' }).click();
  await (await chooser).setFiles({ name: 'dump.sql', mimeType: 'text/plain', buffer: await readFile(path) });
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const d = page.waitForEvent('download');
  await click();
  return readFile((await (await d).path())!, 'utf8');
}

/** Nothing is cut off sideways: the page itself never scrolls horizontally. */
async function noPageOverflow(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(over, 'the page scrolls sideways').toBeLessThanOrEqual(1);
}

/** The tour panel and the page it explains do not overlap (it docks beside or below). */
async function tourBesidePage(page: Page) {
  const tour = await page.getByRole('dialog').boundingBox();
  const main = await page.locator('main').boundingBox();
  expect(tour && main).toBeTruthy();
  const overlapX = Math.min(tour!.x + tour!.width, main!.x + main!.width) - Math.max(tour!.x, main!.x);
  const overlapY = Math.min(tour!.y + tour!.height, main!.y + main!.height) - Math.max(tour!.y, main!.y);
  expect(overlapX <= 1 || overlapY <= 1, 'the tour panel covers the page').toBe(true);
  // And the page keeps room to show something (not squeezed to nothing behind the panel).
  expect(main!.height).toBeGreaterThan(120);
  expect(main!.width).toBeGreaterThan(200);
}

/** Walks every step with Next; `each` sees the step's route. Returns the number of steps. */
async function walkTour(page: Page, name: string, each: (hash: string) => void): Promise<number> {
  const dialog = page.getByRole('dialog');
  const total = Number((await dialog.locator('.progress').textContent())!.split('/')[1]);
  for (let i = 0; i < total; i++) {
    await expect(dialog.locator('.progress')).toHaveText(`${i + 1} / ${total}`);
    await expect(page.locator('main h1')).toBeAttached();
    await tourBesidePage(page);
    each(decodeURIComponent(new URL(page.url()).hash));
    if (i === 0 || i === 1 || i === total - 1) await shot(page, `onboarding-${name}-step${i + 1}`);
    if (i < total - 1) await dialog.getByRole('button', { name: 'Next →' }).click();
  }
  return total;
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width <= 760 ? 844 : 1000 } });

    test('reviewer: two same-named dumps, decide, export, reload', async ({ page }) => {
      test.setTimeout(360_000);
      await page.goto('./');
      await expect(verdict(page)).toContainText('legacy_head.sql', { timeout: 120_000 });

      await openDump(page, enumDump);
      await expect(page).toHaveURL(/#\/compliance$/);
      await expect(verdict(page)).toContainText(/^FAIL — dump\.sql:/, { timeout: 120_000 });
      await openDump(page, indexDump);
      const tabs = page.getByRole('tablist', { name: 'Dumps' });
      await expect(tabs.getByRole('tab', { name: /^dump\.sql #2/ })).toBeVisible();
      await expect(verdict(page)).toContainText('dump.sql #2', { timeout: 120_000 });
      await expect(verdict(page)).not.toContainText('re-checking', { timeout: 120_000 });

      // Told apart: provenance, then a rename.
      await page.locator('summary', { hasText: 'Details' }).click();
      await expect(page.getByTestId('dump-provenance')).toContainText(/opened file · loaded/);
      await page.getByLabel('Name', { exact: true }).fill('dropped-index.sql');
      await page.getByRole('button', { name: 'Rename' }).click();
      await expect(tabs.getByRole('tab', { name: /^dropped-index\.sql/ })).toBeVisible();
      await shot(page, 'reviewer-1-two-dumps');

      // The first dump.sql: follow its divergence to the drift table and decide there.
      await tabs.getByRole('tab', { name: /^dump\.sql\s/ }).click();
      await expect(verdict(page)).toContainText(/^FAIL — dump\.sql:/, { timeout: 120_000 });
      await noPageOverflow(page);
      await page.getByRole('button', { name: CK_NAME }).click();
      const detail = page.getByRole('region', { name: 'Divergence detail' });
      await expect(detail).toBeInViewport();
      await shot(page, 'reviewer-2-divergence');
      await detail.getByRole('link', { name: 'Drift table' }).click();
      await expect(page).toHaveURL(/#\/drift\//);
      const row = page.locator('[aria-current="true"]', { hasText: 'SCHEMA-DRIFT-002' });
      await expect(row).toHaveCount(1);
      await expect(row).toBeInViewport();
      await expect(row).toBeFocused();
      const resolution = row.getByLabel('Resolution decision for SCHEMA-DRIFT-002');
      await resolution.fill('ignored is the product name for abandoned');
      await resolution.blur();
      await row.getByLabel('Status of SCHEMA-DRIFT-002').selectOption('accepted');
      await expect(row).toContainText('marked accepted but has no ADR reference, so it still blocks');
      await row.getByLabel('ADR reference for SCHEMA-DRIFT-002').fill('ADR-009');
      await row.getByLabel('ADR reference for SCHEMA-DRIFT-002').blur();
      await expect(row).toContainText('Not blocking: SCHEMA-DRIFT-002 accepted with ADR-009');
      await expect(row.getByLabel('Status of SCHEMA-DRIFT-002')).toBeInViewport();
      await noPageOverflow(page);
      await shot(page, 'reviewer-3-decided');

      // The drift table's export carries the decision and its number.
      const md = await download(page, () => page.getByRole('button', { name: 'Export Markdown' }).click());
      expect(md).toMatch(/\| SCHEMA-DRIFT-002 \| `public\.dead_events\.ck_dead_events_remediation_status_valid` constraint \|.*Accepted \(ADR-009\)/);

      // Compliance follows the decision and says why; so do its exports and the gates.
      await go(page, 'Compliance');
      await expect(verdict(page)).toContainText(/^PASS — dump\.sql: 0 blocking.*1 not blocking by drift decision/, { timeout: 30_000 });
      await page.getByRole('button', { name: CK_NAME }).click();
      await expect(page.getByTestId('decision-reason')).toContainText('SCHEMA-DRIFT-002 accepted with ADR-009: ignored is the product name for abandoned');
      await shot(page, 'reviewer-4-compliance-decided');
      const exports = page.getByRole('group', { name: 'Download the report' });
      const report = JSON.parse(await download(page, () => exports.getByRole('button', { name: 'JSON' }).click()));
      expect(report.verdict).toBe('PASS');
      expect(report.summary.waived).toBe(1);
      expect(report.divergences.find((d: { id: string }) => d.id === CK).decision).toMatchObject({ status: 'accepted', drift_id: 'SCHEMA-DRIFT-002', adr: 'ADR-009' });
      const reportMd = await download(page, () => exports.getByRole('button', { name: 'Markdown' }).click());
      expect(reportMd).toContain('SCHEMA-DRIFT-002');
      expect(reportMd).toContain('ADR-009');
      await go(page, 'Gates');
      await expect(page.locator('main')).toContainText('not blocking by decision: SCHEMA-DRIFT-002 accepted with ADR-009');
      await noPageOverflow(page);
      await shot(page, 'reviewer-5-gates');

      // Reload: names, decision, number and the decided verdict come back.
      await page.goto('./#/drift/' + encodeURIComponent(CK));
      await expectSaved(page, 'ADR-009');
      await expectSaved(page, 'dropped-index.sql');
      await page.reload();
      await expect(tabs.getByRole('tab', { name: /^dropped-index\.sql/ })).toBeVisible({ timeout: 30_000 });
      const again = page.locator('[aria-current="true"]', { hasText: 'SCHEMA-DRIFT-002' });
      await expect(again).toHaveCount(1, { timeout: 120_000 });
      await expect(again.getByLabel('ADR reference for SCHEMA-DRIFT-002')).toHaveValue('ADR-009');
      await expect(again).toBeInViewport();
      await shot(page, 'reviewer-6-reloaded-drift');
      await go(page, 'Compliance');
      await expect(verdict(page)).toContainText(/^PASS — dump\.sql: 0 blocking.*1 not blocking by drift decision/, { timeout: 120_000 });
      await expect(verdict(page)).not.toContainText('re-checking', { timeout: 120_000 });
      await shot(page, 'reviewer-7-reloaded-compliance');
    });

    test('onboarding: the whole authored tour, then a generated tour for Pagila', async ({ page }) => {
      test.setTimeout(360_000);
      await page.goto('./');
      await expect(verdict(page)).toContainText('legacy_head.sql', { timeout: 120_000 });
      const opener = await tourButton(page);
      await opener.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await expect(page.locator('#tour-step-title')).toBeFocused();
      const routes: string[] = [];
      const total = await walkTour(page, 'authored', (h) => routes.push(h));
      expect(total).toBeGreaterThanOrEqual(8);
      // Steps open the RLS matrix and the drift table, among others.
      expect(routes.some((h) => h.startsWith('#/rls'))).toBe(true);
      expect(routes.some((h) => h.startsWith('#/drift'))).toBe(true);
      expect(new Set(routes.map((h) => h.split('/')[1])).size).toBeGreaterThanOrEqual(4);
      // The last step's route is saved (autosave is debounced): nothing of this page will overwrite the next session.
      await expectSaved(page, JSON.stringify(new URL(page.url()).hash).slice(1, -1));
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      // Focus goes back to where the tour was opened (on a narrow screen the drawer closed, so the Menu button).
      if (narrow(page)) await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
      else await expect(opener).toBeFocused();

      // A real schema nobody wrote a tour for: Pagila as canonical (no overlay) and as the dump.
      const sql = await readFile(`${root}/e2e/fixtures/pagila/dump.sql`, 'utf8');
      await putSession(page, { name: 'pagila.sql', text: sql }, { name: 'pagila-dump.sql', text: sql });
      await page.reload();
      // The page reopens on the tour's last route; the dump's tab carries its verdict.
      await expect(page.getByRole('tablist', { name: 'Dumps' }).getByRole('tab', { name: /^pagila-dump\.sql\s+PASS/ })).toBeVisible({ timeout: 120_000 });
      await (await tourButton(page)).click();
      await expect(dialog).toContainText('Generated tour');
      await expect(dialog).toContainText('22 tables');
      const hashes: string[] = [];
      await walkTour(page, 'generated', (h) => hashes.push(h));
      // Tables in foreign-key order: a referenced table is narrated before the one referring to it.
      const tables = hashes.filter((h) => h.startsWith('#/dictionary/public.')).map((h) => h.slice('#/dictionary/'.length));
      expect(tables.length).toBeGreaterThanOrEqual(8);
      const at = (t: string) => tables.indexOf(t);
      expect(at('public.language')).toBeGreaterThanOrEqual(0);
      expect(at('public.film')).toBeGreaterThan(at('public.language'));
      if (at('public.city') >= 0 && at('public.country') >= 0) expect(at('public.country')).toBeLessThan(at('public.city'));
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    });

    test('offline paste: nothing leaves the page, the pasted dump gets its verdict', async ({ page }) => {
      test.setTimeout(240_000);
      // The network is cut for everything but the page's own origin: any request elsewhere is
      // aborted and recorded (the app must make none).
      const left: string[] = [];
      const origin = new URL(test.info().project.use.baseURL!).origin;
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
        left.push(url);
        return route.abort('internetdisconnected');
      });
      await page.goto('./');
      await expect(verdict(page)).toContainText('legacy_head.sql', { timeout: 120_000 });
      await go(page, 'Sources');
      await page.getByText('Paste a dump').click();
      await page.getByLabel('Name of the pasted dump').fill('pasted-offline.sql');
      await page.getByLabel('Pasted dump SQL').fill(await readFile(enumDump, 'utf8'));
      await shot(page, 'offline-1-paste');
      await page.getByRole('button', { name: 'Add pasted dump' }).click();
      await go(page, 'Compliance');
      await expect(verdict(page)).toContainText(/^FAIL — pasted-offline\.sql: /, { timeout: 120_000 });
      await expect(verdict(page)).not.toContainText('re-checking', { timeout: 120_000 });
      await expect(page.getByRole('button', { name: CK_NAME })).toBeVisible();
      await page.locator('summary', { hasText: 'Details' }).click();
      await expect(page.getByTestId('dump-provenance')).toContainText('pasted text');
      await page.locator('summary', { hasText: 'Details' }).click();
      await noPageOverflow(page);
      await shot(page, 'offline-2-verdict');
      expect(left, 'requests that tried to leave the page').toEqual([]);
    });
  });
}
