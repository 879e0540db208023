/**
 * How smooth is a room view under live load, while a proctor works it? Signs in (the demo's
 * pengawas account unless --login is given), opens the room in Debian's headless Chromium at
 * 1366 × 768 and, for --seconds, records every animation frame's time and every long task
 * (> 50 ms) while it scrolls the grid, switches filters and the sort, and opens and closes station
 * panels — the proctor's work during a latency spike when the demo runs with --spike-every:
 *
 *   npm run demo -- --stations 500 --room-size 500 --spike-every 15      # another terminal
 *   npx tsx scripts/ui-fps.ts http://127.0.0.1:3000/rooms/1 [--seconds 20] [--idle]
 *        [--login NIP:PASSWORD] [--web-build DIR] [--label NAME] [--profile FILE.cpuprofile]
 *
 * --web-build DIR serves the dashboard's pages and assets from another build (e.g. the code before
 * a change) while the API and the socket stay the demo's: before and after under the same load.
 * --idle only watches (no input). --profile saves a CPU profile of the page for the window.
 * The last line of stdout is one JSON object; figures go to docs/performance.md.
 */
import { chromium, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: o, positionals: [url] } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '20' },
    login: { type: 'string' },
    idle: { type: 'boolean', default: false },
    /** what the proctor does: all (default), or only scroll / filter / panel */
    only: { type: 'string', default: 'all' },
    'web-build': { type: 'string' },
    label: { type: 'string' },
    profile: { type: 'string' },
    trace: { type: 'string' }
  }
});
if (!url) throw new Error('usage: tsx scripts/ui-fps.ts ROOM_URL [--seconds 20] [--idle] [--login NIP:PASSWORD] [--web-build DIR] [--profile FILE]');
const origin = new URL(url).origin;
const seconds = Number(o.seconds);

/** --login, else the demo's pengawas account (GET /api/auth/demo-accounts answers in demo mode only) */
async function credentials(): Promise<{ nip: string; password: string }> {
  if (o.login) {
    const i = o.login.indexOf(':');
    return { nip: o.login.slice(0, i), password: o.login.slice(i + 1) };
  }
  const res = await fetch(`${origin}/api/auth/demo-accounts`);
  if (!res.ok) throw new Error(`no --login and no demo accounts (HTTP ${res.status}): is this the demo?`);
  const { accounts } = (await res.json()) as { accounts: { nip: string; password: string; roles: string[] }[] };
  const a = accounts.find((x) => x.roles.includes('pengawas'));
  if (!a) throw new Error('the demo lists no pengawas account');
  return { nip: a.nip, password: a.password };
}

async function signIn(): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await credentials())
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The pages and assets of another build, on a local port; the API and the socket stay the demo's. */
async function otherBuild(dir: string): Promise<string> {
  const { handler } = (await import(pathToFileURL(resolve(dir, 'handler.js')).href)) as {
    handler: (req: unknown, res: unknown, next: () => void) => void;
  };
  const srv = createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end();
  }));
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  srv.unref();
  const addr = srv.address() as { port: number };
  return `http://127.0.0.1:${addr.port}`;
}

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
const cookie = await signIn();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // a page served through route.fulfill (--web-build) counts as non-local and may not open the
    // demo's loopback socket otherwise; set for every run, so runs differ only in the build
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessChecks,BlockInsecurePrivateNetworkRequests'
  ]
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const eq = cookie.indexOf('=');
await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: `${origin}/` }]);
if (o['web-build']) {
  const local = await otherBuild(o['web-build']);
  await context.route(`${origin}/**`, async (route) => {
    const u = new URL(route.request().url());
    if (u.pathname.startsWith('/api/') || u.pathname.startsWith('/socket.io/')) return route.fallback();
    const res = await fetch(local + u.pathname + u.search, { headers: { cookie, accept: route.request().headers().accept ?? '*/*' }, redirect: 'manual' });
    const headers = Object.fromEntries([...res.headers].filter(([k]) => !['connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding'].includes(k)));
    await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
  });
}
const page = await context.newPage();
if (process.env.UI_FPS_DEBUG) page.on('console', (m) => console.error('[page]', m.type(), m.text()));
// for A/B experiments on rendering: extra CSS injected into every page (not for reported figures)
if (process.env.UI_FPS_CSS) await context.addInitScript((css) => {
  document.addEventListener('DOMContentLoaded', () => { const st = document.createElement('style'); st.textContent = css; document.head.append(st); });
}, process.env.UI_FPS_CSS);
const t0 = Date.now();
await page.goto(url);
await page.waitForSelector('article[data-testid^="tile-"]', { timeout: 60_000 });
await page.waitForFunction(() => document.querySelectorAll('article[data-testid^="tile-"]').length > 0);
const firstTilesMs = Date.now() - t0;
await page.waitForTimeout(3000); // the first snapshot settles
// the room's stations (a large room draws only the rows near the screen: tilesDrawn)
const tiles = Number(await page.getByTestId('count-total').textContent());
const tilesDrawn = await page.locator('article[data-testid^="tile-"]').count();

