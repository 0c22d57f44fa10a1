import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
await p.goto('http://127.0.0.1:4173/#/compliance');
await p.waitForTimeout(1000);
console.log(await p.evaluate(() => [...document.querySelectorAll('html, body, #app, .shell, .body, nav, main')].map((e) => `${e.tagName}.${e.className} ${e.getBoundingClientRect().height} ${getComputedStyle(e).height}`)));
console.log(await p.evaluate(() => [...document.querySelector(".shell").children].map(e => e.tagName + "." + e.className + " " + e.getBoundingClientRect().height)));
await b.close();
