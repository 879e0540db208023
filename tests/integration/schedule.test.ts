/**
 * The schedule over HTTP (Perban BKN 4/2024 Pasal 8–9): who sees which sessions (scope, team
 * assignment, the agency's operator only its agency's activities), dates and hours in each venue's
 * own zone (a WITA venue's 08:00 is 08:00 WITA, and its 00:30 belongs to its own day, not WIB's),
 * this week by default, a range too wide or reversed refused in words, and the export read back:
 * the CSV with csv-parse (BOM, `;`, quoting, no formula), the XLSX with exceljs.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, venues } from '../../db/schema.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, addWorkingDays, makeCalendar } from '../../server/domain/working-days.ts';
import { EXPORT_COLUMNS } from '../../server/activity/schedule.service.ts';
import { isoWeekday, plusDays } from '../../protocol/schedule.ts';
import { api, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let admin: Session, koordinator: Session, pengawas: Session, operator: Session;
let venueT: number, venueU: number, roomT: number, roomU: number;
/** a date 10 working days ahead (outside every lead time) */
let far = '';
/** sessions planned on `far`: T 09:00 WIB (Instansi A); U 08:00 and 00:30 WITA (Instansi B) */
let sessT = 0, sessU8 = 0, sessU0 = 0;
let actU = 0;

const ids = (body: { sessions: { id: number }[] }) => body.sessions.map((s) => s.id);
const on = (s: Session, q: string) => api(srv.url, s, 'GET', `/schedule${q}`);

beforeAll(async () => {
  srv = await startTestServer({}, undefined, { otherVenue: true });
  roomT = srv.seeded[0].roomId;
  venueT = srv.seeded[0].venueId;
  roomU = srv.other[0].roomId;
  venueU = srv.other[0].venueId;
  // venue U is in Makassar (WITA, UTC+8)
  srv.db.update(venues).set({ timeZone: 'Asia/Makassar' }).where(eq(venues.id, venueU)).run();
  [admin, koordinator, pengawas, operator] = await Promise.all(['admin', 'koordinator', 'pengawas', 'operator_instansi'].map((r) => srv.login(r as never)));
  const today = zonedDate(Date.now(), 'Asia/Jakarta');
  far = addWorkingDays(makeCalendar(nationalHolidays), today, 10);
  const plan = async (who: Session, venueId: number, roomId: number, agency: string, times: string[]) => {
    const a = await api(srv.url, who, 'POST', '/activities', { purpose: 'pemetaan', agency, venueId, dateFrom: today, dateTo: addDays(today, 40) });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const out: number[] = [];
    for (const time of times) {
      const s = await api(srv.url, who, 'POST', `/activities/${a.body.activity.id}/sessions`, { roomId, date: far, time, capacity: 5 });
      expect(s.status, JSON.stringify(s.body)).toBe(201);
      out.push(s.body.session.id);
    }
    return { activityId: a.body.activity.id as number, sessions: out };
  };
  [sessT] = (await plan(koordinator, venueT, roomT, 'Instansi A', ['09:00'])).sessions;
  const u = await plan(admin, venueU, roomU, 'Instansi B', ['08:00', '00:30']);
  [sessU8, sessU0] = u.sessions;
  actU = u.activityId;
});
afterAll(async () => {
  await srv?.dispose();
});

describe('the schedule', () => {
  it('reads each venue in its own zone: 08:00 WITA is 08:00 WITA, and 00:30 WITA stays on its own day', async () => {
    const r = await on(admin, `?from=${far}&to=${far}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ ok: true, from: far, to: far });
    const u8 = r.body.sessions.find((s: { id: number }) => s.id === sessU8);
    expect(u8).toMatchObject({
      date: far, time: '08:00', timeZone: 'Asia/Makassar', venueId: venueU, venueName: 'Venue Lain', roomId: roomU, roomName: 'Ruang Lain',
      state: 'scheduled', durationMin: 180, capacity: 5, participants: 0, activityId: actU, purpose: 'pemetaan', agency: 'Instansi B'
    });
    // 08:00 WITA (UTC+8) is 00:00 UTC
    expect(new Date(u8.scheduledAt).toISOString()).toBe(`${far}T00:00:00.000Z`);
    // 00:30 WITA on `far` is 23:30 WIB the day before: it is on `far` at its own venue, and only there
    const u0 = r.body.sessions.find((s: { id: number }) => s.id === sessU0);
    expect(u0).toMatchObject({ date: far, time: '00:30' });
    expect(zonedDate(u0.scheduledAt, 'Asia/Jakarta')).toBe(plusDays(far, -1));
    expect(ids((await on(admin, `?from=${plusDays(far, -1)}&to=${plusDays(far, -1)}`)).body)).not.toContain(sessU0);
    expect(r.body.sessions.find((s: { id: number }) => s.id === sessT)).toMatchObject({ time: '09:00', timeZone: 'Asia/Jakarta', agency: 'Instansi A' });
    // by start, the venues with their rooms
    expect(ids(r.body)).toEqual([sessU0, sessU8, sessT]);
    expect(r.body.venues).toEqual(expect.arrayContaining([
      { id: venueT, name: 'Venue Uji', timeZone: 'Asia/Jakarta', today: zonedDate(Date.now(), 'Asia/Jakarta'), rooms: [{ id: roomT, name: 'Ruang CAT 1' }] },
      { id: venueU, name: 'Venue Lain', timeZone: 'Asia/Makassar', today: zonedDate(Date.now(), 'Asia/Makassar'), rooms: [{ id: roomU, name: 'Ruang Lain' }] }
    ]));
    // one venue
    expect(ids((await on(admin, `?venueId=${venueU}&from=${far}&to=${far}`)).body)).toEqual([sessU0, sessU8]);
  });

  it('is this week, Monday to Sunday, by default, with the running session and its registered participants', async () => {
    const r = await on(koordinator, '');
    expect(r.status).toBe(200);
    expect(isoWeekday(r.body.from)).toBe(1);
    expect(r.body.to).toBe(plusDays(r.body.from, 6));
    const today = zonedDate(Date.now(), 'Asia/Jakarta');
    expect(today >= r.body.from && today <= r.body.to).toBe(true);
    const running = await roomSessionId(srv.url, admin, roomT);
    const row = r.body.sessions.find((s: { id: number }) => s.id === running);
    const roster = (await api(srv.url, admin, 'GET', `/sessions/${running}/attendance`)).body.rows.length;
    expect(roster).toBeGreaterThan(0);
    expect(row).toMatchObject({ state: 'running', activityId: null, purpose: null, agency: null, participants: roster });
    // one end alone: the week from it
    expect((await on(koordinator, `?from=${far}`)).body).toMatchObject({ from: far, to: plusDays(far, 6) });
  });

  it('names the days off on the range: national holidays and the venue own days', async () => {
    const r = await on(admin, `?venueId=${venueT}&from=2026-12-21&to=2026-12-27`);
    expect(r.status).toBe(200);
    expect(r.body.daysOff).toContainEqual({ date: '2026-12-25', name: expect.any(String), kind: 'national', venueId: null });
    const add = await api(srv.url, koordinator, 'POST', '/days-off', { date: '2026-12-22', name: 'Hari jadi kota', kind: 'local', venueId: venueT });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    const again = await on(koordinator, `?venueId=${venueT}&from=2026-12-21&to=2026-12-27`);
    expect(again.body.daysOff).toContainEqual({ date: '2026-12-22', name: 'Hari jadi kota', kind: 'local', venueId: venueT });
    // another venue's own day is not on this venue's schedule
    expect((await on(admin, `?venueId=${venueU}&from=2026-12-21&to=2026-12-27`)).body.daysOff.map((d: { date: string }) => d.date)).not.toContain('2026-12-22');
  });

  it('shows each role its own: scope, team assignment, the agency operator only its agency', async () => {
    const q = `?from=${far}&to=${far}`;
    const venuesOf = (b: { venues: { id: number }[] }) => b.venues.map((v) => v.id);
    const k = (await on(koordinator, q)).body;
    expect(ids(k)).toEqual([sessT]);
    expect(venuesOf(k)).toEqual([venueT]);
    expect((await on(koordinator, `?venueId=${venueU}`)).status).toBe(403);
    expect((await on(koordinator, '?venueId=999999')).status).toBe(404);
    expect(ids((await on(pengawas, q)).body)).toEqual([sessT]);
    // the agency's operator: its agency's activity sessions only, never a session without an activity
    const o = (await on(operator, '')).body;
    expect(o.sessions.every((s: { agency: string | null }) => s.agency === 'Instansi A')).toBe(true);
    expect(ids((await on(operator, q)).body)).toEqual([sessT]);
    // on the team of venue U's activity, the pengawas sees its sessions and its venue
    const assign = await api(srv.url, admin, 'POST', `/activities/${actU}/team`, { userId: srv.accounts.pengawas.id, teamRole: 'pengawas' });
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);
    const p = (await on(pengawas, q)).body;
    expect(ids(p)).toEqual([sessU0, sessU8, sessT]);
    expect(venuesOf(p).sort()).toEqual([venueT, venueU].sort());
    expect((await on(pengawas, `?venueId=${venueU}&from=${far}&to=${far}`)).status).toBe(200);
    expect((await api(srv.url, admin, 'POST', `/activities/${actU}/team/${srv.accounts.pengawas.id}/remove`)).status).toBe(200);
    expect(ids((await on(pengawas, q)).body)).toEqual([sessT]);
  });

  it('refuses a range over 62 days, a reversed one and a date not on the calendar with a 400 in words', async () => {
    const wide = await on(admin, '?from=2026-12-01&to=2027-02-15');
    expect(wide.status).toBe(400);
    expect(wide.body).toMatchObject({ code: 'INVALID_PAYLOAD', messageCode: 'schedule.rangeTooLong', params: { days: 77, max: 62 } });
    expect(wide.body.pesan).toMatch(/77 hari; paling banyak 62 hari/);
    expect((await on(admin, '?from=2026-12-01&to=2027-01-31')).status).toBe(200); // exactly 62 days
    expect((await on(admin, '?from=2026-12-01&to=2027-02-01')).status).toBe(400);
    const reversed = await on(admin, '?from=2026-12-10&to=2026-12-09');
    expect(reversed.status).toBe(400);
    expect(reversed.body.messageCode).toBe('activity.datesOrder');
    for (const bad of ['?from=2026-02-30', '?to=2026-13-01', '?venueId=0x1', '?venueId=']) expect((await on(admin, bad)).status, bad).toBe(400);
    expect((await api(srv.url, admin, 'GET', '/schedule/export?format=pdf')).status).toBe(400);
    expect((await api(srv.url, admin, 'GET', '/schedule/export?format=csv&from=2026-12-01&to=2027-02-15')).status).toBe(400);
  });
});

describe('the export', () => {
  /** GET as bytes: text() would drop the byte order mark this test looks for */
  async function download(s: Session, q: string) {
    const res = await fetch(`${srv.url}/api/schedule/export${q}`, { headers: { cookie: s.cookie } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('CSV: UTF-8 with BOM, `;`, quoted where needed, no formula, times in the venue zone with its name', async () => {
    // a name with the separator and quotes, and one a spreadsheet would run as a formula
    srv.db.update(sessions).set({ name: 'Sesi; "khusus"' }).where(eq(sessions.id, sessU8)).run();
    srv.db.update(sessions).set({ name: '=HYPERLINK("http://x")' }).where(eq(sessions.id, sessU0)).run();
    const r = await download(admin, `?format=csv&from=${far}&to=${far}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="jadwal-${far}-${far}.csv"`);
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = r.bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows = parse(r.bytes, { bom: true, delimiter: ';', columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({
      Tanggal: far, Mulai: '08.00', Selesai: '11.00', Zona: 'WITA', Lokasi: 'Venue Lain', Ruang: 'Ruang Lain', 'Kode sesi': expect.stringMatching(/^K\d+-S1$/),
      'Nama sesi': 'Sesi; "khusus"', Status: 'terjadwal', 'Kegiatan/Tujuan': 'Pemetaan pegawai dalam jabatan', Instansi: 'Instansi B', Kapasitas: '5', 'Peserta terdaftar': '0'
    });
    expect(rows[0]).toMatchObject({ Mulai: '00.30', Zona: 'WITA', 'Nama sesi': `'=HYPERLINK("http://x")` });
    expect(rows[2]).toMatchObject({ Mulai: '09.00', Selesai: '12.00', Zona: 'WIB', Lokasi: 'Venue Uji', Instansi: 'Instansi A' });
    // no UTC hour anywhere: 08:00 WITA is 00:00 UTC
    expect(text).not.toMatch(/\b00[.:]00\b/);
  });

  it('XLSX: read back with exceljs, the date a date cell, the same rows; only what the caller sees', async () => {
    const r = await download(koordinator, `?format=xlsx&from=${far}&to=${far}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="jadwal-${far}-${far}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_COLUMNS]);
    expect(ws.rowCount).toBe(2); // the koordinator sees venue T's session only
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).toISOString().slice(0, 10)).toBe(far);
    expect(row.slice(1)).toEqual(['09.00', '12.00', 'WIB', 'Venue Uji', 'Ruang CAT 1', expect.stringMatching(/^K\d+-S1$/), 'Sesi 1', 'terjadwal', 'Pemetaan pegawai dalam jabatan', 'Instansi A', 5, 0]);
  });
});
