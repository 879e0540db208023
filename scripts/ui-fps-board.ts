/**
 * How smooth is the coordinator board (/board) with every venue on it, live? Signs in (the demo's
 * koordinator unless --login is given), opens the board in Debian's headless Chromium at
 * 1366 × 768, waits for the venues, then records every animation frame's interval and every long
 * task (> 50 ms) for --seconds while it only watches (the deltas arrive, the venues re-rank), then
 * for --scroll-seconds while it scrolls the venue list down to the end and back up, as a
 * coordinator reads it:
 *
 *   npm run demo -- --venues 200 --stations 10000                  # another terminal
 *   npx tsx scripts/ui-fps-board.ts http://127.0.0.1:3000/board [--seconds 10] [--scroll-seconds 10]
 *        [--login NIP:PASSWORD]
 *
 * `npm run bench -- --coordinator` runs it against its own server while its load runs. The last
 * line of stdout is one JSON object: board_frame_p50_ms / p95 / p99 over both parts, each part's
 * own, long tasks, the venues on the board and how many board versions the page saw.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: o, positionals: [url] } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '10' },
    'scroll-seconds': { type: 'string', default: '10' },
    login: { type: 'string' }
  }
});
if (!url) throw new Error('usage: tsx scripts/ui-fps-board.ts BOARD_URL [--seconds 10] [--scroll-seconds 10] [--login NIP:PASSWORD]');
const origin = new URL(url).origin;
const idleS = Number(o.seconds);
const scrollS = Number(o['scroll-seconds']);

/** --login, else the demo's koordinator account (GET /api/auth/demo-accounts answers in demo mode only) */
async function credentials(): Promise<{ nip: string; password: string }> {
  if (o.login) {
    const i = o.login.indexOf(':');
    return { nip: o.login.slice(0, i), password: o.login.slice(i + 1) };
  }
  const res = await fetch(`${origin}/api/auth/demo-accounts`);
  if (!res.ok) throw new Error(`no --login and no demo accounts (HTTP ${res.status}): is this the demo?`);
  const { accounts } = (await res.json()) as { accounts: { nip: string; password: string; roles: string[] }[] };
  const a = accounts.find((x) => x.roles.includes('koordinator'));
  if (!a) throw new Error('the demo lists no koordinator account');
  return { nip: a.nip, password: a.password };
}

const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await credentials()) });
if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const eq = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: `${origin}/` }]);
  const page = await context.newPage();
  if (process.env.UI_FPS_DEBUG) page.on('console', (m) => console.error('[page]', m.type(), m.text()));
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid="board-venues"] article', { timeout: 60_000 });
  const firstVenuesMs = Date.now() - t0;
  await page.waitForTimeout(2000); // the snapshot settles
  const venues = await page.locator('[data-testid="board-venues"] article').count();

  // Measured in the page: every frame's interval, tagged with the part it fell in, every long task,
  // and the board's "updated" line, whose text changes with every version applied. A string, so
  // the bundler's helpers do not leak into the page.
  await page.evaluate(`(() => {
    const m = window.__boardFps = { part: 'idle', frames: [], parts: [], longs: [], updates: 0, running: true };
    new PerformanceObserver((l) => l.getEntries().forEach((e) => m.longs.push(e.duration))).observe({ type: 'longtask' });
    const upd = document.querySelector('[data-testid="board-updated"]');
    if (upd) new MutationObserver(() => m.updates++).observe(upd, { childList: true, characterData: true, subtree: true });
    let last = performance.now();
    const f = (t) => { m.frames.push(t - last); m.parts.push(m.part); last = t; if (m.running) requestAnimationFrame(f); };
    requestAnimationFrame(f);
  })()`);
  await page.waitForTimeout(idleS * 1000);

  await page.evaluate(`window.__boardFps.part = 'scroll'`);
  await page.mouse.move(683, 500);
  const until = Date.now() + scrollS * 1000;
  let scrolls = 0;
  let dir = 1;
  while (Date.now() < until) {
    await page.mouse.wheel(0, dir * 360);
    await page.waitForTimeout(100);
    const at = (await page.evaluate(`[window.scrollY, document.documentElement.scrollHeight - window.innerHeight]`)) as [number, number];
    if ((dir > 0 && at[0] >= at[1] - 2) || (dir < 0 && at[0] <= 0)) {
      dir = -dir;
      scrolls++;
    }
  }
  const m = (await page.evaluate(`(() => { const m = window.__boardFps; m.running = false; return { frames: m.frames, parts: m.parts, longs: m.longs, updates: m.updates }; })()`)) as {
    frames: number[]; parts: string[]; longs: number[]; updates: number;
  };
  // the first interval runs from the script's start to the first frame: not a frame
  const frames = m.frames.slice(1);
  const parts = m.parts.slice(1);
  const stats = (list: number[], seconds: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10 : null);
    return { fps: Math.round((list.length / seconds) * 10) / 10, p50: pct(50), p95: pct(95), p99: pct(99), worst: Math.round(sorted.at(-1) ?? 0), over20ms: list.filter((f) => f > 20).length };
  };
  const all = stats(frames, idleS + scrollS);
  const idle = stats(frames.filter((_, i) => parts[i] === 'idle'), idleS);
  const scroll = stats(frames.filter((_, i) => parts[i] === 'scroll'), scrollS);
  console.log(JSON.stringify({
    url, cpu, venues, first_venues_ms: firstVenuesMs, seconds_idle: idleS, seconds_scroll: scrollS, scroll_passes: scrolls,
    board_versions_seen: m.updates,
    board_fps: all.fps, board_frame_p50_ms: all.p50, board_frame_p95_ms: all.p95, board_frame_p99_ms: all.p99, board_worst_frame_ms: all.worst,
    board_frames_over_20ms: all.over20ms,
    board_idle_frame_p95_ms: idle.p95, board_idle_frame_p99_ms: idle.p99,
    board_scroll_frame_p95_ms: scroll.p95, board_scroll_frame_p99_ms: scroll.p99,
    board_long_tasks: m.longs.length, board_longest_task_ms: Math.round(Math.max(0, ...m.longs)), board_long_task_total_ms: Math.round(m.longs.reduce((a, b) => a + b, 0))
  }));
} finally {
  await browser.close();
}
