/**
 * An activity as a scope and as a roster (Perban BKN 4/2024 Pasal 6, 8(3); SE BKN 6/2026 §5.i.2.d):
 * a pengawas with no venue scope, assigned to an activity, sees and runs exactly its rooms (the room
 * list with today's sessions, the room's participants, the live room over the socket) and loses
 * them when released; the agency's operator imports one file for the whole activity and it is
 * spread over the sessions, nobody in two; ProASN registration inside 5 working days is refused in
 * words unless a koordinator makes an exception for the session with a reason, which the audit keeps.
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { auditLog, participants, sessions } from '../../db/schema.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, addWorkingDays, makeCalendar } from '../../server/domain/working-days.ts';
import { api, apiRaw, call, connected, dashboardSocket, loginAs, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let admin: Session, koordinator: Session, operator: Session;
let roomR1: number, roomR2: number, venueT: number;
const today = () => zonedDate(Date.now(), 'Asia/Jakarta');
const cal = makeCalendar(nationalHolidays);

beforeAll(async () => {
  srv = await startTestServer({}, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 2, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: null }
  ]);
  [roomR1, roomR2] = srv.venues[0].roomIds;
  venueT = srv.seeded[0].venueId;
  [admin, koordinator, operator] = await Promise.all(['admin', 'koordinator', 'operator_instansi'].map((r) => srv.login(r as never)));
});
afterAll(async () => {
  await srv?.dispose();
});

const lastAudit = (action: string) => srv.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1).get();
const csv = (rows: [number, string, string, string][]) =>
  'nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta\r\n' +
  rows.map(([n, nama, instansi, nomor]) => `${demoNip(n)},${nama},Analis,Ahli Pertama,Biro Umum,${instansi},${nomor}`).join('\r\n') + '\r\n';

/** a user with the pengawas role and no venue scope at all: a visiting proctor */
async function visitingPengawas(): Promise<{ id: number; session: Session }> {
  const nip = demoNip(77001);
  const password = 'Pengawas-Tamu-2026';
  const made = await api(srv.url, admin, 'POST', '/users', { nip, name: 'Pengawas Tamu', roles: ['pengawas'], scopes: [], password });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { id: made.body.user.id, session: await loginAs(srv.url, nip, password) };
}

