/**
 * Exam-day screens, in Chromium at 1366 × 768:
 * - the room list shows each room's session stage and stations, and flags the room in trouble
 *   (PCs offline, a marker waiting) next to a room that is fine — and follows a room that goes
 *   bad while the list is open;
 * - a PC that fails Lampiran II (no webcam) says so on its tile, and the desk warns before seating
 *   someone there; an unenrolled spare is idle, not counted offline;
 * - "Perlu perhatian" lists just the matching tiles, not a mostly empty floor plan.
 */
import { expect, test } from '@playwright/test';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { openSession, roomSessionId, startTestServer, until, validFacts, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';

let srv: TestServer;
const agents = new Map<string, StationAgent>();

test.beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: process.env.CACT_WEB_BUILD ?? 'build' }, [
    // registration open, PCs being set up: the room in trouble
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'scheduled', startsInMin: 90 },
    // the test running, every PC fine
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'running' },
    // a large room (its PCs not up yet): drawn a few rows at a time
    { code: 'R3', name: 'Ruang CAT 3', rows: 8, cols: 20, session: 'running' }
  ]);
  const r1 = srv.seeded.filter((s) => s.roomId === srv.seeded[0].roomId);
  const r2 = srv.seeded.filter((s) => s.code.startsWith('R2-'));
  // R1's spare PC was never set up: no token
  const spare = r1.at(-1)!;
  srv.db.$client.prepare('update stations set token_hash = null where id = ?').run(spare.stationId);
  srv.hub.setToken(spare.stationId, null);
  const start = async (s: (typeof srv.seeded)[number], facts = validFacts) => {
    const agent = new StationAgent({ serverUrl: srv.url, token: s.token, agentVersion: 'e2e', queue: new MemoryQueue(), facts: async () => facts, heartbeatMs: 500 });
    agents.set(s.code, agent);
    await agent.start();
  };
  // R1: A01 fine, A02 without a webcam, A03 connects and then goes down; B01 and B02 never came up
  await start(r1[0]);
  await start(r1[1], { ...validFacts, webcam: false });
  await start(r1[2]);
  for (const s of r2) await start(s);
  const s = await srv.login('pengawas');
  await openSession(srv.url, s, await roomSessionId(srv.url, s, r1[0].roomId));
  await until(() => [r1[0], r1[1], r1[2], ...r2].every((x) => srv.hub.stations.get(x.stationId)?.view.state === 'online'), 10_000);
  await agents.get(r1[2].code)!.stop();
  await until(() => (srv.hub.stations.get(r1[2].stationId)?.view.attention.length ?? 0) > 0, 10_000);
});
test.afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.stop()));
  await srv?.dispose();
});

test('the room list shows which room is in trouble, and follows it live', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'pengawas');
  await page.goto(`${srv.url}/`);
  const r1 = page.getByTestId('room-card-R1');
  const r2 = page.getByTestId('room-card-R2');
  await expect(r1).toHaveAttribute('data-level', 'trouble');
  // A03 went down, B01 and B02 never came up; the unenrolled spare is not among them
  await expect(page.getByTestId('room-offline-R1')).toHaveAttribute('data-n', '3');
  await expect(r1).toContainText('1 cadangan kosong');
  await expect(page.getByTestId('room-attention-R1')).toContainText('1 perlu perhatian');
  await expect(page.getByTestId('room-session-R1')).toHaveText(/registrasi dibuka/i);
  await expect(r2).toHaveAttribute('data-level', 'ok');
  await expect(r2).toContainText('Semua stasiun baik');
  await expect(page.getByTestId('room-session-R2')).toHaveText(/berjalan/i);
  await page.screenshot({ path: '.tmp/e2e-rooms-trouble.png' });

  // a PC of the fine room goes down while the list is open: the list says so within seconds
  const r2first = srv.seeded.find((s) => s.code.startsWith('R2-'))!;
  await agents.get(r2first.code)!.stop();
  await expect(r2).toHaveAttribute('data-level', 'trouble', { timeout: 15_000 });
  await expect(page.getByTestId('room-offline-R2')).toHaveAttribute('data-n', '1');
  await page.context().close();
});

