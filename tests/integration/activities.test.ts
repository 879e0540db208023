/**
 * Activities and their schedule over HTTP (Perban BKN 4/2024 Pasal 8–9): a koordinator plans an
 * activity with two sessions and assigns a pengawas; a date inside the lead time (across a day
 * off) is refused with the reason in words; the koordinator's override with a reason is accepted
 * and audited, anyone else's is refused; a started session is never moved; who sees which activity.
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, daysOff } from '../../db/schema.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, addWorkingDays, makeCalendar, workingDaysBetween } from '../../server/domain/working-days.ts';
import { api, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let koordinator: Session, pengawas: Session, admin: Session, operator: Session;
let roomT: number;
let venueT: number;
let venueU: number;
const today = () => zonedDate(Date.now(), 'Asia/Jakarta');

beforeAll(async () => {
  srv = await startTestServer({}, undefined, { otherVenue: true });
  roomT = srv.seeded[0].roomId;
  venueT = srv.seeded[0].venueId;
  venueU = srv.other[0].venueId;
  [koordinator, pengawas, admin, operator] = await Promise.all(['koordinator', 'pengawas', 'admin', 'operator_instansi'].map((r) => srv.login(r as never)));
});
afterAll(async () => {
  await srv?.dispose();
});

const lastAudit = (action: string) =>
  srv.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1).get();

describe('an activity with its sessions and team', () => {
  let activityId = 0;
  /** a date well outside the lead time */
  let far = '';

  it('the koordinator plans it, schedules two sessions in the venue zone and assigns a pengawas', async () => {
    const t = today();
    far = addWorkingDays(makeCalendar(nationalHolidays), t, 10);
    const a = await api(srv.url, koordinator, 'POST', '/activities', {
      purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: t, dateTo: addDays(t, 45),
      plannedParticipants: 12, jobLevels: ['Ahli Pertama', 'Ahli Muda'], units: 'Biro Umum', facilities: 'Proyektor, 2 PC cadangan'
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    activityId = a.body.activity.id;
    expect(a.body.activity).toMatchObject({ purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, timeZone: 'Asia/Jakarta', method: 'CACT', jobLevels: ['Ahli Pertama', 'Ahli Muda'] });
    expect(lastAudit('activity.created')).toMatchObject({ targetType: 'activity', targetId: String(activityId), venueId: venueT });

    const s1 = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: roomT, date: far, time: '08:00', capacity: 5 });
    expect(s1.status, JSON.stringify(s1.body)).toBe(201);
    expect(s1.body).toMatchObject({ overridden: false, warnings: [], session: { date: far, time: '08:00', timeZone: 'Asia/Jakarta', durationMin: 180, capacity: 5, state: 'scheduled' } });
    // 08:00 WIB is 01:00 UTC
    expect(new Date(s1.body.session.scheduledAt).toISOString()).toBe(`${far}T01:00:00.000Z`);
    // more participants than the room's enrolled PCs: planned, with a warning
    const s2 = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: roomT, date: far, time: '13:00', durationMin: 120, capacity: 50 });
    expect(s2.status, JSON.stringify(s2.body)).toBe(201);
    expect(s2.body.warnings).toEqual([{ code: 'activity.capacityOver', params: expect.objectContaining({ capacity: 50 }) }]);
    expect(lastAudit('session.planned')).toMatchObject({ targetType: 'session', targetId: String(s2.body.session.id) });

    const team = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/team`, { userId: srv.accounts.pengawas.id, teamRole: 'pengawas' });
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    expect(team.body.team).toEqual([expect.objectContaining({ userId: srv.accounts.pengawas.id, teamRole: 'pengawas' })]);

    const got = await api(srv.url, pengawas, 'GET', `/activities/${activityId}`);
    expect(got.status).toBe(200);
    expect(got.body.sessions.map((s: { time: string }) => s.time)).toEqual(['08:00', '13:00']);
    expect(got.body.team).toHaveLength(1);
    // the agency's operator sees its agency's activity
    const mine = await api(srv.url, operator, 'GET', '/activities');
    expect(mine.body.activities.map((x: { id: number }) => x.id)).toContain(activityId);
  });

  it('refuses a date 2 working days ahead across a day off, in words; the koordinator may override with a reason', async () => {
    const t = today();
    // a local day off on the next working day: the refused date lies across it
    const plain = makeCalendar(nationalHolidays);
    const off = addWorkingDays(plain, t, 1);
    srv.db.insert(daysOff).values({ date: off, name: 'Hari jadi kota', kind: 'local', venueId: venueT }).run();
    const cal = makeCalendar(nationalHolidays, [{ date: off, name: 'Hari jadi kota', kind: 'local' }]);
    const near = addWorkingDays(cal, t, 3);
    expect(workingDaysBetween(cal, t, near)).toBe(2);
    expect(workingDaysBetween(plain, t, near)).toBe(3); // without the day off it would pass

    const body = { roomId: roomT, date: near, time: '09:00', capacity: 5 };
    const refused = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, body);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT', messageCode: 'activity.leadTimeShort',
      params: { date: near, today: t, workingDays: 2, min: 3, article: 'Perban BKN 4/2024 Pasal 9 ayat (5) huruf b' }
    });
    expect(refused.body.pesan).toMatch(/hanya 2 hari kerja setelah hari ini .*; minimal 3 hari kerja \(Perban BKN 4\/2024 Pasal 9 ayat \(5\) huruf b\)/);

    // a pengawas does not plan sessions at all; an admin plans but may not override the lead time
    expect((await api(srv.url, pengawas, 'POST', `/activities/${activityId}/sessions`, { ...body, overrideReason: 'Permintaan instansi pengguna' })).status).toBe(403);
    const byAdmin = await api(srv.url, admin, 'POST', `/activities/${activityId}/sessions`, { ...body, overrideReason: 'Permintaan instansi pengguna' });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.messageCode).toBe('activity.overrideRole');
    const noReason = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { ...body, overrideReason: 'cepat' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.messageCode).toBe('activity.overrideReason');

    const ok = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { ...body, overrideReason: 'Permintaan instansi pengguna, peserta siap' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.overridden).toBe(true);
    const row = lastAudit('session.planned')!;
    expect(row.targetId).toBe(String(ok.body.session.id));
    expect(row.actorRole).toContain('koordinator');
    expect(JSON.parse(row.afterJson!)).toMatchObject({ overrideReason: 'Permintaan instansi pengguna, peserta siap', workingDays: 2, minWorkingDays: 3, activityId });
  });

  it('reschedules a session that has not started, with a reason (audited); a started session is never moved', async () => {
    const detail = await api(srv.url, koordinator, 'GET', `/activities/${activityId}`);
    const first = detail.body.sessions[0];
    const moved = await api(srv.url, koordinator, 'POST', `/sessions/${first.id}/reschedule`, { date: far, time: '10:30', reason: 'Ruang dipakai rapat' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.session).toMatchObject({ date: far, time: '10:30' });
    const row = lastAudit('session.rescheduled')!;
    expect(JSON.parse(row.beforeJson!)).toEqual({ scheduledAt: first.scheduledAt });
    expect(JSON.parse(row.afterJson!)).toMatchObject({ scheduledAt: moved.body.session.scheduledAt, reason: 'Ruang dipakai rapat' });

    const running = await roomSessionId(srv.url, admin, roomT);
    const r = await api(srv.url, koordinator, 'POST', `/sessions/${running}/reschedule`, { date: far, time: '10:30', reason: 'Dipindah' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'INVALID_STATE', messageCode: 'activity.sessionStarted', params: { state: 'running' } });
    const notCancelled = await api(srv.url, koordinator, 'POST', `/sessions/${running}/cancel`, { reason: 'Dibatalkan' });
    expect(notCancelled.status).toBe(409);
    expect(notCancelled.body.messageCode).toBe('activity.sessionStarted');
  });

  it('cancels a session that has not started, with a reason (audited); a cancelled session is not moved again', async () => {
    const detail = await api(srv.url, koordinator, 'GET', `/activities/${activityId}`);
    const second = detail.body.sessions[1];
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${second.id}/cancel`, { reason: 'Instansi membatalkan' })).status).toBe(403);
    const c = await api(srv.url, koordinator, 'POST', `/sessions/${second.id}/cancel`, { reason: 'Instansi membatalkan' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.session.state).toBe('cancelled');
    const row = lastAudit('session.cancelled')!;
    expect(row.targetId).toBe(String(second.id));
    expect(JSON.parse(row.afterJson!)).toEqual({ state: 'cancelled', reason: 'Instansi membatalkan' });
    const again = await api(srv.url, koordinator, 'POST', `/sessions/${second.id}/reschedule`, { date: far, time: '10:30', reason: 'Coba lagi' });
    expect(again.status).toBe(409);
    expect(again.body.params).toEqual({ state: 'cancelled' });
    expect((await api(srv.url, koordinator, 'GET', `/sessions/${second.id}`)).body.session.state).toBe('cancelled');
    // the room still shows its running session
    expect((await api(srv.url, koordinator, 'GET', `/rooms/${roomT}/session`)).body.session).toMatchObject({ id: await roomSessionId(srv.url, admin, roomT), state: 'running' });
  });

  it('a venue set to WITA shows its sessions on Makassar\'s clock; the moment they start does not move; audited', async () => {
    const before = (await api(srv.url, koordinator, 'GET', `/activities/${activityId}`)).body.sessions[0];
    const set = await api(srv.url, koordinator, 'PATCH', `/venues/${venueT}`, { timeZone: 'Asia/Makassar', kind: 'upt' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.venue).toMatchObject({ id: venueT, timeZone: 'Asia/Makassar', kind: 'upt' });
    expect(JSON.parse(lastAudit('venue.settings_changed')!.afterJson!)).toEqual({ venueKind: 'upt', timeZone: 'Asia/Makassar' });
    const after = (await api(srv.url, koordinator, 'GET', `/activities/${activityId}`)).body.sessions[0];
    // the same moment, an hour later on the clock (WITA is UTC+8, WIB UTC+7)
    const hourLater = `${String(Number(before.time.slice(0, 2)) + 1).padStart(2, '0')}${before.time.slice(2)}`;
    expect(after).toMatchObject({ scheduledAt: before.scheduledAt, timeZone: 'Asia/Makassar', time: hourLater });
    // the rooms' live view and the room list carry the zone too
    const rooms = (await api(srv.url, pengawas, 'GET', '/rooms')).body.venues.find((v: { id: number }) => v.id === venueT);
    expect(rooms.timeZone).toBe('Asia/Makassar');
    expect((await api(srv.url, koordinator, 'PATCH', `/venues/${venueT}`, { timeZone: 'Asia/Tokyo' })).status).toBe(400);
    expect((await api(srv.url, koordinator, 'PATCH', `/venues/${venueT}`, {})).body).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect((await api(srv.url, pengawas, 'PATCH', `/venues/${venueT}`, { timeZone: 'Asia/Jakarta' })).status).toBe(403);
    expect((await api(srv.url, koordinator, 'PATCH', `/venues/${venueU}`, { timeZone: 'Asia/Jakarta' })).status).toBe(403);
    expect((await api(srv.url, koordinator, 'PATCH', `/venues/${venueT}`, { timeZone: 'Asia/Jakarta', kind: 'kanreg' })).status).toBe(200);
  });
});

