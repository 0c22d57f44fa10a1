import { expect, test } from '@playwright/test';
import { axe, describeViolations, verdict } from './helpers';

// axe-core on every view in light and dark: no serious or critical violation (helpers.ts: axe).
const VIEWS = ['compliance', 'sources', 'dictionary', 'gates', 'rls', 'drift', 'erd', 'sql', 'docs', 'docs/rls/cross_tenant_invisible'];

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: every view, ${scheme} theme, has no serious or critical violation`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./');
    await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const found: string[] = [];
    for (const view of VIEWS) {
      await page.goto(`./#/${view}`);
      await page.waitForTimeout(view === 'erd' || view === 'sources' || view === 'sql' ? 2500 : 1000);
      if (await page.locator('main h1').count() === 0) found.push(`── ${view} (${scheme}): no h1`);
      const vs = await axe(page);
      if (vs.length) found.push(`── ${view} (${scheme})\n${describeViolations(vs)}`);
      await page.screenshot({ path: `/tmp/i14/axe-${view}-${scheme}.png` });
    }
    expect(found.join('\n'), 'axe violations').toBe('');
  });
}