describe('an activity team is a scope', () => {
  let activityId = 0;
  let visitor: { id: number; session: Session };

  it('a pengawas with no venue scope sees no room until assigned, then exactly the activity\'s rooms', async () => {
    visitor = await visitingPengawas();
    const before = await api(srv.url, visitor.session, 'GET', '/rooms');
    expect(before.status).toBe(200);
    expect(before.body.venues).toEqual([]);

    const t = today();
    const a = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: t, dateTo: addDays(t, 40) });
    activityId = a.body.activity.id;
    // a session today (inside the lead time: the koordinator's override) so the room list shows it
    const s = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, {
      roomId: roomR2, date: t, time: '23:50', capacity: 2, name: 'Sesi Hari Ini', overrideReason: 'Uji cakupan penugasan tim'
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    await api(srv.url, koordinator, 'POST', `/activities/${activityId}/team`, { userId: visitor.id, teamRole: 'pengawas' });

    const after = await api(srv.url, visitor.session, 'GET', '/rooms');
    expect(after.body.venues).toHaveLength(1);
    expect(after.body.venues[0]).toMatchObject({ id: venueT, timeZone: 'Asia/Jakarta' });
    const rooms = after.body.venues[0].rooms;
    expect(rooms.map((r: { id: number }) => r.id)).toEqual([roomR2]);
    expect(rooms[0].today).toEqual([expect.objectContaining({ name: 'Sesi Hari Ini', state: 'scheduled', activityId, durationMin: 180 })]);

    // the room's pages and its live view open; the other room of the venue does not
    expect((await api(srv.url, visitor.session, 'GET', `/rooms/${roomR2}/participants`)).status).toBe(200);
    expect((await api(srv.url, visitor.session, 'GET', `/rooms/${roomR1}/participants`)).status).toBe(403);
    const sock = dashboardSocket(srv.url, visitor.session);
    try {
      await connected(sock);
      const join = await call(sock, 'room:join', { roomId: roomR2 });
      expect(join.ok, JSON.stringify(join)).toBe(true);
      expect(join.snapshot.room).toMatchObject({ id: roomR2, timeZone: 'Asia/Jakarta' });
      const other = await call(sock, 'room:join', { roomId: roomR1 });
      expect(other).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    } finally {
      sock.close();
    }
  });

  it('an assignment made while the proctor is connected opens the room without signing in again', async () => {
    const b = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pemetaan', agency: 'Instansi A', venueId: venueT, dateFrom: today(), dateTo: addDays(today(), 40) });
    const far = addWorkingDays(cal, today(), 10);
    await api(srv.url, koordinator, 'POST', `/activities/${b.body.activity.id}/sessions`, { roomId: roomR1, date: far, time: '08:00', capacity: 2 });
    const sock = dashboardSocket(srv.url, visitor.session);
    try {
      await connected(sock);
      expect(await call(sock, 'room:join', { roomId: roomR1 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await api(srv.url, koordinator, 'POST', `/activities/${b.body.activity.id}/team`, { userId: visitor.id, teamRole: 'pengawas' });
      expect(await call(sock, 'room:join', { roomId: roomR1 })).toMatchObject({ ok: true });
    } finally {
      sock.close();
    }
    await api(srv.url, koordinator, 'POST', `/activities/${b.body.activity.id}/team/${visitor.id}/remove`);
  });

  it('released from the team, the proctor no longer reaches the room', async () => {
    const r = await api(srv.url, koordinator, 'POST', `/activities/${activityId}/team/${visitor.id}/remove`);
    expect(r.status).toBe(200);
    expect((await api(srv.url, visitor.session, 'GET', `/rooms/${roomR2}/participants`)).status).toBe(403);
    expect((await api(srv.url, visitor.session, 'GET', '/rooms')).body.venues).toEqual([]);
  });
});

describe('one participant file for the whole activity', () => {
  let activityId = 0;
  let s1 = 0, s2 = 0;

  it('the agency operator imports it and it is spread over the sessions in order, up to each one\'s capacity', async () => {
    const far = addWorkingDays(cal, today(), 10);
    const a = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'pengisian_jabatan', agency: 'Instansi A', venueId: venueT, dateFrom: far, dateTo: addDays(far, 1) });
    activityId = a.body.activity.id;
    s1 = (await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: roomR2, date: far, time: '08:00', capacity: 2 })).body.session.id;
    s2 = (await api(srv.url, koordinator, 'POST', `/activities/${activityId}/sessions`, { roomId: roomR2, date: far, time: '13:00', capacity: 2 })).body.session.id;

    const file = csv([[81001, 'Peserta Satu', 'Instansi A', 'AK-01'], [81002, 'Peserta Dua', 'Instansi A', 'AK-02'], [81003, 'Peserta Tiga', 'Instansi A', 'AK-03']]);
    const r = await apiRaw(srv.url, operator, 'POST', `/activities/${activityId}/participants/import`, file, 'text/csv');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ ok: true, imported: 3, replaced: 0 });
    expect(r.body.sessions).toEqual([expect.objectContaining({ id: s1, added: 2, total: 2 }), expect.objectContaining({ id: s2, added: 1, total: 1 })]);
    const where = (n: number) => srv.db.select({ s: participants.sessionId }).from(participants).where(eq(participants.nip, demoNip(n))).all().map((x) => x.s);
    expect(where(81001)).toEqual([s1]);
    expect(where(81003)).toEqual([s2]);
    expect(lastAudit('participant.imported')).toMatchObject({ targetType: 'activity', targetId: String(activityId) });
  });

  it('imported again with a change, nobody moves or doubles; a new person takes the free seat', async () => {
    const file = csv([[81001, 'Peserta Satu Diperbaiki', 'Instansi A', 'AK-01'], [81003, 'Peserta Tiga', 'Instansi A', 'AK-03'], [81004, 'Peserta Empat', 'Instansi A', 'AK-04']]);
    const r = await apiRaw(srv.url, operator, 'POST', `/activities/${activityId}/participants/import`, file, 'text/csv');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ imported: 1, replaced: 2 });
    const count = (sid: number) => srv.db.select().from(participants).where(eq(participants.sessionId, sid)).all().length;
    expect([count(s1), count(s2)]).toEqual([2, 2]);
  });

  it('more new people than free seats: nothing is saved, and the answer says how many do not fit', async () => {
    const file = csv([[81005, 'Peserta Lima', 'Instansi A', 'AK-05']]);
    const r = await apiRaw(srv.url, operator, 'POST', `/activities/${activityId}/participants/import`, file, 'text/csv');
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'CONFLICT', messageCode: 'activity.seatsShort', params: { unplaced: 1, free: 0 } });
    expect(srv.db.select().from(participants).where(eq(participants.nip, demoNip(81005))).all()).toEqual([]);
  });

  it('a session\'s own import may not put someone already in another session of the activity there too', async () => {
    const file = csv([[81001, 'Peserta Satu', 'Instansi A', 'AK-01']]);
    const r = await apiRaw(srv.url, operator, 'POST', `/sessions/${s2}/participants/import`, file, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'nip', code: 'import.nipInOtherSession', params: expect.objectContaining({ session: expect.stringMatching(/-S1$/) }) })]);
    // a nomor peserta names one person across the activity
    const nomor = await apiRaw(srv.url, operator, 'POST', `/sessions/${s2}/participants/import`, csv([[81009, 'Orang Lain', 'Instansi A', 'AK-01']]), 'text/csv');
    expect(nomor.body.errors).toEqual([expect.objectContaining({ field: 'nomor_peserta', code: 'import.nomorUsedInActivity' })]);
  });

  it('the operator may not bring in another agency\'s people through the activity', async () => {
    const r = await apiRaw(srv.url, operator, 'POST', `/activities/${activityId}/participants/import`, csv([[81010, 'Orang Instansi B', 'Instansi B', 'AK-10']]), 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'instansi', code: 'import.otherAgency' })]);
  });
});

