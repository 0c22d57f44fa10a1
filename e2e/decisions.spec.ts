/**
 * Drift decisions travel as a file (issue 14): decide in the Drift view, "Download decisions",
 * and the CLI's `check --decisions FILE` reaches the page's verdict, exit code and gate decisions;
 * "Open decisions…" brings the file into a fresh page; a malformed file names file:line:column.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shot, verdict } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const DUMP = 'fixtures/drift/changed_check_enum/dump.sql';
const CK = 'definition_mismatch:constraint:public.dead_events.ck_dead_events_remediation_status_valid';

test('decide, download the decisions, CI applies them to the same verdict; a fresh page opens them', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.goto('./#/sources');
  await page.getByLabel('Open dump').setInputFiles(join(root, DUMP));
  await page.goto('./#/compliance');
  await expect(verdict(page)).toHaveText(/^FAIL — dump\.sql: 1 blocking/, { timeout: 120_000 });
  await expect(verdict(page)).not.toContainText('re-checking', { timeout: 120_000 });

  await page.goto('./#/drift/' + encodeURIComponent(CK));
  const row = page.locator('tr[aria-current="true"]');
  await expect(row).toContainText('SCHEMA-DRIFT-002');
  await expect(page.getByRole('button', { name: 'Download decisions' })).toBeDisabled();
  await row.getByLabel('Status of SCHEMA-DRIFT-002').selectOption('accepted');
  await row.getByLabel('ADR reference for SCHEMA-DRIFT-002').fill('ADR-009');
  await row.getByLabel('Resolution decision for SCHEMA-DRIFT-002').fill('ignored is the product name for abandoned');
  await row.getByLabel('Resolution decision for SCHEMA-DRIFT-002').blur();
  await expect(row).toContainText('Not blocking: SCHEMA-DRIFT-002 accepted with ADR-009');

  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download decisions' }).click();
  const saved = (await (await dl).path())!;
  const text = await readFile(saved, 'utf8');
  expect(text).toContain('kind: skeldir-drift-decisions');
  expect(text).toContain(`drift: SCHEMA-DRIFT-002\n    divergence: ${CK}\n    status: accepted\n    adr: ADR-009`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved 1 decision' })).toContainText('--decisions drift-decisions.yaml');
  await shot(page, 'drift-decisions-saved');

  // The page's decided report …
  await page.goto('./#/compliance');
  await expect(verdict(page)).toHaveText(/^PASS — dump\.sql: 0 blocking.*1 not blocking by drift decision/, { timeout: 30_000 });
  const jsonDl = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Download the report' }).getByRole('button', { name: 'JSON' }).click();
  const pageReport = JSON.parse(await readFile((await (await jsonDl).path())!, 'utf8'));

  // … and CI's, from the same dump and the downloaded file: same verdict, exit code, gates, reason.
  const cli = spawnSync(process.execPath, ['bin/skeldir-schema.mjs', 'check', '--dump', DUMP, '--decisions', saved, '--quiet'], { cwd: root, encoding: 'utf8', timeout: 200_000 });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(pageReport.exit_code);
  const ciReport = JSON.parse(cli.stdout);
  expect([ciReport.verdict, ciReport.exit_code, ciReport.summary]).toEqual([pageReport.verdict, pageReport.exit_code, pageReport.summary]);
  const statuses = (r: { phases: Record<string, { status: string; reason: string }> }) => Object.fromEntries(Object.entries(r.phases).map(([id, g]) => [id, [g.status, g.reason]]));
  expect(statuses(ciReport)).toEqual(statuses(pageReport));
  const decisionOf = (r: { divergences: { id: string; decision?: unknown }[] }) => r.divergences.find((d) => d.id === CK)?.decision;
  expect(decisionOf(ciReport)).toEqual(decisionOf(pageReport));
  expect(decisionOf(ciReport)).toMatchObject({ status: 'accepted', drift_id: 'SCHEMA-DRIFT-002', adr: 'ADR-009' });

  // A fresh page (no session): a malformed file is refused at file:line:column, taking nothing;
  // the downloaded one brings the decision and the same verdict.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('./#/sources');
  await fresh.getByLabel('Open dump').setInputFiles(join(root, DUMP));
  await fresh.goto('./#/compliance');
  await expect(verdict(fresh)).toHaveText(/^FAIL — dump\.sql: 1 blocking/, { timeout: 120_000 });
  await fresh.goto('./#/drift');
  const bad = join(mkdtempSync(join(tmpdir(), 'decisions-')), 'bad.yaml');
  writeFileSync(bad, `kind: skeldir-drift-decisions\ndecisions:\n  - divergence: ${CK}\n    status: acepted\n    adr: ADR-009\n`);
  await fresh.getByLabel('Open decisions file').setInputFiles(bad);
  await expect(fresh.getByRole('alert').filter({ hasText: 'bad.yaml' })).toHaveText('bad.yaml:4:5: `status` must be one of open, resolved, accepted — no decision was taken from it.');
  await shot(fresh, 'drift-decisions-malformed');
  await fresh.getByLabel('Open decisions file').setInputFiles(saved);
  await expect(fresh.getByRole('status').filter({ hasText: 'Opened 1 decision' })).toBeVisible();
  const freshRow = fresh.locator('tr', { hasText: 'SCHEMA-DRIFT-002' });
  await expect(freshRow.getByLabel('ADR reference for SCHEMA-DRIFT-002')).toHaveValue('ADR-009');
  await expect(freshRow).toContainText('Not blocking: SCHEMA-DRIFT-002 accepted with ADR-009: ignored is the product name for abandoned');
  await shot(fresh, 'drift-decisions-opened');
  await fresh.goto('./#/compliance');
  await expect(verdict(fresh)).toHaveText(/^PASS — dump\.sql: 0 blocking.*1 not blocking by drift decision/, { timeout: 30_000 });
  await context.close();
});
