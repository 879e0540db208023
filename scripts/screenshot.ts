/**
 * Screenshot of a dashboard page in Debian's Chromium, as a person would see it:
 *   tsx scripts/screenshot.ts URL OUT.png [--width 1366] [--height 768] [--click SELECTOR] [--wait MS]
 * Used for the README picture and for looking at a change before calling it done.
 */
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';

const { values: o, positionals: [url, out] } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1366' }, height: { type: 'string', default: '768' }, click: { type: 'string' }, wait: { type: 'string', default: '1500' }, lang: { type: 'string' } }
});
if (!url || !out) throw new Error('usage: tsx scripts/screenshot.ts URL OUT.png [--click SELECTOR]');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
const page = await browser.newPage({ viewport: { width: Number(o.width), height: Number(o.height) } });
await page.goto(url);
if (o.lang) await page.evaluate((l) => localStorage.setItem('lang', l), o.lang);
await page.waitForTimeout(Number(o.wait));
if (o.click) {
  await page.click(o.click);
  await page.waitForTimeout(Number(o.wait));
}
await page.screenshot({ path: out });
await browser.close();
console.log(out);
