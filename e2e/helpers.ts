import { expect, type Page } from '@playwright/test';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/** The verdict element: role=status, text starting with PASS, WARN_PASS, FAIL or INCOMPLETE. */
export const verdict = (page: Page) => page.getByRole('status').filter({ hasText: /^(PASS|WARN_PASS|FAIL|INCOMPLETE) / });

export type VerdictStatus = 'PASS' | 'WARN_PASS' | 'FAIL';

/**
 * Waits for the finished verdict of `dump` and asserts it is `status` — e.g. the bundled
 * legacy_head.sql must FAIL and reconciled_baseline.sql PASS (the CLI gives the same verdicts).
 */
export async function expectVerdict(page: Page, dump: string, status: VerdictStatus, timeout = 90_000): Promise<void> {
  const name = dump.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(verdict(page)).toContainText(dump, { timeout });
  await expect(verdict(page)).not.toContainText('re-checking', { timeout });
  await expect(verdict(page)).toHaveText(new RegExp(`^${status} — ${name}: `));
}

/** Waits until the autosaved session in IndexedDB contains `text` (saving is debounced). */
export async function expectSaved(page: Page, text: string): Promise<void> {
  const saved = () => page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.open('skeldir-schema-explorer');
    req.onerror = () => resolve('');
    req.onsuccess = () => {
      const db = req.result;
      try {
        const get = db.transaction('session').objectStore('session').get('session-v1');
        get.onsuccess = () => { resolve(JSON.stringify(get.result ?? null)); db.close(); };
        get.onerror = () => { resolve(''); db.close(); };
      } catch {
        resolve('');
        db.close();
      }
    };
  }));
  await expect.poll(saved, { timeout: 10_000 }).toContain(text);
}

/** A value of the app's IndexedDB store (`session-v1`, `verdict-index`, …), or undefined. */
export function idbRead(page: Page, key: string): Promise<unknown> {
  return page.evaluate((key) => new Promise<unknown>((resolve) => {
    const req = indexedDB.open('skeldir-schema-explorer');
    req.onerror = () => resolve(undefined);
    req.onsuccess = () => {
      const db = req.result;
      try {
        const get = db.transaction('session').objectStore('session').get(key);
        get.onsuccess = () => { resolve(get.result); db.close(); };
        get.onerror = () => { resolve(undefined); db.close(); };
      } catch {
        resolve(undefined);
        db.close();
      }
    };
  }), key);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.ttf': 'font/ttf',
};

/**
 * A bare static file server (no SPA fallback, no rewriting): `dir` is served under `prefix`
 * (e.g. `/sub/dir/`), anything else is a 404 — the way a plain host serves a sub-path.
 */
export async function serveStatic(dir: string, prefix: string): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Types into the Monaco editor labelled `label` at the end (or start) of its text, bypassing auto-closing. */
export async function typeInEditor(page: Page, label: string | RegExp, text: string, at: 'start' | 'end' = 'end') {
  const editor = page.getByRole('group', { name: label });
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press(at === 'end' ? 'Control+End' : 'Control+Home');
  await page.keyboard.insertText(text);
}

/** Screenshots at the three widths every view must work at (390, 1,024, 1,920 px): `${prefix}-${width}.png`. */
export async function shotsAtWidths(page: Page, prefix: string): Promise<void> {
  for (const width of [390, 1024, 1920]) {
    await page.setViewportSize({ width, height: width < 760 ? 844 : 1000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${prefix}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

// axe-core, injected from node_modules (no CDN: nothing the page loads leaves the origin) and
// evaluated over the DevTools protocol, so the page's CSP (script-src 'self') stays as shipped.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/**
 * The serious and critical axe violations (WCAG 2.1 A/AA and best practice) on the page as it is now.
 * `extra` enables rules axe ships as experimental, e.g. 'label-content-name-mismatch' (WCAG 2.5.3:
 * a control's name contains its visible text).
 */
export async function axe(page: Page, extra: string[] = []): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (extra) => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } };
    return w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      // An explicitly enabled rule runs whatever its tags (axe's ruleShouldRun).
      rules: Object.fromEntries(extra.map((id) => [id, { enabled: true }])) });
  }, extra);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `   ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`).join('\n')}`).join('\n');

/** Clicks one of the ERD's exports (`Export SVG`, `Export PNG`, `Export Mermaid`, `Export DBML`) in its Export menu. */
export async function erdExport(page: Page, name: string): Promise<void> {
  await page.locator('.erd summary', { hasText: 'Export' }).click();
  await page.getByRole('button', { name }).click();
}

/**
 * Writes a saved session as the app keeps it (IndexedDB, `session-v1`) with `canonical` as the
 * canonical SQL (no overlay) and `dump` as the one dump; the next reload opens it. E.g. a schema
 * nobody wrote a tour for, as canonical and dump at once.
 */
export async function putSession(page: Page, canonical: { name: string; text: string }, dump: { name: string; text: string }): Promise<void> {
  await page.evaluate(async ({ canonical, dump }) => {
    const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('skeldir-schema-explorer', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    await new Promise<void>((res, rej) => {
      const t = db.transaction('session', 'readwrite');
      t.objectStore('session').put({
        sources: { canonical, spec: null, seeds: null, dumps: [{ key: 'file:1', name: dump.name, sql: dump.text, origin: 'file', loadedAt: new Date().toISOString() }], activeKey: 'file:1', phase: 'all', nextFile: 2 },
        theme: 'light', history: [], hash: '#/compliance', savedAt: new Date().toISOString(),
      }, 'session-v1');
      t.oncomplete = () => res(); t.onerror = () => rej(t.error);
    });
    db.close();
  }, { canonical, dump });
}
