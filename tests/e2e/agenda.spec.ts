/**
 * The agenda in the browser, as the koordinator: this week's seeded sessions of the venue (one
 * running, one scheduled later today) in their rooms' rows with their time range in WIB; the next
 * week holds the session planned there and not this week's; back to this week; the week downloaded
 * as CSV, whose header and a row are read back. Screenshots at 1366 × 768 go to /tmp/shots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { eq } from 'drizzle-orm';
import { venues } from '../../db/schema.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addWorkingDays, makeCalendar } from '../../server/domain/working-days.ts';
import { mondayOf, plusDays } from '../../protocol/schedule.ts';
import { EXPORT_COLUMNS } from '../../server/activity/schedule.service.ts';
import { api, roomSessionId, startTestServer, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;
let running = 0;
let later = 0;
let planned = 0;
let nextMonday = '';
let thisMonday = '';
/** a session at 08:00 WITA in venue U (Makassar), 10 working days ahead */
let wita = 0;
let witaDate = '';

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'scheduled', startsInMin: 90 }
  ], { otherVenue: true });
  const admin = await srv.login('admin');
  const koordinator = await srv.login('koordinator');
  const [r1, r2] = [...new Set(srv.seeded.map((s) => s.roomId))];
  running = await roomSessionId(srv.url, admin, r1);
  later = await roomSessionId(srv.url, admin, r2);
  const today = zonedDate(Date.now(), 'Asia/Jakarta');
  thisMonday = mondayOf(today);
  nextMonday = plusDays(thisMonday, 7);
  // a session on Wednesday next week, planned by the koordinator (inside the lead time: with the override's reason)
  const a = await api(srv.url, koordinator, 'POST', '/activities', {
    purpose: 'pemetaan', agency: 'Instansi A', venueId: srv.seeded[0].venueId, dateFrom: today, dateTo: plusDays(nextMonday, 6)
  });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  const s = await api(srv.url, koordinator, 'POST', `/activities/${a.body.activity.id}/sessions`, {
    roomId: r1, date: plusDays(nextMonday, 2), time: '08:00', capacity: 3, name: 'Pemetaan gelombang 1', overrideReason: 'Permintaan instansi, peserta sudah siap'
  });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  planned = s.body.session.id;
  // a local day off on Tuesday next week: its column is shaded and named
  const off = await api(srv.url, koordinator, 'POST', '/days-off', { date: plusDays(nextMonday, 1), name: 'Hari jadi kota', kind: 'local', venueId: srv.seeded[0].venueId });
  expect(off.status, JSON.stringify(off.body)).toBe(201);
  // venue U is in Makassar (WITA); the admin plans a session there at 08:00 on its clock
  const venueU = srv.other[0].venueId;
  srv.db.update(venues).set({ timeZone: 'Asia/Makassar' }).where(eq(venues.id, venueU)).run();
  witaDate = addWorkingDays(makeCalendar(nationalHolidays), today, 10);
  const au = await api(srv.url, admin, 'POST', '/activities', { purpose: 'pengisian_jabatan', agency: 'Instansi B', venueId: venueU, dateFrom: today, dateTo: plusDays(today, 40) });
  expect(au.status, JSON.stringify(au.body)).toBe(201);
  const su = await api(srv.url, admin, 'POST', `/activities/${au.body.activity.id}/sessions`, { roomId: srv.other[0].roomId, date: witaDate, time: '08:00', capacity: 2 });
  expect(su.status, JSON.stringify(su.body)).toBe(201);
  wita = su.body.session.id;
});
test.afterAll(async () => {
  await srv?.dispose();
});

