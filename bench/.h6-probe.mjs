import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:4173')) console.log('OFF-ORIGIN', r.url()); });
const t0 = Date.now();
await p.goto('http://127.0.0.1:4173/#/sources');
await p.waitForTimeout(1500);
await p.setInputFiles('input[type=file]', process.argv[2] || '/tmp/app_canon_dump.sql');
for (let i = 0; i < 60; i++) {
  const t = await p.locator('[data-testid=progress]').textContent().catch(() => null);
  if (i % 2 === 0) console.log(((Date.now() - t0) / 1000).toFixed(1), 'progress:', t);
  const v = await p.locator('[role=status]').allTextContents();
  if (v.some((x) => /^(PASS|FAIL|WARN_PASS)/.test(x))) { console.log('verdict', v); break; }
  await p.goto('http://127.0.0.1:4173/#/compliance').catch(() => {});
  await p.waitForTimeout(500);
}
await p.screenshot({ path: '/tmp/h6-shot.png' });
await b.close();
