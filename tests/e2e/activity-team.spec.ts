/**
 * An activity's team and its participants in the browser (Perban BKN 4/2024 Pasal 6 and 8 ayat
 * (3); SE BKN 6/2026 angka 5 huruf i.2.d):
 * - a pengawas from elsewhere (no venue scope) sees no room until the koordinator assigns them to
 *   the activity's team on its page; then the room list shows exactly the activity's room, with
 *   today's session, and that room opens; the venue's other room stays out of sight;
 * - in a ProASN activity the koordinator lets a session inside the registration lead time take
 *   participants, with a reason (a short one is caught), and the session says so;
 * - the agency's operator sees the activity and its sessions, on its page and on the agenda, and
 *   imports one participant file for it: a bad row is named, sessions still inside the lead time
 *   are the refusal in words, and then the file is spread over the sessions (a table of how many
 *   went where), and the session's registration page lists them.
 * Every screen is photographed at 1366×768 into /tmp/shots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoNip } from '../../demo/seed.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, makeCalendar, PROASN_WINDOW, weekday, workingDaysBetween } from '../../server/domain/working-days.ts';
import { api, loginAs, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;
let admin: Session, koordinator: Session;
let koor: Page, visitorPage: Page;
let roomR1 = 0, roomR2 = 0, venueT = 0;
let activityId = 0;
/** today's session (inside every lead time: planned with the koordinator's override) and one two days on */
let today1 = { id: 0, code: '' }, later = { id: 0, code: '' };
const visitor = { id: 0, nip: demoNip(77001), name: 'Pengawas Tamu', password: 'Pengawas-Tamu-2026' };

const today = zonedDate(Date.now(), 'Asia/Jakarta');
const laterDate = addDays(today, 2);
// ProASN runs only from 8 July to 31 December 2026 (SE BKN 6/2026 angka 5 huruf e.1): after it the
// walk is made with a pemetaan activity, which has no registration lead time to make an exception to
const proasn = laterDate <= PROASN_WINDOW.to;
const SCOPE_REASON = 'Sesi hari ini untuk uji penugasan tim';
const LATE_REASON = 'Instansi baru menerima nama peserta dari biro SDM';

const csv = (rows: [number, string, string, string][]) =>
  'nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta\r\n' +
  rows.map(([n, nama, instansi, nomor]) => `${demoNip(n)},${nama},Analis,Ahli Pertama,Biro Umum,${instansi},${nomor}`).join('\r\n') + '\r\n';
const PEOPLE: [number, string, string, string][] = [
  [82001, 'Peserta Satu', 'Instansi A', 'AT-01'],
  [82002, 'Peserta Dua', 'Instansi A', 'AT-02'],
  [82003, 'Peserta Tiga', 'Instansi A', 'AT-03'],
  [82004, 'Peserta Empat', 'Instansi A', 'AT-04']
];
const file = (body: string) => ({ name: 'peserta-kegiatan.csv', mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') });
/** the Monday of a date's week (the agenda shows Monday–Sunday) */
const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));

test.describe.configure({ mode: 'serial' });

