/**
 * Long work shows progress and can be cancelled (issue 14): a 1 MB real dump (MusicBrainz, 516
 * tables) shows statements loaded out of the total; the RLS suite on a 500-table GUC-tenancy
 * schema shows its probes done out of the total; Cancel stops it at once, says what it cancelled,
 * and nothing of it counts as passed.
 */
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { shot } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `n` tenant tables under RLS, keyed by a GUC (any schema: generated here, not a fixture). */
function tenantSchema(n: number): string {
  const out = ["CREATE ROLE big_app NOLOGIN;", 'CREATE TABLE public.orgs (id bigint PRIMARY KEY, name text NOT NULL);',
    'ALTER TABLE public.orgs ENABLE ROW LEVEL SECURITY;',
    "CREATE POLICY org_self ON public.orgs TO big_app USING (id = (NULLIF(current_setting('app.tenant', true), ''))::bigint);"];
  for (let i = 1; i < n; i++) {
    const t = `public.t${String(i).padStart(3, '0')}`;
    out.push(`CREATE TABLE ${t} (id bigint PRIMARY KEY, org_id bigint NOT NULL REFERENCES public.orgs (id), v text);`,
      `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;`,
      `CREATE POLICY tenant ON ${t} TO big_app USING (org_id = (NULLIF(current_setting('app.tenant', true), ''))::bigint) WITH CHECK (org_id = (NULLIF(current_setting('app.tenant', true), ''))::bigint);`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO big_app;`);
  }
  out.push('GRANT SELECT ON public.orgs TO big_app;');
  return out.join('\n') + '\n';
}

test('a 1 MB dump shows statements loaded out of the total', async ({ page }) => {
  await page.goto('./#/compliance');
  await page.getByTestId('open-dump-input').setInputFiles(`${root}/fixtures/erd/musicbrainz/dump.sql`);
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText(/^Loading dump \d+\/\d+ statements \(dump\.sql\)$/, { timeout: 60_000 });
  const [done, total] = (await progress.textContent())!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number);
  expect(total).toBeGreaterThan(3000);
  expect(done).toBeLessThanOrEqual(total);
  await expect(page.locator('progress')).toHaveAttribute('max', String(total));
  await shot(page, 'long-work-load-1mb');
});

test('the RLS suite on 500 tables shows its progress; Cancel stops it, says what, and nothing passes', async ({ page }) => {
  test.setTimeout(400_000);
  const sql = tenantSchema(500);
  await page.goto('./#/sources');
  await page.getByLabel('Open canonical SQL').setInputFiles({ name: 'tenants500.sql', mimeType: 'text/plain', buffer: Buffer.from(sql) });
  await expect(page.getByLabel('No overlay')).toBeChecked();
  await page.getByLabel('Open dump').setInputFiles({ name: 'tenants500_dump.sql', mimeType: 'text/plain', buffer: Buffer.from(sql) });
  await page.goto('./#/rls');
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText(/^Probing RLS isolation \d+\/\d+…$/, { timeout: 300_000 });
  const count = async () => (await progress.textContent())!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number);
  const [first, total] = await count();
  expect(total).toBeGreaterThanOrEqual(1000); // every table × scenario, canonical side then the dump's
  await expect.poll(async () => (await count())[0], { timeout: 120_000 }).toBeGreaterThan(first);
  await shot(page, 'long-work-rls-progress');
  const [at] = await count();

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0, { timeout: 5_000 });
  const cancelled = page.getByTestId('cancelled');
  await expect(cancelled).toContainText('You cancelled the check of tenants500_dump.sql during: Probing RLS isolation');
  await expect(cancelled).toContainText('inconclusive, never passed');
  const [said] = (await cancelled.textContent())!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number);
  expect(said).toBeGreaterThanOrEqual(at);
  // No result is shown as passed: the views say the dump was not checked.
  await expect(page.getByTestId('stale')).toContainText('Not checked — the check was stopped before its verdict');
  await expect(page.getByRole('heading', { name: /RLS by behaviour/ })).toHaveCount(0);
  await expect(page.getByText('No verdict: the check was stopped (see above).')).toBeVisible();
  await shot(page, 'long-work-rls-cancelled');
  await page.getByRole('link', { name: 'Compliance' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(PASS|WARN_PASS) / })).toHaveCount(0);
  await expect(page.getByTestId('stale')).toBeVisible();
});