// Measured in the page: every animation frame's interval and every long task; a string, so the
// bundler's helpers do not leak into the page.
// The room's counters (stations degraded, needing attention) are read in the page too, twice a
// second: what the spike did while the proctor worked.
const measure = `new Promise((ok) => {
  const frames = []; const longs = []; let last = performance.now(); let maxDegraded = 0, maxAttention = 0;
  const lt = new PerformanceObserver((l) => l.getEntries().forEach((e) => longs.push(e.duration)));
  lt.observe({ type: 'longtask' });
  const num = (id) => Number(document.querySelector('[data-testid="' + id + '"]')?.textContent ?? 0);
  const watch = setInterval(() => { maxDegraded = Math.max(maxDegraded, num('count-degraded')); maxAttention = Math.max(maxAttention, num('count-attention')); }, 500);
  const end = last + ${seconds * 1000};
  const f = (t) => { frames.push(t - last); last = t;
    if (t < end) requestAnimationFrame(f);
    else { lt.disconnect(); clearInterval(watch); ok({ frames, longs, maxDegraded, maxAttention }); } };
  requestAnimationFrame(f);
})`;

const cdp = o.profile ? await context.newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}
if (o.trace) await browser.startTracing(page, { categories: (process.env.UI_FPS_CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc').split(',') });
const done = page.evaluate(measure) as Promise<{ frames: number[]; longs: number[]; maxDegraded: number; maxAttention: number }>;
const until = Date.now() + seconds * 1000 - 500;
const acts = { scrolls: 0, filters: 0, sorts: 0, panels: 0 };
/** a tile in the middle band of the screen (not under the sticky toolbar or the action bar) */
const tileOnScreen = (k: number) =>
  page.evaluate((k) => {
    // a tile whose middle is what a click there reaches (not under a header, a bar or a panel)
    const all = [...document.querySelectorAll('article[data-testid^="tile-"]:not([hidden])')].filter((e) => {
      const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 3;
      return r.top > 200 && r.bottom < 720 && document.elementFromPoint(x, y)?.closest('article') === e;
    });
    if (!all.length) return null;
    const r = all[(k * 7) % all.length].getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 3 };
  }, k);

async function work(p: Page) {
  await p.mouse.move(683, 600);
  let k = 0;
  while (Date.now() < until) {
    const does = (what: string) => o.only === 'all' || o.only === what;
    // scroll down the grid and back, as a proctor looks for a seat
    for (let i = 0; i < 8 && Date.now() < until && does('scroll'); i++) {
      await p.mouse.wheel(0, 320);
      await p.waitForTimeout(110);
    }
    for (let i = 0; i < 8 && Date.now() < until && does('scroll'); i++) {
      await p.mouse.wheel(0, -320);
      await p.waitForTimeout(110);
    }
    if (does('scroll')) acts.scrolls++;
    if (Date.now() >= until) break;
    if (does('filter')) {
    // filters: what needs attention, what is offline, back to all; then sort by attention and back
    for (const f of ['attention', 'offline', 'all']) {
      await p.getByTestId(`filter-${f}`).click();
      acts.filters++;
      await p.waitForTimeout(700);
    }
    for (const s of ['attention', 'seat']) {
      await p.getByTestId(`sort-${s}`).click();
      acts.sorts++;
      await p.waitForTimeout(700);
    }
    }
    if (Date.now() >= until) break;
    if (does('panel')) {
    // open a station's panel, read it, close it
    // a click on a tile, where it is on the screen (as a proctor clicks)
    const at = await tileOnScreen(k++);
    if (!at) continue;
    await p.mouse.click(at.x, at.y);
    await p.getByTestId('station-detail').waitFor();
    acts.panels++;
    await p.waitForTimeout(1500);
    await p.keyboard.press('Escape');
    await p.waitForTimeout(400);
    }
  }
}

if (!o.idle) await work(page);
const { frames, longs, maxDegraded, maxAttention } = await done;
if (cdp && o.profile) {
  const { profile } = await cdp.send('Profiler.stop');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(o.profile, JSON.stringify(profile));
}
if (o.trace) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(o.trace, await browser.stopTracing());
}
const sorted = [...frames].sort((a, b) => a - b);
const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
const r = {
  label: o.label ?? (o['web-build'] ? o['web-build'] : 'served build'),
  url, tiles, tilesDrawn, firstTilesMs, seconds, interaction: o.idle ? 'none' : o.only, cpu,
  fps: Math.round((frames.length / seconds) * 10) / 10,
  frameP50: pct(50), frameP95: pct(95), frameP99: pct(99), worstFrameMs: Math.round(sorted.at(-1) ?? 0),
  framesOver20ms: frames.filter((f) => f > 20).length,
  longTasks: longs.length, longestTaskMs: Math.round(Math.max(0, ...longs)), longTaskTotalMs: Math.round(longs.reduce((a, b) => a + b, 0)),
  maxDegraded, maxAttention, actions: acts
};
console.log(JSON.stringify(r));
await browser.close();
