import { expect, test, type Page } from '@playwright/test';
import { expectVerdict, idbRead, shot } from './helpers';

/**
 * Warm revisit (issue 15): a verdict computed earlier may be shown at once for IDENTICAL inputs,
 * labelled with its time, while this page's own check runs and replaces it; never as a fresh run.
 */

/** Records, from the page's first script on, every kept verdict that ever appears (it may be replaced fast). */
async function recordKept(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __kept: string[] }).__kept = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-verdict=kept]')) {
        const text = el.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}
const kept = (page: Page) => page.evaluate(() => (window as unknown as { __kept: string[] }).__kept);

/** Waits until the first page has kept a verdict in IndexedDB. */
async function expectKept(page: Page) {
  await expect.poll(async () => ((await idbRead(page, 'verdict-index')) as string[] | undefined)?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
}

test('a revisit with identical inputs shows the earlier verdict, labelled, until its own check replaces it', async ({ page }) => {
  await recordKept(page);
  await page.goto('./#/compliance');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  expect(await kept(page), 'a first visit has nothing kept to show').toEqual([]);
  await expectKept(page);

  await page.reload();
  const label = page.locator('[role=status][data-verdict=kept]');
  await expect(label).toBeVisible({ timeout: 30_000 }).then(() => shot(page, 'warm-revisit-kept')).catch(() => {});
  // Whether or not the screenshot caught it, it was shown, with its time and "identical inputs".
  await expect.poll(() => kept(page), { timeout: 30_000 }).toContainEqual(
    expect.stringMatching(/^FAIL — legacy_head\.sql: \d+ blocking, .* · result of .+ for identical inputs, re-checking now…$/));
  // This page's own check replaces it: the label goes away and the verdict is the same.
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await expect(page.locator('[role=status].verdict')).toHaveAttribute('data-verdict', 'current');
  await expect(label).toHaveCount(0);
  await shot(page, 'warm-revisit-fresh');
});

test('inputs that differ in a setting show no kept verdict', async ({ page }) => {
  await recordKept(page);
  await page.goto('./#/compliance');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  await expectKept(page);
  // The statement budget is part of the inputs: the revisit must wait for its own check.
  await page.evaluate(() => localStorage.setItem('skeldir-engine-settings', JSON.stringify({ budgetSeconds: 11, withData: false })));
  await page.reload();
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  expect(await kept(page)).toEqual([]);
});

test('a first visit starts the default sample from its database prepared at build time; the check itself runs in the page', async ({ page }) => {
  await page.goto('./#/compliance');
  await expectVerdict(page, 'legacy_head.sql', 'FAIL');
  const detail = await page.evaluate(() => (performance.getEntriesByName('skeldir:first-verdict')[0] as PerformanceMark | undefined)?.detail ?? null);
  // One check: the first one is never cancelled and restarted by the page itself.
  expect(detail?.worker?.checks).toBe(1);
  const timings = detail?.timings;
  expect(timings).toMatchObject({ load_dump_prepared: 1 });
  // Introspection, compare, RLS and smoke ran here (their times are this page's).
  for (const stage of ['introspect_dump', 'compare', 'rls', 'smoke']) expect(timings[stage], stage).toBeGreaterThan(0);
});
