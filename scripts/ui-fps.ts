/**
 * How smooth is a room view under live load? Opens the page in Debian's Chromium and, for 10 s,
 * counts animation frames and long tasks (> 50 ms) while deltas arrive:
 *   tsx scripts/ui-fps.ts http://127.0.0.1:3000/rooms/1
 * (with `npm run demo -- --stations 500 --room-size 500` running). Figures go to docs/performance.md.
 */
import { chromium } from '@playwright/test';

const url = process.argv[2];
if (!url) throw new Error('usage: tsx scripts/ui-fps.ts ROOM_URL');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const t0 = Date.now();
await page.goto(url);
await page.waitForSelector('[data-testid^="tile-"]');
const firstTilesMs = Date.now() - t0;
const tiles = await page.locator('[data-testid^="tile-"]').count();
// A string, so the bundler's helpers do not leak into the page.
const measure = `new Promise((ok) => {
  let frames = 0, worst = 0, last = performance.now(); const longs = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => longs.push(e.duration))).observe({ type: 'longtask' });
  const end = last + 10000;
  const f = (t) => { frames++; worst = Math.max(worst, t - last); last = t;
    if (t < end) requestAnimationFrame(f);
    else ok({ fps: frames / 10, worstFrameMs: Math.round(worst), longTasks: longs.length, longestTaskMs: Math.round(Math.max(0, ...longs)) }); };
  requestAnimationFrame(f);
})`;
const r = await page.evaluate(measure);
console.log(JSON.stringify({ url, tiles, firstTilesMs, ...(r as object) }));
await browser.close();