describe('ProASN registration keeps 5 working days (SE BKN 6/2026 §5.i.2.d)', () => {
  it('refuses a file for a session 3 working days ahead in words; a koordinator\'s exception with a reason lets it through, audited', async () => {
    // a ProASN session 3 working days ahead can only be planned by override (the dashboard's 5 days)
    const t = today();
    const date = addWorkingDays(cal, t, 4);
    if (date > '2026-12-31') {
      // after the programme (SE §5.e.1) no ProASN activity can be planned at all: that refusal is the rule then
      const late = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'proasn', agency: 'Instansi A', venueId: venueT, dateFrom: t, dateTo: date });
      expect(late.body).toMatchObject({ code: 'INVALID_PAYLOAD', messageCode: 'activity.proasnWindow' });
      return;
    }
    const a = await api(srv.url, koordinator, 'POST', '/activities', { purpose: 'proasn', agency: 'Instansi A', venueId: venueT, dateFrom: t, dateTo: '2026-12-31' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const planned = await api(srv.url, koordinator, 'POST', `/activities/${a.body.activity.id}/sessions`, { roomId: roomR2, date, time: '08:00', capacity: 5 });
    expect(planned.status).toBe(409);
    expect(planned.body.params).toMatchObject({ min: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.e' });
    const s = await api(srv.url, koordinator, 'POST', `/activities/${a.body.activity.id}/sessions`, {
      roomId: roomR2, date, time: '08:00', capacity: 5, overrideReason: 'Jadwal dari Kanreg dipercepat'
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const sid = s.body.session.id;
    const file = csv([[82001, 'Peserta ProASN', 'Instansi A', 'PA-01']]);

    const late = await apiRaw(srv.url, operator, 'POST', `/sessions/${sid}/participants/import`, file, 'text/csv');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ messageCode: 'activity.leadTimeShort', params: { min: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.d' } });
    expect(late.body.pesan).toContain('minimal 5 hari kerja');
    // the whole-activity import is held to the same rule
    const wholeLate = await apiRaw(srv.url, operator, 'POST', `/activities/${a.body.activity.id}/participants/import`, file, 'text/csv');
    expect(wholeLate.body).toMatchObject({ messageCode: 'activity.leadTimeShort' });
    // the exception is the koordinator's alone, and takes a reason
    const pengawas = await srv.login('pengawas');
    expect((await api(srv.url, pengawas, 'POST', `/sessions/${sid}/late-registration`, { reason: 'Instansi terlambat mendaftar' })).status).toBe(403);
    expect((await api(srv.url, admin, 'POST', `/sessions/${sid}/late-registration`, { reason: 'Instansi terlambat mendaftar' })).status).toBe(403);
    expect((await api(srv.url, koordinator, 'POST', `/sessions/${sid}/late-registration`, { reason: 'telat' })).status).toBe(400);
    const granted = await api(srv.url, koordinator, 'POST', `/sessions/${sid}/late-registration`, { reason: 'Instansi terlambat mendaftar, disetujui Kanreg' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.session.lateRegistration).toMatchObject({ reason: 'Instansi terlambat mendaftar, disetujui Kanreg' });
    expect(lastAudit('session.late_registration_allowed')).toMatchObject({ targetType: 'session', targetId: String(sid) });

    // now the operator's file goes through, and its audit row names the exception
    const ok = await apiRaw(srv.url, operator, 'POST', `/sessions/${sid}/participants/import`, file, 'text/csv');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const row = lastAudit('participant.imported')!;
    expect(row).toMatchObject({ targetType: 'session', targetId: String(sid) });
    expect(JSON.parse(row.afterJson!)).toMatchObject({ imported: 1, overrideReason: 'Instansi terlambat mendaftar, disetujui Kanreg' });
    expect(srv.db.select({ state: sessions.state }).from(sessions).where(eq(sessions.id, sid)).get()?.state).toBe('scheduled');
  });
});
