import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { verdict } from './helpers';

// axe-core on every view in light and dark: no serious or critical violation. axe is injected
// from node_modules (no CDN): nothing the page loads leaves the origin.
// Evaluated over the DevTools protocol: the page's CSP (script-src 'self') stays as shipped.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = ['compliance', 'sources', 'dictionary', 'gates', 'rls', 'drift', 'erd', 'sql', 'docs', 'docs/rls/cross_tenant_invisible'];

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } };
    return w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describe = (vs: Violation[]) => vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `   ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`).join('\n')}`).join('\n');

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
      if (vs.length) found.push(`── ${view} (${scheme})\n${describe(vs)}`);
      await page.screenshot({ path: `/tmp/i14/axe-${view}-${scheme}.png` });
    }
    expect(found.join('\n'), 'axe violations').toBe('');
  });
}