test('a PC failing Lampiran II says so on its tile and at the desk; an unenrolled spare is idle', async ({ browser }) => {
  const r1 = srv.seeded.filter((s) => s.roomId === srv.seeded[0].roomId);
  const [, noCam, down] = r1;
  const spare = r1.at(-1)!;
  const page = await signedInPage(browser, srv, 'pengawas');
  await page.goto(`${srv.url}/rooms/${r1[0].roomId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');

  const tile = page.getByTestId(`tile-${noCam.code}`);
  await expect(tile).toHaveAttribute('data-state', 'online');
  await expect(tile.getByTestId('lamp2-fail')).toHaveAttribute('data-items', 'webcam');
  await expect(tile.getByTestId('lamp2-fail')).toContainText('Webcam');
  await expect(page.getByTestId(`tile-${spare.code}`)).toHaveAttribute('data-idle', 'true');
  await expect(page.getByTestId('count-offline')).toHaveText('3');
  await expect(page.getByTestId('count-idle')).toHaveText('1');

  // "Perlu perhatian": just the tile with the marker, listed, not left on the floor plan
  await page.getByTestId('filter-attention').click();
  await expect(page.locator('article[data-testid^="tile-"]:visible')).toHaveCount(1);
  await expect(page.getByTestId(`tile-${down.code}`)).toBeVisible();
  await expect(page.getByTestId('grid-shown')).toHaveText('Menampilkan 1 dari 6 stasiun');
  await expect(page.getByTestId('station-grid')).toHaveClass(/filtered/);
  await page.getByTestId('filter-all').click();
  await expect(page.locator('article[data-testid^="tile-"]:visible')).toHaveCount(6);
  await page.screenshot({ path: '.tmp/e2e-room-lamp2.png' });

  // the desk, seating someone at the PC without a webcam, is warned before it saves
  const who = r1.find((s) => s.participant)!.participant!;
  await page.goto(`${srv.url}/rooms/${r1[0].roomId}/registration`);
  await page.getByTestId(`move-${who.nip}`).click();
  await page.getByTestId('mv-station').selectOption(String(noCam.stationId));
  const warn = page.getByTestId('desk-lamp2');
  await expect(warn).toBeVisible();
  await expect(warn).toHaveAttribute('data-station', noCam.code);
  await expect(warn).toContainText('Webcam');
  await page.getByTestId('mv-station').selectOption(String(r1[0].stationId));
  await expect(warn).toHaveCount(0);
  await page.context().close();
});

test('a large room draws the rows near the screen; scrolling, filtering and a panel work as in a small one', async ({ browser }) => {
  const r3 = srv.seeded.filter((s) => s.code.startsWith('R3-'));
  const page = await signedInPage(browser, srv, 'pengawas');
  await page.goto(`${srv.url}/rooms/${r3[0].roomId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  const grid = page.getByTestId('station-grid');
  await expect(grid).toHaveClass(/virtual/);
  await expect(grid).toHaveAttribute('data-mode', 'mini'); // 20 seats a row at 1366 px
  await expect(page.getByTestId('count-total')).toHaveText('160');
  await expect(page.getByTestId(`tile-${r3[0].code}`)).toBeVisible();
  const drawn = await page.locator('article[data-testid^="tile-"]:visible').count();
  expect(drawn).toBeGreaterThan(40);
  expect(drawn).toBeLessThan(160);
  // the last row is drawn once scrolled to
  const last = r3.at(-1)!;
  await expect(page.getByTestId(`tile-${last.code}`)).toHaveCount(0);
  await page.mouse.move(683, 600);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 400);
  await expect(page.getByTestId(`tile-${last.code}`)).toBeVisible();
  // a click anywhere on a tile opens its panel
  await page.getByTestId(`tile-${last.code}`).locator('.name').click();
  await expect(page.getByTestId('station-detail')).toContainText(last.code);
  await page.keyboard.press('Escape');
  // "Belum login": every seat of the running session, listed (not on the floor plan)
  await page.getByTestId('filter-notLoggedIn').click();
  await expect(grid).toHaveClass(/filtered/);
  await expect(page.getByTestId('grid-shown')).toHaveText('Menampilkan 160 dari 160 stasiun');
  await page.getByTestId('filter-all').click();
  await expect(grid).toHaveClass(/placed/);
  await page.context().close();
});