async function pageAs(browser: Browser, s: Session): Promise<Page> {
  const context = await browser.newContext();
  const eq = s.cookie.indexOf('=');
  await context.addCookies([{ name: s.cookie.slice(0, eq), value: s.cookie.slice(eq + 1), url: srv.url }]);
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 3, session: null },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 3, session: null }
  ]);
  [roomR1, roomR2] = srv.venues[0].roomIds;
  venueT = srv.seeded[0].venueId;
  [admin, koordinator] = await Promise.all([srv.login('admin'), srv.login('koordinator')]);

  // a visiting pengawas: the role, and no venue in scope
  const made = await api(srv.url, admin, 'POST', '/users', { nip: visitor.nip, name: visitor.name, roles: ['pengawas'], scopes: [], password: visitor.password });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  visitor.id = made.body.user.id;

  // the plan and its two sessions, both in room R2; room R1 is not the activity's
  const a = await api(srv.url, koordinator, 'POST', '/activities', {
    purpose: proasn ? 'proasn' : 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: today, dateTo: proasn ? PROASN_WINDOW.to : addDays(today, 14), plannedParticipants: 5
  });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  activityId = a.body.activity.id;
  const plan = async (date: string, time: string, capacity: number, name: string) => {
    const r = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: roomR2, date, time, capacity, name, overrideReason: SCOPE_REASON });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.session.id as number, code: r.body.session.code as string };
  };
  today1 = await plan(today, '23:50', 2, 'Sesi Hari Ini');
  later = await plan(laterDate, '08:00', 3, 'Sesi Lusa');
  // both inside the ProASN registration lead time (5 working days)
  expect(workingDaysBetween(makeCalendar(nationalHolidays), today, laterDate)).toBeLessThan(5);

  koor = await signedInPage(browser, srv, 'koordinator');
  visitorPage = await pageAs(browser, await loginAs(srv.url, visitor.nip, visitor.password));
});
test.afterAll(async () => {
  await koor?.context().close();
  await visitorPage?.context().close();
  await srv?.dispose();
});

const shot = (p: Page, name: string) => p.screenshot({ path: `${SHOTS}/team-${name}.png`, fullPage: true });

