import { expect, type Page } from '@playwright/test';

/** Records every request the page makes; `assertSameOrigin` fails on any that leaves the origin. */
export function watchRequests(page: Page) {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return {
    urls,
    assertSameOrigin(origin: string) {
      const off = urls.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
      expect(off, `requests that left ${origin}`).toEqual([]);
      expect(urls.length).toBeGreaterThan(0);
    },
  };
}

/** The verdict element: role=status, text starting with PASS, WARN_PASS or FAIL. */
export const verdict = (page: Page) => page.getByRole('status').filter({ hasText: /^(PASS|WARN_PASS|FAIL) / });

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });
