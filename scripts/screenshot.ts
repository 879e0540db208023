/**
 * Screenshot of a dashboard page in Debian's Chromium, as a person would see it:
 *   tsx scripts/screenshot.ts URL OUT.png [--width 1366] [--height 768] [--click SELECTOR] [--wait MS]
 *        [--lang id|en] [--full] [--login NIP:PASSWORD | --cookie NAME=VALUE]
 * --login signs in over HTTP first (POST /api/auth/login on the URL's origin); --cookie sets a
 * session cookie you already have. Used for the README picture and for looking at a change
 * before calling it done.
 */
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';

const { values: o, positionals: [url, out] } = parseArgs({
  allowPositionals: true,
  options: {
    width: { type: 'string', default: '1366' },
    height: { type: 'string', default: '768' },
    click: { type: 'string' },
    wait: { type: 'string', default: '1500' },
    lang: { type: 'string' },
    full: { type: 'boolean', default: false },
    login: { type: 'string' },
    cookie: { type: 'string' }
  }
});
if (!url || !out) throw new Error('usage: tsx scripts/screenshot.ts URL OUT.png [--click SELECTOR] [--login NIP:PASSWORD | --cookie NAME=VALUE]');

async function sessionCookie(): Promise<string | null> {
  if (o.cookie) return o.cookie;
  if (!o.login) return null;
  const i = o.login.indexOf(':');
  const res = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nip: o.login.slice(0, i), password: o.login.slice(i + 1) })
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

const cookie = await sessionCookie();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
const context = await browser.newContext({ viewport: { width: Number(o.width), height: Number(o.height) } });
if (cookie) {
  const eq = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: new URL('/', url).href }]);
}
if (o.lang) await context.addInitScript((l) => localStorage.setItem('cact.locale', l), o.lang);
const page = await context.newPage();
await page.goto(url);
await page.waitForTimeout(Number(o.wait));
if (o.click) {
  await page.click(o.click);
  await page.waitForTimeout(Number(o.wait));
}
await page.screenshot({ path: out, fullPage: o.full });
await browser.close();
console.log(out);
