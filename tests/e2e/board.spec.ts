/**
 * The coordinator board (Perban BKN 4/2024 Pasal 16: the coordinator oversees every venue of their
 * scope) as a koordinator scoped to two of three venues uses it: exactly those two venues, live;
 * a station of one going offline during a running session raises that venue to the top within
 * 10 s; its room opens from the board read-only (room.view, not session.control) and the
 * browser's back returns to the board with its filter; a proctor and an agency operator do not
 * get the board. Its monitoring and evaluation report of the day (Pasal 16(4)–(5)) lists the
 * incident and the postponement recorded in its venues and nothing of the third, and the PDF it
 * issues verifies byte for byte. Screenshots go to /tmp/shots (outside the repo).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoNip } from '../../demo/seed.ts';
import type { StationAgent } from '../../agent/station-agent.ts';
import { api, loginAs, roomSessionId, type TestServer, type TestVenue } from '../helpers/server.ts';
import { postponeBody } from '../helpers/postpone.ts';
import { realAgent, signedInPage, startTestServer } from './fixtures.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;
/** the koordinator's two venues (codes T and T3) and the one outside its scope (T2) */
let venueA: TestVenue, venueB: TestVenue, outside: TestVenue;
const agents = new Map<string, StationAgent>();
const coordinator = { nip: demoNip(88001), password: 'Koordinator-Dua-2026' };

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 100, writeMs: 200, webBuildDir: process.env.CACT_WEB_BUILD ?? 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 2, session: 'running' }
  ], { venues: 3 });
  [venueA, outside, venueB] = srv.venues;
  const admin = await srv.login('admin');
  const made = await api(srv.url, admin, 'POST', '/users', {
    nip: coordinator.nip, name: 'Koordinator Dua Lokasi', roles: ['koordinator'],
    scopes: [{ kind: 'venue', venueId: venueA.seeded[0].venueId }, { kind: 'venue', venueId: venueB.seeded[0].venueId }],
    password: coordinator.password
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
});
test.afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.stop()));
  await srv?.dispose();
});

const venueCode = (v: TestVenue) => (v === venueA ? 'T' : v === venueB ? 'T3' : 'T2');
const cards = (page: Page) => page.locator('[data-testid="board-venues"] > article[data-testid^="board-venue-"]');