test('before assignment, the visiting pengawas sees no room', async () => {
  await visitorPage.goto(`${srv.url}/`);
  await expect(visitorPage.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(visitorPage.getByText('Belum ada tempat penyelenggaraan.')).toBeVisible();
  await expect(visitorPage.locator('[data-testid^="room-card-"]')).toHaveCount(0);
  // the room itself is refused, not only left off the list
  expect((await api(srv.url, await loginAs(srv.url, visitor.nip, visitor.password), 'GET', `/rooms/${roomR2}/participants`)).status).toBe(403);
  await shot(visitorPage, '1-rooms-before');
});

test('the koordinator assigns them on the activity\'s page; they then see exactly the activity\'s room, and it opens', async () => {
  await koor.goto(`${srv.url}/activities/${activityId}`);
  await expect(koor.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(2);
  await koor.getByTestId('team-user').selectOption(String(visitor.id));
  await expect(koor.getByTestId('team-role')).toHaveValue('pengawas');
  await koor.getByTestId('team-assign-submit').click();
  await expect(koor.getByTestId(`team-${visitor.nip}`)).toContainText('Pengawas');
  await expect(koor.getByTestId(`team-${visitor.nip}`)).toContainText(visitor.name);

  await visitorPage.goto(`${srv.url}/`);
  await expect(visitorPage.getByTestId('room-card-R2')).toBeVisible();
  await expect(visitorPage.locator('[data-testid^="room-card-"]')).toHaveCount(1);
  await expect(visitorPage.getByTestId('room-card-R1')).toHaveCount(0);
  await expect(visitorPage.getByTestId('room-today-R2')).toContainText('Sesi Hari Ini');
  await expect(visitorPage.getByTestId('room-today-R2')).toContainText('23.50');
  await shot(visitorPage, '2-rooms-assigned');

  await visitorPage.getByTestId('room-link-R2').click();
  await expect(visitorPage).toHaveURL(new RegExp(`/rooms/${roomR2}$`));
  await expect(visitorPage.getByRole('heading', { name: /Ruang CAT 2/ })).toBeVisible();
  await expect(visitorPage.getByText('Ruang tidak dapat dibuka')).toHaveCount(0);
  await shot(visitorPage, '3-room-opens');
  // the other room of the venue stays closed to them
  await visitorPage.goto(`${srv.url}/rooms/${roomR1}`);
  await expect(visitorPage.getByText('Ruang tidak dapat dibuka')).toBeVisible();
  await shot(visitorPage, '3b-other-room-refused');
});

test('the koordinator allows late registration on today\'s ProASN session, with a reason (none is offered where no lead time applies)', async () => {
  await koor.goto(`${srv.url}/activities/${activityId}`);
  const row = koor.getByTestId(`session-${today1.code}`);
  await expect(row.getByTestId('session-late')).toHaveCount(0);
  if (!proasn) {
    // after the ProASN programme (SE BKN 6/2026 angka 5 huruf e.1) the walk's activity is a mapping
    // one: its registration has no lead time, so no exception is offered for it
    await expect(row.getByTestId('session-late-open')).toHaveCount(0);
    return;
  }
  await row.getByTestId('session-late-open').click();
  const dialog = koor.getByTestId('late-dialog');
  await expect(dialog).toContainText('Pendaftaran peserta ProASN paling lambat 5 hari kerja sebelum pelaksanaan (SE BKN 6/2026 angka 5 huruf i.2.d)');
  await dialog.getByTestId('late-reason').fill('cepat');
  await dialog.getByTestId('late-submit').click();
  await expect(dialog.getByTestId('late-reason-error')).toContainText('minimal 10 karakter');
  await shot(koor, '4-late-dialog');

  await dialog.getByTestId('late-reason').fill(LATE_REASON);
  await dialog.getByTestId('late-submit').click();
  await expect(dialog).toBeHidden();
  await expect(koor.getByTestId('sessions-notice')).toContainText('Pendaftaran terlambat diizinkan untuk Sesi Hari Ini');
  await expect(row.getByTestId('session-late')).toHaveText(`Pendaftaran terlambat diizinkan: ${LATE_REASON}`);
  await expect(row.getByTestId('session-late-open')).toHaveCount(0);
  // the other session still waits for its own exception
  await expect(koor.getByTestId(`session-${later.code}`).getByTestId('session-late-open')).toBeVisible();
  await shot(koor, '5-late-allowed');

  // kept: a reload reads it from the server
  await koor.reload();
  await expect(koor.getByTestId(`session-${today1.code}`).getByTestId('session-late')).toContainText(LATE_REASON);
  const audit = await api(srv.url, koordinator, 'GET', '/audit?action=session.late_registration_allowed');
  expect(audit.status).toBe(200);
  expect(audit.body.rows).toEqual([expect.objectContaining({ after: expect.objectContaining({ overrideReason: LATE_REASON }) })]);
});

test('the agency operator sees the activity and its sessions, on its page and on the agenda, and imports one file for it', async ({ browser }) => {
  const op = await signedInPage(browser, srv, 'operator_instansi');
  try {
    await op.goto(`${srv.url}/activities`);
    await expect(op.getByTestId('activities-table').locator('tbody tr')).toHaveCount(1);
    await op.getByTestId('activities-table').locator('tbody tr a').first().click();
    await expect(op).toHaveURL(new RegExp(`/activities/${activityId}$`));
    await expect(op.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(2);
    await expect(op.getByTestId(`session-${today1.code}`)).toContainText('Sesi Hari Ini');
    await expect(op.getByTestId(`session-${later.code}`)).toContainText('08.00 WIB');
    // reading, not planning: no session controls, not the koordinator's exception
    await expect(op.getByTestId('session-add')).toHaveCount(0);
    await expect(op.getByTestId('session-late-open')).toHaveCount(0);
    const panel = op.getByTestId('activity-import');
    await expect(panel.getByRole('heading', { name: 'Impor peserta kegiatan' })).toBeVisible();
    await expect(panel.getByTestId('activity-import-template')).toHaveAttribute('href', `/api/sessions/${today1.id}/participants/template.csv`);

    // the agenda: today's session in this week, the later one in its week
    await op.goto(`${srv.url}/agenda?venueId=${venueT}`);
    await expect(op.getByTestId(`agenda-session-${today1.id}`)).toBeVisible();
    await shot(op, '6-agenda-operator');
    if (mondayOf(laterDate) !== mondayOf(today)) await op.goto(`${srv.url}/agenda?venueId=${venueT}&from=${mondayOf(laterDate)}`);
    await expect(op.getByTestId(`agenda-session-${later.id}`)).toBeVisible();

    await op.goto(`${srv.url}/activities/${activityId}`);
    // a row of another agency is named, and nothing is imported
    await panel.getByTestId('activity-import-file').setInputFiles(file(csv([PEOPLE[0], [82009, 'Peserta Lain', 'Instansi B', 'AT-09']])));
    await panel.getByTestId('activity-import-submit').click();
    await expect(panel.getByTestId('activity-import-refused')).toContainText('Tidak ada yang diimpor');
    await expect(panel.getByTestId('activity-import-errors').locator('tbody tr')).toHaveCount(1);
    await expect(panel.getByTestId('activity-import-errors')).toContainText('instansi');
    await shot(op, '7-import-row-error');

    if (proasn) {
      // today's session takes two (the koordinator's exception); the later one is still inside the lead time
      await panel.getByTestId('activity-import-file').setInputFiles(file(csv(PEOPLE)));
      await panel.getByTestId('activity-import-submit').click();
      await expect(panel.getByTestId('activity-import-refused')).toContainText('5 hari kerja');
      await expect(panel.getByTestId('activity-import-errors')).toHaveCount(0);
      await shot(op, '8-import-lead-refused');
      const r = await api(srv.url, koordinator, 'POST', `/sessions/${later.id}/late-registration`, { reason: LATE_REASON });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await op.reload();
    }

    await panel.getByTestId('activity-import-file').setInputFiles(file(csv(PEOPLE)));
    await panel.getByTestId('activity-import-submit').click();
    await expect(panel.getByTestId('activity-import-done')).toHaveText('✓ Berhasil: 4 baru, 0 diperbarui.');
    const result = panel.getByTestId('activity-import-result');
    await expect(result.locator('tbody tr')).toHaveCount(2);
    await expect(result.getByTestId(`import-to-${today1.code}`).getByTestId('import-added')).toHaveText('+2');
    await expect(result.getByTestId(`import-to-${today1.code}`).getByTestId('import-total')).toHaveText('2 dari 2');
    await expect(result.getByTestId(`import-to-${later.code}`).getByTestId('import-added')).toHaveText('+2');
    await expect(result.getByTestId(`import-to-${later.code}`).getByTestId('import-total')).toHaveText('2 dari 3');
    await expect(result.getByTestId(`import-to-${later.code}`)).toContainText('Sesi Lusa');
    await shot(op, '9-import-done');

    // the later session's registration page lists the two placed there, and only them
    await op.goto(`${srv.url}/rooms/${roomR2}/registration?session=${later.id}`);
    await expect(op.getByTestId('registration-session')).toContainText('Sesi Lusa');
    for (const [n] of PEOPLE.slice(2)) await expect(op.getByTestId(`att-${demoNip(n)}`)).toBeVisible();
    for (const [n] of PEOPLE.slice(0, 2)) await expect(op.getByTestId(`att-${demoNip(n)}`)).toHaveCount(0);
    await shot(op, '10-registration');

    // the session's own import keeps the activity's rule: someone already in its other session is a row error
    await op.getByText('Impor daftar peserta').click();
    await op.getByTestId('import-file').setInputFiles(file(csv([PEOPLE[0]])));
    await op.getByTestId('import-submit').click();
    await expect(op.getByTestId('import-refused')).toContainText('Tidak ada yang diimpor. Perbaiki 1 kesalahan');
    await expect(op.getByTestId('import-errors').locator('tbody tr')).toHaveCount(1);
    await expect(op.getByTestId('import-errors')).toContainText(today1.code);
    await shot(op, '10b-session-import-refused');
  } finally {
    await op.context().close();
  }
});

test('in English, the panel and the exception read in English', async () => {
  await koor.goto(`${srv.url}/activities/${activityId}`);
  await koor.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  // the koordinator registers nobody: no import panel for them
  await expect(koor.getByTestId('activity-import')).toHaveCount(0);
  if (proasn) await expect(koor.getByTestId(`session-${today1.code}`).getByTestId('session-late')).toHaveText(`Late registration allowed: ${LATE_REASON}`);
  await shot(koor, '11-detail-en');
  await koor.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
  await expect(koor.getByRole('button', { name: 'Ganti bahasa ke English' })).toBeVisible();
});
