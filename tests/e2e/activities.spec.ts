/**
 * Activities in the browser (Perban BKN 4/2024 Pasal 6 and 8–9): the koordinator plans an
 * assessment activity (pemetaan, at the test venue, over the coming two weeks), schedules two
 * sessions on valid dates, assigns a pengawas to its team, is refused a date only 2 working days
 * ahead — across a day off — with the reason in words, overrides it with a reason, and finds that
 * reason in the audit trail. Every screen is photographed at 1366×768 into /tmp/shots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, addWorkingDays, makeCalendar, weekday, workingDaysBetween, type DayOff } from '../../server/domain/working-days.ts';
import { api, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { signedInPage } from './fixtures.ts';

const SHOTS = '/tmp/shots';
let srv: TestServer;
let koordinator: Session;
let page: Page;
let activityUrl = '';

// the venue's calendar (WIB): national holidays, and a day off of the venue when none lies close by
const today = zonedDate(Date.now(), 'Asia/Jakarta');
let extra: DayOff[] = [];
const cal = () => makeCalendar(nationalHolidays, extra);
/** the date 2 working days ahead with a day off between: the 3rd working day after today on the calendar, whose first day off is skipped */
let near = '';
const OVERRIDE_REASON = 'Permintaan instansi pengguna, peserta sudah siap';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 100, writeMs: 200, webBuildDir: 'build' }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'scheduled', startsInMin: 600 }
  ]);
  koordinator = await srv.login('koordinator');
  // "across a day off": a national holiday among the next working days when there is one; otherwise
  // the venue's own day off (a local day, Pasal 9 counts working days on the venue's calendar) on
  // the next working day, added as the koordinator would
  const plain = makeCalendar(nationalHolidays);
  const third = addWorkingDays(plain, today, 3);
  let holidayBetween = false;
  for (let d = addDays(today, 1); d < third; d = addDays(d, 1)) if (plain.dayOff(d) && ![0, 6].includes(weekday(d))) holidayBetween = true;
  if (!holidayBetween) {
    const off = addWorkingDays(plain, today, 1);
    const r = await api(srv.url, koordinator, 'POST', '/days-off', { date: off, name: 'Hari jadi kota', kind: 'local', venueId: srv.seeded[0].venueId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    extra = [{ date: off, name: 'Hari jadi kota', kind: 'local' }];
  }
  near = addWorkingDays(cal(), today, 3);
  expect(workingDaysBetween(cal(), today, near)).toBe(2);
  expect(workingDaysBetween(plain, today, near)).toBe(3); // the day off is what makes it short
  page = await signedInPage(browser, srv, 'koordinator');
});
test.afterAll(async () => {
  await page?.context().close();
  await srv?.dispose();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test('the koordinator plans an activity: the list, its empty state, the form', async () => {
  await page.goto(`${srv.url}/`);
  await page.getByRole('link', { name: 'Kegiatan', exact: true }).click();
  await expect(page).toHaveURL(/\/activities$/);
  await expect(page.getByRole('heading', { name: 'Kegiatan penilaian' })).toBeVisible();
  await expect(page.getByTestId('activities-empty')).toContainText('Kegiatan baru');
  await shot('1-list-empty');

  await page.getByTestId('activity-new').click();
  await expect(page).toHaveURL(/\/activities\/new$/);
  // the server refuses ProASN outside 8 July–31 December 2026, in words next to the form
  await page.getByTestId('activity-purpose').selectOption('proasn');
  await page.getByTestId('activity-agency').fill('Instansi A');
  await page.getByTestId('activity-venue').selectOption(String(srv.seeded[0].venueId));
  await page.getByTestId('activity-from').fill('2027-01-04');
  await page.getByTestId('activity-to').fill('2027-01-08');
  await page.getByTestId('activity-save').click();
  await expect(page.getByTestId('activity-form-error')).toContainText('Kegiatan ProASN hanya dapat berlangsung Rabu 8 Juli 2026 sampai Kamis 31 Desember 2026');
  await shot('2-form-refused');

  await page.getByTestId('activity-purpose').selectOption('pemetaan');
  await page.getByTestId('activity-from').fill(today);
  await page.getByTestId('activity-to').fill(addDays(today, 14));
  await page.getByTestId('activity-participants').fill('40');
  await page.getByLabel('Ahli Pertama').check();
  await page.getByLabel('Ahli Muda').check();
  await page.getByTestId('activity-units').fill('Biro Umum; Biro SDM');
  await page.getByTestId('activity-facilities').fill('Ruang CAT 1, 6 PC klien dan 1 cadangan, proyektor');
  await page.getByTestId('activity-save').click();
  await expect(page).toHaveURL(/\/activities\/\d+$/);
  activityUrl = page.url();
  await expect(page.getByRole('heading', { name: 'Pemetaan pegawai dalam jabatan: Instansi A' })).toBeVisible();
  await expect(page.getByTestId('activity-plan')).toContainText('Ahli Muda, Ahli Pertama');

  // the plan is changed in a dialog on the activity's page; its venue stays
  await page.getByTestId('activity-edit').click();
  const dialog = page.getByTestId('activity-edit-dialog');
  await expect(dialog.getByTestId('activity-venue')).toBeDisabled();
  await dialog.getByTestId('activity-participants').fill('45');
  await shot('2b-edit');
  await dialog.getByTestId('activity-save').click();
  await expect(page.getByTestId('activity-notice')).toHaveText('✓ Rencana kegiatan disimpan.');
  await expect(page.getByTestId('activity-plan')).toContainText('45');
});

test('two sessions on valid dates (the second over the room’s PCs: a warning), and a pengawas on the team', async () => {
  const first = addWorkingDays(cal(), today, 4);
  const second = addWorkingDays(cal(), today, 5);
  await page.getByTestId('session-add').click();
  await page.getByTestId('session-room').selectOption(String(srv.seeded[0].roomId));
  await page.getByTestId('session-date').fill(first);
  await page.getByTestId('session-time').fill('08:00');
  await page.getByTestId('session-capacity').fill('5');
  await page.getByTestId('session-submit').click();
  await expect(page.getByTestId('sessions-notice')).toContainText('dijadwalkan');
  await expect(page.getByTestId('sessions-notice')).toContainText('08.00 WIB');

  await page.getByTestId('session-add').click();
  await page.getByTestId('session-room').selectOption(String(srv.seeded[0].roomId));
  await page.getByTestId('session-date').fill(second);
  await page.getByTestId('session-time').fill('13:00');
  await page.getByTestId('session-capacity').fill('50');
  await page.getByTestId('session-submit').click();
  await expect(page.getByTestId('sessions-warnings')).toContainText('Kapasitas 50 peserta melebihi');
  const rows = page.getByTestId('sessions-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('session-when')).toContainText('08.00 WIB');
  await expect(rows.nth(1).getByTestId('session-when')).toContainText('13.00 WIB');
  await expect(rows.nth(0).getByRole('link', { name: 'Ruang CAT 1' })).toHaveAttribute('href', `/rooms/${srv.seeded[0].roomId}`);

  const p = srv.accounts.pengawas;
  await page.getByTestId('team-user').selectOption(String(p.id));
  // the account's role suggests the team role
  await expect(page.getByTestId('team-role')).toHaveValue('pengawas');
  await page.getByTestId('team-assign-submit').click();
  await expect(page.getByTestId(`team-${p.nip}`)).toContainText('Pengawas');
  await shot('3-detail');
});

test('a date 2 working days ahead across a day off is refused in words; the koordinator schedules it anyway with a reason', async () => {
  await page.getByTestId('session-add').click();
  await page.getByTestId('session-room').selectOption(String(srv.seeded[0].roomId));
  await page.getByTestId('session-date').fill(near);
  await page.getByTestId('session-time').fill('09:00');
  await page.getByTestId('session-capacity').fill('5');
  await page.getByTestId('session-submit').click();
  const sentence = page.getByTestId('session-lead-text');
  await expect(sentence).toContainText('hanya 2 hari kerja setelah hari ini');
  await expect(sentence).toContainText('minimal 3 hari kerja (Perban BKN 4/2024 Pasal 9 ayat (5) huruf b)');
  await expect(page.getByTestId('session-override')).toBeVisible();

  // a reason too short is caught here, and the session is not planned
  await page.getByTestId('session-override-reason').fill('cepat');
  await page.getByTestId('session-override').click();
  await expect(page.getByTestId('session-reason-error')).toContainText('minimal 10 karakter');
  await shot('4-lead-refused');

  await page.getByTestId('session-override-reason').fill(OVERRIDE_REASON);
  await page.getByTestId('session-override').click();
  await expect(page.getByTestId('sessions-notice')).toContainText('pengecualian batas waktu');
  await expect(page.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('sessions-table')).toContainText('09.00 WIB');
  await shot('5-overridden');
});

test('a session is rescheduled and another cancelled, each with a reason', async () => {
  const rows = page.getByTestId('sessions-table').locator('tbody tr');
  const later = addWorkingDays(cal(), today, 6);
  await rows.last().getByTestId('session-reschedule').click();
  await expect(page.getByTestId('reschedule-dialog')).toBeVisible();
  await page.getByTestId('reschedule-date').fill(later);
  await page.getByTestId('reschedule-time').fill('10:30');
  await page.getByTestId('reschedule-reason').fill('Ruang dipakai rapat');
  await shot('6-reschedule');
  await page.getByTestId('reschedule-submit').click();
  await expect(page.getByTestId('sessions-notice')).toContainText('10.30 WIB');

  await rows.first().getByTestId('session-cancel').click();
  await page.getByTestId('cancel-reason').fill('Instansi menunda');
  await page.getByTestId('cancel-submit').click();
  await expect(page.getByTestId('sessions-notice')).toContainText('dibatalkan');
  await expect(page.locator('[data-state="cancelled"]').getByTestId('session-state')).toHaveText('dibatalkan');
  await shot('7-cancelled');

  // the filters are in the address: a reload keeps them
  await page.goto(`${srv.url}/activities?purpose=pemetaan&from=${today}`);
  await page.reload();
  await expect(page.getByTestId('filter-purpose')).toHaveValue('pemetaan');
  await expect(page.getByTestId('activities-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('activities-table')).toContainText('WIB');
  await shot('8-list');
  await page.goto(`${srv.url}/activities?purpose=proasn`);
  await expect(page.getByTestId('activities-empty')).toContainText('Tidak ada kegiatan yang cocok');
  expect(activityUrl).toMatch(/\/activities\/\d+$/);
});

test('in English, and read-only for the assigned pengawas', async ({ browser }) => {
  await page.goto(activityUrl);
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Mapping employees in their positions: Instansi A' })).toBeVisible();
  await expect(page.getByTestId('sessions-table')).toContainText('10:30 WIB');
  await expect(page.locator('[data-state="cancelled"]').getByTestId('session-state')).toHaveText('cancelled');
  await shot('10-detail-en');
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { name: 'Pemetaan pegawai dalam jabatan: Instansi A' })).toBeVisible();

  // the pengawas on the team reads the activity; planning is the koordinator's
  const pengawas = await signedInPage(browser, srv, 'pengawas');
  await pengawas.goto(activityUrl);
  await expect(pengawas.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(3);
  await expect(pengawas.getByTestId('team-table')).toContainText('Pengawas Ruang (demo)');
  await expect(pengawas.getByTestId('session-add')).toHaveCount(0);
  await expect(pengawas.getByTestId('session-reschedule')).toHaveCount(0);
  await expect(pengawas.getByTestId('team-assign')).toHaveCount(0);
  await expect(pengawas.getByTestId('activity-edit')).toHaveCount(0);
  await pengawas.context().close();
});

test('the audit trail shows the override and its reason', async () => {
  const r = await api(srv.url, koordinator, 'GET', '/audit?action=session.planned');
  expect(r.status).toBe(200);
  const overridden = (r.body.rows as { after: Record<string, unknown> | null }[]).map((x) => x.after ?? {}).filter((a) => a.overrideReason);
  expect(overridden).toEqual([expect.objectContaining({ overrideReason: OVERRIDE_REASON, workingDays: 2, minWorkingDays: 3 })]);

  await page.goto(`${srv.url}/audit`);
  await expect(page.getByTestId('audit-table')).toContainText(OVERRIDE_REASON);
  await shot('9-audit');
});