test('a koordinator of two venues follows them live, sees an offline PC raise its venue, opens its room and comes back', async ({ browser }) => {
  const context = await browser.newContext();
  const s = await loginAs(srv.url, coordinator.nip, coordinator.password);
  const eq = s.cookie.indexOf('=');
  await context.addCookies([{ name: s.cookie.slice(0, eq), value: s.cookie.slice(eq + 1), url: srv.url }]);
  const page = await context.newPage();

  // 1. Exactly the two venues of the scope; no agent runs yet, so every seated PC of the running
  // sessions is missing and both are critical.
  await page.goto(`${srv.url}/`);
  await page.getByRole('navigation').getByRole('link', { name: 'Papan' }).click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByTestId(`board-venue-${venueCode(venueA)}`)).toBeVisible();
  await expect(page.getByTestId(`board-venue-${venueCode(venueB)}`)).toBeVisible();
  await expect(page.getByTestId(`board-venue-${venueCode(outside)}`)).toHaveCount(0);
  await expect(page.getByTestId(`board-venue-${venueCode(venueA)}`)).toContainText('Venue Uji');
  await expect(page.getByTestId(`board-venue-${venueCode(venueB)}`)).toContainText('Kanreg Uji 3');
  await expect(page.getByTestId('board-shown')).toContainText('2');
  for (const v of [venueA, venueB]) {
    const card = page.getByTestId(`board-venue-${venueCode(v)}`);
    await expect(card).toHaveAttribute('data-level', 'critical');
    await expect(card.locator('li[data-part="missing_stations"]')).toContainText('2 PC');
  }
  await page.screenshot({ path: `${SHOTS}/board-1a-joined.png`, fullPage: true });
  const updated = await page.getByTestId('board-updated').textContent();

  // The agents come up: the board follows without a reload (the time shows seconds; wait one
  // second so the delta's time cannot fall in the join's).
  await page.waitForTimeout(1100);
  for (const v of [venueA, venueB]) {
    for (const st of v.seeded) {
      const { agent } = realAgent(srv.url, st, 1000);
      agents.set(`${venueCode(v)}:${st.code}`, agent);
      await agent.start();
    }
  }
  for (const v of [venueA, venueB]) {
    const card = page.getByTestId(`board-venue-${venueCode(v)}`);
    await expect(card).toHaveAttribute('data-level', 'ok', { timeout: 10_000 });
    await expect(card).toContainText('Tidak ada yang perlu ditangani');
  }
  await expect(page.getByTestId('board-updated')).not.toHaveText(updated ?? '');
  await expect(page.getByTestId('board-count-ok').locator('.n')).toHaveText('2');
  await expect(page.getByTestId('board-count-critical').locator('.n')).toHaveText('0');
  // both normal: ranked by name, then by id (T before T3)
  await expect(cards(page).first()).toHaveAttribute('data-testid', `board-venue-${venueCode(venueA)}`);
  await page.screenshot({ path: `${SHOTS}/board-1b-live.png`, fullPage: true });

  // 2. A PC of the second venue goes offline during its running session: that venue rises to the top.
  const gone = venueB.seeded[0];
  const stoppedAt = Date.now();
  await agents.get(`${venueCode(venueB)}:${gone.code}`)!.stop();
  agents.delete(`${venueCode(venueB)}:${gone.code}`);
  const raised = page.getByTestId(`board-venue-${venueCode(venueB)}`);
  await expect(raised).toHaveAttribute('data-level', 'critical', { timeout: 10_000 });
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  await expect(cards(page).first()).toHaveAttribute('data-testid', `board-venue-${venueCode(venueB)}`);
  await expect(raised.locator('li[data-part="missing_stations"]')).toContainText('1 PC tidak terhubung saat tes berjalan');
  await expect(raised.locator('.figures .conn')).toContainText('1 daring · 0 lambat · 1 luring · dari 2');
  await expect(page.getByTestId(`board-venue-${venueCode(venueA)}`)).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('board-count-critical').locator('.n')).toHaveText('1');
  await page.screenshot({ path: `${SHOTS}/board-2-offline-on-top.png`, fullPage: true });

  // 3. A filter in the URL (the region), the room from the board, read-only, and back.
  await page.getByTestId('board-filter-region').selectOption('Kanreg Uji 3');
  await expect(page).toHaveURL(/\/board\?region=Kanreg(\+|%20)Uji(\+|%20)3$/);
  await expect(cards(page)).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/board-3a-filtered.png`, fullPage: true });
  await raised.getByRole('link', { name: /Buka ruang Ruang CAT 1/ }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${venueB.roomIds[0]}$`));
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId(`tile-${gone.code}`)).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('session-panel')).toHaveAttribute('data-state', 'running');
  // room.view without session.control: no step button, no menu of actions, no PIN control
  await expect(page.getByTestId('session-next-action')).toHaveCount(0);
  await expect(page.getByTestId('session-more')).toHaveCount(0);
  await expect(page.locator('[data-testid^="session-action-"]')).toHaveCount(0);
  await expect(page.getByTestId('pin-control')).toHaveCount(0);
  // nor the stations' actions: probing and acknowledging markers are the room's proctor's
  await expect(page.getByTestId('probe-all')).toHaveCount(0);
  await expect(page.locator('button.ack')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/board-3b-room-readonly.png`, fullPage: true });

  await page.goBack();
  await expect(page).toHaveURL(/\/board\?region=Kanreg(\+|%20)Uji(\+|%20)3$/);
  await expect(page.getByTestId('board-filter-region')).toHaveValue('Kanreg Uji 3');
  await expect(cards(page)).toHaveCount(1);
  await expect(page.getByTestId(`board-venue-${venueCode(venueB)}`)).toHaveAttribute('data-level', 'critical');
  await expect(page.getByTestId(`board-venue-${venueCode(venueA)}`)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/board-3c-back-filtered.png`, fullPage: true });
  await context.close();
});