describe('who sees which activity', () => {
  it('refuses a date that is not on the calendar with a 400 in words, never an error of the server', async () => {
    for (const bad of ['2026-02-30', '2026-13-01', '9999-99-99', '2026-2-3']) {
      const r = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: bad, dateTo: bad });
      expect(r.status, bad).toBe(400);
      expect(r.body.code, bad).toBe('INVALID_PAYLOAD');
    }
    const r = await api(srv.url, koordinator, 'GET', '/activities?from=2026-02-30');
    expect(r.status).toBe(400);
  });

  it('another venue: only the national admin, and a user assigned to it', async () => {
    const t = today();
    const a = await api(srv.url, admin, 'POST', '/activities', { purpose: 'pengisian_jabatan', agency: 'Instansi B', venueId: venueU, dateFrom: t, dateTo: addDays(t, 30) });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const id = a.body.activity.id;
    expect((await api(srv.url, koordinator, 'GET', `/activities/${id}`)).status).toBe(403);
    expect((await api(srv.url, pengawas, 'GET', `/activities/${id}`)).status).toBe(403);
    expect((await api(srv.url, operator, 'GET', `/activities/${id}`)).status).toBe(403);
    expect((await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'X', venueId: venueU, dateFrom: t, dateTo: t })).status).toBe(403);
    const listed = async (s: Session) => (await api(srv.url, s, 'GET', '/activities')).body.activities.map((x: { id: number }) => x.id);
    expect(await listed(pengawas)).not.toContain(id);
    expect((await api(srv.url, admin, 'POST', `/activities/${id}/team`, { userId: srv.accounts.pengawas.id, teamRole: 'pengawas' })).status).toBe(200);
    expect(await listed(pengawas)).toContain(id);
    expect((await api(srv.url, pengawas, 'GET', `/activities/${id}`)).status).toBe(200);
    // filters
    expect((await api(srv.url, admin, 'GET', `/activities?venueId=${venueU}`)).body.activities.map((x: { id: number }) => x.id)).toEqual([id]);
    expect((await api(srv.url, admin, 'GET', '/activities?purpose=pengisian_jabatan')).body.activities.map((x: { id: number }) => x.id)).toEqual([id]);
    const removed = await api(srv.url, admin, 'POST', `/activities/${id}/team/${srv.accounts.pengawas.id}/remove`);
    expect(removed.status).toBe(200);
    expect(removed.body.team).toEqual([]);
    expect(lastAudit('activity.team_unassigned')).toMatchObject({ targetId: String(id) });
    expect(await listed(pengawas)).not.toContain(id);
  });

  it('keeps the days off: a venue own day by its planner, a day everywhere by a national scope; audited', async () => {
    const local = await api(srv.url, koordinator, 'POST', '/days-off', { date: '2027-03-15', name: 'Hari jadi kota', kind: 'local', venueId: venueT });
    expect(local.status, JSON.stringify(local.body)).toBe(201);
    expect((await api(srv.url, koordinator, 'POST', '/days-off', { date: '2027-03-16', name: 'Cuti bersama', kind: 'cuti_bersama' })).status).toBe(403);
    expect((await api(srv.url, koordinator, 'POST', '/days-off', { date: '2027-03-16', name: 'Libur lain', kind: 'local', venueId: venueU })).status).toBe(403);
    const everywhere = await api(srv.url, admin, 'POST', '/days-off', { date: '2027-03-16', name: 'Cuti bersama', kind: 'cuti_bersama' });
    expect(everywhere.status).toBe(201);
    expect(JSON.parse(lastAudit('calendar.day_off_added')!.afterJson!)).toEqual({ date: '2027-03-16', name: 'Cuti bersama', dayOffKind: 'cuti_bersama' });
    // one entry per date and place: a second is refused in words, another place's is its own
    const again = await api(srv.url, koordinator, 'POST', '/days-off', { date: '2027-03-15', name: 'Hari jadi kota (lagi)', kind: 'local', venueId: venueT });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ messageCode: 'calendar.dayOffExists', params: { date: '2027-03-15', name: 'Hari jadi kota' } });
    const seen = (await api(srv.url, pengawas, 'GET', '/days-off?from=2027-03-01&to=2027-03-31')).body.daysOff.map((d: { date: string }) => d.date);
    expect(seen).toEqual(['2027-03-15', '2027-03-16']);
    expect((await api(srv.url, koordinator, 'POST', `/days-off/${local.body.dayOff.id}/remove`)).status).toBe(200);
    expect(lastAudit('calendar.day_off_removed')).toMatchObject({ venueId: venueT });
  });

  it('refuses dates out of order and ProASN outside its window', async () => {
    const bad = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: '2027-02-10', dateTo: '2027-02-09' });
    expect(bad.status).toBe(400);
    expect(bad.body.messageCode).toBe('activity.datesOrder');
    const proasn = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'proasn', agency: 'Instansi A', venueId: venueT, dateFrom: '2027-01-04', dateTo: '2027-01-05' });
    expect(proasn.status).toBe(400);
    expect(proasn.body.messageCode).toBe('activity.proasnWindow');
    const patched = await api(srv.url, admin, 'GET', '/activities');
    const id = patched.body.activities[0].id;
    const upd = await api(srv.url, koordinator, 'PATCH', `/activities/${id}`, { facilities: 'Proyektor' });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body.activity.facilities).toBe('Proyektor');
    expect(JSON.parse(lastAudit('activity.updated')!.afterJson!)).toEqual({ facilities: 'Proyektor' });
  });
});