test('the koordinator reads the week, moves to the next and back, and downloads it as CSV', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'koordinator');
  await page.goto(`${srv.url}/`);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Agenda' }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByRole('heading', { name: 'Agenda sesi' })).toBeVisible();

  // this week: both seeded sessions, in their rooms' rows, with their time range in WIB
  const grid = page.getByTestId('agenda-grid');
  await expect(grid).toBeVisible();
  const run = page.getByTestId(`agenda-session-${running}`);
  await expect(run).toBeVisible();
  await expect(run).toContainText(/\d{2}\.\d{2}–\d{2}\.\d{2} WIB/);
  await expect(run).toContainText('berjalan');
  await expect(page.getByTestId(`agenda-session-${later}`)).toContainText('terjadwal');
  await expect(page.getByTestId(`agenda-session-${planned}`)).toHaveCount(0);
  await expect(page.getByTestId(`agenda-day-${thisMonday}`)).toContainText('Senin');
  await expect(page.getByTestId(`agenda-day-${zonedDate(Date.now(), 'Asia/Jakarta')}`)).toHaveAttribute('aria-current', 'date');
  // the koordinator's region has one venue: the other one is not offered
  await expect(page.getByTestId('agenda-venue').locator('option')).toHaveText(['Venue Uji (WIB)']);
  await expect(page.getByTestId('agenda-range')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/agenda-this-week.png` });

  // the next week: the planned session, with its activity, and not this week's
  await page.getByTestId('agenda-next').click();
  await expect(page).toHaveURL(new RegExp(`from=${nextMonday}`));
  const next = page.getByTestId(`agenda-session-${planned}`);
  await expect(next).toBeVisible();
  await expect(next).toContainText('08.00–11.00 WIB');
  await expect(next).toContainText('Pemetaan gelombang 1');
  await expect(next).toContainText('0/3 peserta');
  await expect(next.getByRole('link', { name: /Buka kegiatan/ })).toHaveAttribute('href', /^\/activities\/\d+$/);
  await expect(page.getByTestId(`agenda-session-${running}`)).toHaveCount(0);
  await expect(page.getByTestId(`agenda-day-${plusDays(nextMonday, 1)}`)).toContainText('Hari jadi kota');
  await page.screenshot({ path: `${SHOTS}/agenda-next-week.png` });

  // back to this week, and the week as a CSV file
  await page.getByTestId('agenda-this-week').click();
  await expect(page.getByTestId(`agenda-session-${running}`)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agenda-csv').click()]);
  expect(download.suggestedFilename()).toBe(`jadwal-${thisMonday}-${plusDays(thisMonday, 6)}.csv`);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe(EXPORT_COLUMNS.join(';'));
  const row = lines.find((l) => l.includes('berjalan'))!;
  expect(row).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2};\\d{2}\\.\\d{2};\\d{2}\\.\\d{2};WIB;Venue Uji;Ruang CAT 1;[^;]+;[^;]+;berjalan;;;`));
  // the room link of a block leads to its room
  await run.getByRole('link', { name: /Buka ruang Ruang CAT 1/ }).click();
  await expect(page).toHaveURL(/\/rooms\/\d+$/);
});

test('in English, and at a larger text size, the grid still reads', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'koordinator');
  await page.goto(`${srv.url}/agenda?from=${nextMonday}`);
  await page.getByRole('button', { name: /Ganti bahasa ke English/ }).click();
  await expect(page.getByRole('heading', { name: 'Session schedule' })).toBeVisible();
  await expect(page.getByTestId(`agenda-session-${planned}`)).toContainText('08:00–11:00 WIB');
  await expect(page.getByTestId(`agenda-day-${nextMonday}`)).toContainText('Monday');
  await expect(page.getByTestId('agenda-count')).toHaveText('Sessions: 1');
  await page.screenshot({ path: `${SHOTS}/agenda-en.png` });
  await page.getByRole('button', { name: 'Large text size (projector)' }).click();
  await expect(page.getByTestId(`agenda-session-${planned}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/agenda-en-large.png` });
});

test('the admin picks a venue in Makassar: its session reads 08.00–11.00 WITA, on its own clock', async ({ browser }) => {
  const page = await signedInPage(browser, srv, 'admin');
  await page.goto(`${srv.url}/agenda?venueId=${srv.seeded[0].venueId}&from=${mondayOf(witaDate)}`);
  await expect(page.getByText('Semua jam dalam waktu WIB')).toBeVisible();
  await page.getByTestId('agenda-venue').selectOption({ label: 'Venue Lain (WITA)' });
  await expect(page).toHaveURL(new RegExp(`venueId=${srv.other[0].venueId}&from=${mondayOf(witaDate)}`));
  const block = page.getByTestId(`agenda-session-${wita}`);
  await expect(block).toContainText('08.00–11.00 WITA');
  await expect(block).toContainText('Pengisian jabatan · Instansi B');
  await expect(page.getByText('Semua jam dalam waktu WITA')).toBeVisible();
  await expect(page.getByTestId('agenda-xlsx')).toHaveAttribute('href', new RegExp(`^/api/schedule/export\\?format=xlsx&venueId=\\d+&from=${mondayOf(witaDate)}&to=${plusDays(mondayOf(witaDate), 6)}$`));
  await page.screenshot({ path: `${SHOTS}/agenda-wita.png` });
});