test('the same koordinator\'s report of the day lists the incident and the postponement of its venues, not the third\'s, and its PDF verifies', async ({ browser }) => {
  // each venue's own proctor records, in its running session: an incident (B), a postponement (A),
  // and an incident at the venue outside the koordinator's scope
  const record = async (v: TestVenue, what: 'incident' | 'postpone', description: string) => {
    const pengawas = await v.login('pengawas');
    const sessionId = await roomSessionId(srv.url, pengawas, v.roomIds[0]);
    const r = what === 'incident'
      ? await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/incidents`, { category: 'station_swap', description, actionTaken: 'PC cadangan dipakai.' })
      : await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/postpone`, postponeBody());
    expect(r.status, JSON.stringify(r.body)).toBe(what === 'incident' ? 200 : 201);
  };
  await record(venueB, 'incident', 'Monitor PC-02 mati; peserta pindah ke PC cadangan.');
  await record(venueA, 'postpone', '');
  await record(outside, 'incident', 'Kejadian di tempat lain yang tidak diawasi koordinator ini.');

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const s = await loginAs(srv.url, coordinator.nip, coordinator.password);
  const eq = s.cookie.indexOf('=');
  await context.addCookies([{ name: s.cookie.slice(0, eq), value: s.cookie.slice(eq + 1), url: srv.url }]);
  const page = await context.newPage();
  await page.goto(`${srv.url}/evaluation`);
  const execution = page.getByTestId('stage-execution');
  await expect(execution.locator('[data-testid="stage-item"][data-kind="incident"]')).toHaveCount(1);
  await expect(execution.locator('[data-testid="stage-item"][data-kind="incident"]')).toContainText('Monitor PC-02 mati; peserta pindah ke PC cadangan.');
  await expect(execution.locator('[data-testid="stage-item"][data-kind="postponement"]')).toHaveCount(1);
  await expect(page.getByTestId('evaluation-total-postponed')).toHaveText('1');
  await expect(page.getByText('Kejadian di tempat lain yang tidak diawasi koordinator ini.')).toHaveCount(0);
  await expect(page.getByTestId('rank-venue').getByTestId('rank-row')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/board-5-evaluation.png`, fullPage: true });

  await page.getByTestId('evaluation-recommendations').fill('Siapkan PC cadangan yang sudah diuji di setiap ruang dan genset sebelum sesi dimulai.');
  await page.getByTestId('evaluation-ketua').getByTestId('member-name').fill('Koordinator Dua Lokasi');
  await page.getByTestId('evaluation-ketua').getByTestId('member-nip').fill(coordinator.nip);
  await page.getByTestId('evaluation-anggota').nth(0).getByTestId('member-name').fill('Anggota Tim Monev');
  await page.getByTestId('evaluation-issue-submit').click();
  await expect(page.getByTestId('evaluation-issued-number')).toHaveText(/^LAP-MONEV\/BKN\/\d{4}\/\d{4}$/);
  const pdf = await page.request.get(`${srv.url}${await page.getByTestId('evaluation-issued-pdf').getAttribute('href')}`);
  expect(pdf.status()).toBe(200);
  const bytes = await pdf.body();
  const code = (await page.getByTestId('evaluation-issued-verify').getAttribute('href'))!.split('/').at(-1)!;
  // the PDF as downloaded is the one issued, byte for byte (open, without signing in)
  const check = await fetch(`${srv.url}/api/verify/${code}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(bytes) });
  expect(await check.json()).toMatchObject({ ok: true, found: true, matches: true });
  await page.screenshot({ path: `${SHOTS}/board-6-evaluation-issued.png`, fullPage: true });
  await context.close();
});

test('a proctor and an agency operator do not get the board', async ({ browser }) => {
  for (const role of ['pengawas', 'operator_instansi'] as const) {
    const page = await signedInPage(browser, srv, role);
    await page.goto(`${srv.url}/`);
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link').first()).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Papan' })).toHaveCount(0);
    await page.goto(`${srv.url}/board`);
    await expect(page.getByRole('alert')).toContainText('Anda tidak berwenang membuka halaman ini.');
    await expect(page.getByTestId('board-venues')).toHaveCount(0);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Papan' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/board-4-${role}.png`, fullPage: true });
    await page.context().close();
  }
});
