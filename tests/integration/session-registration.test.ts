/**
 * The registration desk over the real API (Perban BKN 4/2024 Pasal 14(2)): the participant import
 * (CSV and XLSX, all-or-nothing, an agency operator only for its own agency — Pasal 3), arrivals
 * with the three identity checks (Pasal 14(2)b), the late flag (Lampiran I.A 1.a: registration at
 * the latest 60 minutes before the test), seats and moves (progress kept, also across a restart),
 * and others let into the room (Pasal 14(1)k).
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts): R1 scheduled in 90 minutes
 * with no roster yet (it comes by import), R2 scheduled in 30 minutes with its roster, R3 running;
 * a test imports, opens and moves what it needs with the steps in setup().
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { IMPORT_COLUMNS, LATE_ARRIVAL_MIN } from '../../protocol/session.ts';
import type { SessionSummary, SessionTopic } from '../../protocol/index.ts';
import {
  api, apiRaw, call, connected, dashboardSocket, helloStation, openSession, roomSessionId, until, type Session
} from '../helpers/server.ts';
import { closeAfterTest, venuePerTest, watchRoom } from '../helpers/per-test.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50, writeMs: 100 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'scheduled', startsInMin: 90, roster: false },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'scheduled', startsInMin: 30 },
  { code: 'R3', name: 'Ruang CAT 3', rows: 1, cols: 3, spares: 1, session: 'running' }
]);

type Person = { nip: string; nama: string; instansi: string; nomor: string };
const person = (i: number, instansi: string): Person => ({ nip: demoNip(700 + i), nama: `Peserta Impor ${i}`, instansi, nomor: `IMP-${String(i).padStart(3, '0')}` });
/** a CSV the way Indonesian Excel saves it: ';' separated, with a BOM */
function csv(people: Person[], header: readonly string[] = IMPORT_COLUMNS): string {
  const lines = people.map((p) => [p.nip, p.nama, 'Analis SDM Aparatur', 'Ahli Pertama', 'Bagian Kepegawaian', p.instansi, p.nomor].join(';'));
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
async function xlsx(people: Person[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Peserta');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const p of people) ws.addRow([p.nip, p.nama, 'Pranata Komputer', 'Terampil', 'Bidang TI', p.instansi, p.nomor]);
  ws.getColumn(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ALL_CHECKS = { idCard: true, participantCard: true, faceMatch: true };
const rowOf = (rows: any[], nip: string) => rows.find((r) => r.nip === nip);
/** two people of each agency, as R1's import */
const A = [person(1, 'Instansi A'), person(2, 'Instansi A')];
const B = [person(3, 'Instansi B'), person(4, 'Instansi B')];

/** A venue of the test's own: the proctor, the agency operator (Instansi A), the rooms' sessions, a dashboard watching R1. */
async function setup() {
  const v = await venues.venue();
  const { srv } = v;
  const [r1, r2, r3] = v.roomIds;
  const room = { r1, r2, r3 };
  const pengawas = await v.login('pengawas');
  const operator = await v.login('operator_instansi');
  const sess = { r1: await roomSessionId(srv.url, pengawas, r1), r2: await roomSessionId(srv.url, pengawas, r2), r3: await roomSessionId(srv.url, pengawas, r3) };
  const { dash, pushes } = await watchRoom(srv, await v.login('instruktur'), r1);
  const stationsOf = (roomId: number) => v.seeded.filter((s) => s.roomId === roomId);
  const importAs = (who: Session, sessionId: number, data: string | Buffer, type = 'text/csv') =>
    apiRaw(srv.url, who, 'POST', `/sessions/${sessionId}/participants/import`, data, type);
  const attendance = async (who: Session, sessionId: number) => {
    const r = await api(srv.url, who, 'GET', `/sessions/${sessionId}/attendance`);
    expect(r.status).toBe(200);
    return r.body as { rows: any[]; counts: Record<string, number>; lateAfter: number; session: { scheduledAt: number } };
  };
  /** R1's roster by import: A and B */
  async function importRoster() {
    const r = await importAs(pengawas, sess.r1, csv([...A, ...B]));
    expect(r.body).toEqual({ ok: true, imported: 4, replaced: 0 });
  }
  /** R1 (and R2) open for registration, the regular way */
  const open = async (...which: ('r1' | 'r2')[]) => {
    for (const k of which) await openSession(srv.url, pengawas, sess[k]);
  };
  return { v, srv, room, sess, pengawas, operator, dash, pushes, stationsOf, importAs, attendance, importRoster, open };
}

describe('participant import', () => {
  it('the template is a CSV with the columns in order', async () => {
    const { srv, sess, pengawas } = await setup();
    const r = await fetch(`${srv.url}/api/sessions/${sess.r1}/participants/template.csv`, { headers: { cookie: pengawas.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment/);
    const [header, example] = (await r.text()).split('\r\n');
    expect(header).toBe(IMPORT_COLUMNS.join(','));
    expect(example.split(',')).toHaveLength(IMPORT_COLUMNS.length);
  });

  it('an invalid file is refused whole: errors name row and field, nothing is imported', async () => {
    const { sess, pengawas, importAs, attendance } = await setup();
    const bad = [A[0], { ...A[1], nip: '19851310201012100' /* 17 digits */ }, { ...B[0], nama: '' }, { ...B[1], nomor: A[0].nomor }];
    const r = await importAs(pengawas, sess.r1, csv(bad));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', rows: 4 });
    const errs = r.body.errors.map((e: any) => [e.row, e.field]);
    expect(errs).toEqual(expect.arrayContaining([[3, 'nip'], [4, 'nama'], [5, 'nomor_peserta']]));
    expect(errs.some(([row]: [number]) => row === 2)).toBe(false); // the good row is not blamed
    for (const e of r.body.errors) expect(typeof e.pesan).toBe('string');
    expect((await attendance(pengawas, sess.r1)).counts.total).toBe(0);
  });

  it('a file with an unknown column or a missing one is refused at the header (row 1)', async () => {
    const { sess, pengawas, importAs, attendance } = await setup();
    const header = IMPORT_COLUMNS.map((c) => (c === 'jenjang' ? 'golongan' : c));
    const r = await importAs(pengawas, sess.r1, csv(A, header));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 1, field: 'golongan' }), expect.objectContaining({ row: 1, field: 'jenjang' })
    ]));
    expect((await attendance(pengawas, sess.r1)).counts.total).toBe(0);
  });

  it('a valid CSV imports every row; the room is told', async () => {
    const { sess, pengawas, pushes, importAs, attendance } = await setup();
    const mark = pushes.length;
    const r = await importAs(pengawas, sess.r1, csv([...A, ...B]));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, imported: 4, replaced: 0 });
    const p = await until(() => pushes.slice(mark).find((x) => x.changed.includes('participants')));
    expect(p.session!.counts).toMatchObject({ participants: 4, expected: 4 });
    const att = await attendance(pengawas, sess.r1);
    expect(att.counts).toMatchObject({ total: 4, expected: 4, present: 0 });
    expect(rowOf(att.rows, A[0].nip)).toMatchObject({ name: A[0].nama, instansi: 'Instansi A', nomorPeserta: A[0].nomor, jenjang: 'Ahli Pertama', status: 'expected', stationId: null });
  });

  it('importing again updates the known NIPs ("replaced") instead of adding them twice', async () => {
    const { sess, pengawas, importAs, attendance, importRoster } = await setup();
    await importRoster();
    const r = await importAs(pengawas, sess.r1, csv([{ ...A[0], nama: 'Nama Diperbaiki' }]));
    expect(r.body).toEqual({ ok: true, imported: 0, replaced: 1 });
    const att = await attendance(pengawas, sess.r1);
    expect(att.counts.total).toBe(4);
    expect(rowOf(att.rows, A[0].nip).name).toBe('Nama Diperbaiki');
  });

  it('a nomor peserta already used by another participant of the session is refused', async () => {
    const { sess, pengawas, importAs, attendance, importRoster } = await setup();
    await importRoster();
    const r = await importAs(pengawas, sess.r1, csv([{ ...person(9, 'Instansi A'), nomor: B[0].nomor }]));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'nomor_peserta' })]);
    expect((await attendance(pengawas, sess.r1)).counts.total).toBe(4);
  });

  it('a valid XLSX imports too', async () => {
    const { sess, pengawas, importAs, attendance, importRoster } = await setup();
    await importRoster();
    const more = [person(5, 'Instansi A'), person(6, 'Instansi B')];
    const r = await importAs(pengawas, sess.r1, await xlsx(more), XLSX_TYPE);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, imported: 2, replaced: 0 });
    const att = await attendance(pengawas, sess.r1);
    expect(att.counts.total).toBe(6);
    expect(rowOf(att.rows, more[0].nip)).toMatchObject({ name: more[0].nama, jabatan: 'Pranata Komputer', unitKerja: 'Bidang TI' });
  });

  it('an XLSX whose NIP cell is a number (Excel dropped the last digits) is refused at that row', async () => {
    const { sess, pengawas, importAs, attendance, importRoster } = await setup();
    await importRoster();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Peserta');
    ws.addRow([...IMPORT_COLUMNS]);
    ws.addRow([Number(person(11, 'Instansi A').nip), 'Peserta Angka', '', '', '', 'Instansi A', 'IMP-011']);
    const r = await importAs(pengawas, sess.r1, Buffer.from(await wb.xlsx.writeBuffer()), XLSX_TYPE);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'nip' })]);
    expect((await attendance(pengawas, sess.r1)).counts.total).toBe(4);
  });

  it('an agency operator may import only its own agency\'s people: a row of another agency refuses the file', async () => {
    const { sess, pengawas, operator, importAs, attendance, importRoster } = await setup();
    await importRoster();
    const mixed = [person(7, 'Instansi A'), person(8, 'Instansi B')];
    const r = await importAs(operator, sess.r1, csv(mixed));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'instansi' })]);
    expect((await attendance(pengawas, sess.r1)).counts.total).toBe(4);
    const own = await importAs(operator, sess.r1, csv([mixed[0]]));
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ ok: true, imported: 1, replaced: 0 });
  });

  it('an agency operator may not overwrite another agency\'s participant by importing its NIP as its own', async () => {
    const { sess, pengawas, operator, importAs, attendance, importRoster } = await setup();
    await importRoster();
    // B[0] belongs to Instansi B; the operator of A sends the same NIP labelled Instansi A
    // (Pasal 3: an operator works on its own agency's people only; taking one over would also let
    // it see and register that person from then on)
    const r = await importAs(operator, sess.r1, csv([{ ...B[0], nama: 'Diambil Alih', instansi: 'Instansi A' }]));
    const att = await attendance(pengawas, sess.r1);
    expect(rowOf(att.rows, B[0].nip)).toMatchObject({ name: B[0].nama, instansi: 'Instansi B' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'nip' })]);
  });

  it('import is refused once the session runs', async () => {
    const { sess, pengawas, importAs } = await setup();
    const r = await importAs(pengawas, sess.r3, csv([person(10, 'Instansi A')]));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
  });
});

describe('arrivals (check-in), absences, late flag', () => {
  it('check-in before registration opens is refused (Pasal 14(1)d)', async () => {
    const { srv, sess, pengawas, attendance, importRoster } = await setup();
    await importRoster();
    const pid = (await attendance(pengawas, sess.r1)).rows[0].participantId;
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${pid}/check-in`, ALL_CHECKS);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
  });

  it('an agency operator sees only its agency, and cannot check in or mark absent another agency\'s participant (404)', async () => {
    const { srv, sess, pengawas, operator, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1');
    const all = await attendance(pengawas, sess.r1);
    const own = await attendance(operator, sess.r1);
    const agencyA = all.rows.filter((r) => r.instansi === 'Instansi A');
    expect(own.rows.map((r) => r.nip).sort()).toEqual(agencyA.map((r) => r.nip).sort());
    expect(own.counts.total).toBe(agencyA.length);
    const b = all.rows.find((r) => r.instansi === 'Instansi B');
    const ci = await api(srv.url, operator, 'POST', `/sessions/${sess.r1}/participants/${b.participantId}/check-in`, ALL_CHECKS);
    expect(ci.status).toBe(404);
    expect(JSON.stringify(ci.body)).not.toContain(b.nip);
    const ab = await api(srv.url, operator, 'POST', `/sessions/${sess.r1}/participants/${b.participantId}/absent`, {});
    expect(ab.status).toBe(404);
    expect(rowOf((await attendance(pengawas, sess.r1)).rows, b.nip).status).toBe('expected');
  });

  it('check-in needs all three identity checks (Pasal 14(2)b)', async () => {
    const { srv, sess, pengawas, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1');
    const pid = (await attendance(pengawas, sess.r1)).rows[0].participantId;
    const one = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${pid}/check-in`, { ...ALL_CHECKS, faceMatch: false });
    expect(one.status).toBe(400);
    expect(one.body.issues.map((i: any) => i.path)).toEqual(['faceMatch']);
    const none = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${pid}/check-in`, { idCard: false, participantCard: false, faceMatch: false });
    expect(none.status).toBe(400);
    expect(none.body.issues.map((i: any) => i.path).sort()).toEqual(['faceMatch', 'idCard', 'participantCard']);
    const missing = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${pid}/check-in`, { idCard: true });
    expect(missing.status).toBe(400);
    expect((await attendance(pengawas, sess.r1)).rows[0].status).toBe('expected');
  });

  it('90 minutes before the test: on time; the operator checks in its own participant', async () => {
    const { srv, sess, pengawas, operator, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1');
    const att = await attendance(operator, sess.r1);
    expect(att.lateAfter).toBe(att.session.scheduledAt - LATE_ARRIVAL_MIN * 60_000);
    const p = att.rows[0];
    const r = await api(srv.url, operator, 'POST', `/sessions/${sess.r1}/participants/${p.participantId}/check-in`, { ...ALL_CHECKS, note: 'datang bersama rombongan' });
    expect(r.status).toBe(200);
    expect(r.body.row).toMatchObject({ participantId: p.participantId, status: 'present', late: false, idCard: true, participantCard: true, faceMatch: true, note: 'datang bersama rombongan', recordedBy: expect.any(String) });
    expect(r.body.row.arrivedAt).toBeGreaterThan(Date.now() - 10_000);
    const counts = (await attendance(pengawas, sess.r1)).counts;
    expect(counts).toMatchObject({ present: 1, late: 0 });
  });

  it('30 minutes before the test: late (Lampiran I.A 1.a); exactly 60 minutes before is still on time', async () => {
    const { srv, sess, pengawas, attendance, open } = await setup();
    await open('r2');
    const att = await attendance(pengawas, sess.r2);
    const [p1, p2] = att.rows;
    const late = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r2}/participants/${p1.participantId}/check-in`, ALL_CHECKS);
    expect(late.status).toBe(200);
    expect(late.body.row.late).toBe(true);
    const edge = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r2}/participants/${p2.participantId}/check-in`, { ...ALL_CHECKS, arrivedAt: att.lateAfter });
    expect(edge.status).toBe(200);
    expect(edge.body.row).toMatchObject({ late: false, arrivedAt: att.lateAfter });
    expect((await attendance(pengawas, sess.r2)).counts).toMatchObject({ present: 2, late: 1 });
  });

  it('marking absent, then arriving after all: the desk record follows', async () => {
    const { srv, sess, pengawas, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1', 'r2');
    // 90 minutes before the test nobody is absent yet: they may still register on time
    const early = (await attendance(pengawas, sess.r1)).rows.find((r) => r.status === 'expected');
    const refused = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${early.participantId}/absent`, { note: 'sakit' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'INVALID_STATE', pesan: expect.stringMatching(/Lampiran I\.A 1\.a/) });
    expect(rowOf((await attendance(pengawas, sess.r1)).rows, early.nip).status).toBe('expected');
    // 30 minutes before (R2): past the cut-off
    const p = (await attendance(pengawas, sess.r2)).rows[0];
    const ab = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r2}/participants/${p.participantId}/absent`, { note: 'sakit' });
    expect(ab.status).toBe(200);
    expect(ab.body.row).toMatchObject({ status: 'absent', note: 'sakit', arrivedAt: null });
    const ci = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r2}/participants/${p.participantId}/check-in`, ALL_CHECKS);
    expect(ci.body.row).toMatchObject({ status: 'present' });
  });
});

describe('seats', () => {
  it('seating, a taken seat (409), a seat of another room (404); the tile shows who sits there', async () => {
    const { srv, room, sess, pengawas, dash, stationsOf, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1');
    const [s1, s2] = stationsOf(room.r1);
    const att = await attendance(pengawas, sess.r1);
    const [x, y] = att.rows;
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${x.participantId}/seat`, { stationId: s1.stationId });
    expect(r.status).toBe(200);
    expect(r.body.row).toMatchObject({ stationId: s1.stationId, stationCode: s1.code });
    const taken = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${y.participantId}/seat`, { stationId: s1.stationId });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CONFLICT');
    const elsewhere = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${y.participantId}/seat`, { stationId: stationsOf(room.r2)[0].stationId });
    expect(elsewhere.status).toBe(404);
    // seated at check-in
    const ci = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/participants/${y.participantId}/check-in`, { ...ALL_CHECKS, stationId: s2.stationId });
    expect(ci.status).toBe(200);
    expect(ci.body.row).toMatchObject({ stationId: s2.stationId, status: 'present' });
    const snap = (await call(dash, 'room:join', { roomId: room.r1 })).snapshot;
    const tile = (id: number) => snap.stations.find((s: any) => s.id === id).participant;
    expect(tile(s1.stationId)).toMatchObject({ participantId: x.participantId, nip: x.nip });
    expect(tile(s2.stationId)).toMatchObject({ participantId: y.participantId, attendance: 'present' });
  });
});

describe('seats are participant.control', () => {
  it('an agency operator (registration.manage only) cannot seat or move anyone through check-in', async () => {
    const { srv, room, sess, pengawas, operator, stationsOf, attendance, importRoster, open } = await setup();
    await importRoster();
    await open('r1');
    const free = stationsOf(room.r1)[2];
    const own = (await attendance(operator, sess.r1)).rows.find((r) => r.stationId === null);
    expect(own).toBeDefined();
    const r = await api(srv.url, operator, 'POST', `/sessions/${sess.r1}/participants/${own.participantId}/check-in`, { ...ALL_CHECKS, stationId: free.stationId });
    const after = (await attendance(pengawas, sess.r1)).rows.find((x) => x.participantId === own.participantId);
    expect(after.stationId).toBeNull();
    expect(r.status).toBe(403);
  });
});

describe('moving a participant who has started', () => {
  /** R3's first participant logs in at their PC (R3-A01) and is halfway through the first instrument */
  async function started() {
    const t = await setup();
    const r3 = t.stationsOf(t.room.r3);
    const from = r3[0];
    const spare = r3[r3.length - 1];
    expect(spare.code).toMatch(/-C1$/);
    const tile = (stationId: number) => t.srv.hub.snapshot(t.room.r3)!.stations.find((s) => s.id === stationId)!.participant;
    const st = (await helloStation(t.srv.url, from.token, 'stream-move-1')).st;
    closeAfterTest(st);
    const at = Date.now();
    const ack = await call(st, 'station:events', { v: 1, stream: 'stream-move-1', events: [
      { seq: 1, at: at - 3000, type: 'login', nip: from.participant!.nip },
      { seq: 2, at: at - 2000, type: 'instrument', instrument: 'manajerial_sosiokultural' },
      { seq: 3, at: at - 1000, type: 'progress', instrument: 'manajerial_sosiokultural', percent: 50 }
    ] });
    expect(ack).toEqual({ ok: true, applied: 3 });
    const p = tile(from.stationId)!;
    expect(p).toMatchObject({ nip: from.participant!.nip, loggedIn: true, startedAt: expect.any(Number) });
    expect(p.overallPercent).toBeGreaterThan(0);
    const move = () => api(t.srv.url, t.pengawas, 'POST', `/sessions/${t.sess.r3}/participants/${p.participantId}/seat`, { stationId: spare.stationId, reason: 'PC mati mendadak' });
    return { ...t, from, spare, tile, st, pid: p.participantId!, progress: p.overallPercent, move };
  }
  /** … and after the move goes on at the spare PC (80 %) */
  async function goneOnAtSpare(t: Awaited<ReturnType<typeof started>>) {
    const sp = (await helloStation(t.srv.url, t.spare.token, 'stream-move-spare')).st;
    closeAfterTest(sp);
    const at = Date.now();
    expect(await call(sp, 'station:events', { v: 1, stream: 'stream-move-spare', events: [
      { seq: 1, at, type: 'login', nip: t.from.participant!.nip },
      { seq: 2, at: at + 1, type: 'progress', instrument: 'manajerial_sosiokultural', percent: 80 }
    ] })).toEqual({ ok: true, applied: 2 });
    return sp;
  }

  it('the participant logs in and makes progress at their PC', async () => {
    const { tile, from, pid, progress } = await started();
    expect(tile(from.stationId)).toMatchObject({ participantId: pid, overallPercent: progress });
  });

  it('the move needs a reason; with one, the spare PC takes over the participant with their progress', async () => {
    const { srv, room, sess, pengawas, dash, tile, from, spare, pid, progress, move } = await started();
    const noReason = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r3}/participants/${pid}/seat`, { stationId: spare.stationId });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues.map((i: any) => i.path)).toEqual(['reason']);
    expect(tile(from.stationId)?.participantId).toBe(pid);

    const before = tile(from.stationId)!;
    const r = await move();
    expect(r.status).toBe(200);
    expect(r.body.row).toMatchObject({ stationId: spare.stationId, stationCode: spare.code });
    expect(r.body.row.moves.at(-1)).toMatchObject({ from: from.code, to: spare.code, reason: 'PC mati mendadak' });
    expect(tile(from.stationId)).toBeNull();
    expect(tile(spare.stationId)).toMatchObject({ participantId: pid, overallPercent: progress, startedAt: before.startedAt, deadlineAt: before.deadlineAt });
    const snap = (await call(dash, 'room:join', { roomId: room.r3 })).snapshot;
    expect(snap.stations.find((s: any) => s.id === spare.stationId).participant).toMatchObject({ participantId: pid, overallPercent: progress });
  });

  it('the participant logs in again at the spare PC and goes on: the time allowance is not restarted', async () => {
    const t = await started();
    expect((await t.move()).status).toBe(200);
    const before = t.tile(t.spare.stationId)!;
    await goneOnAtSpare(t);
    const p = t.tile(t.spare.stationId)!;
    expect(p.startedAt).toBe(before.startedAt);
    expect(p.overallPercent).toBeGreaterThan(t.progress);
  });

  it('after a restart on the same database the replay puts the participant at the spare PC with their progress', async () => {
    const t = await started();
    expect((await t.move()).status).toBe(200);
    const sp = await goneOnAtSpare(t);
    const before = structuredClone(t.tile(t.spare.stationId));
    const progress = before!.overallPercent;
    expect(progress).toBeGreaterThan(t.progress);
    t.st.close();
    sp.close();
    await t.srv.restart();
    expect(t.tile(t.from.stationId)).toBeNull();
    expect(t.tile(t.spare.stationId)).toEqual(before);
    expect(t.tile(t.spare.stationId)).toMatchObject({ participantId: t.pid, overallPercent: progress });
    const att = await t.attendance(t.pengawas, t.sess.r3);
    expect(att.rows.find((r) => r.participantId === t.pid)).toMatchObject({ stationId: t.spare.stationId, moves: [expect.objectContaining({ reason: 'PC mati mendadak' })] });
  });
});

describe('a started participant cannot be moved through the desk without a reason', () => {
  it('check-in again with another PC is no way around the reason a move needs', async () => {
    const { srv, room, sess, pengawas, stationsOf, attendance } = await setup();
    const r3 = stationsOf(room.r3);
    const busy = r3[1];
    const free = r3[r3.length - 1]; // the spare: nobody sits there
    const st = (await helloStation(srv.url, busy.token, 'stream-desk-1')).st;
    closeAfterTest(st);
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-desk-1', events: [{ seq: 1, at: Date.now(), type: 'login', nip: busy.participant!.nip }] })).toEqual({ ok: true, applied: 1 });
    const pid = srv.hub.snapshot(room.r3)!.stations.find((s) => s.id === busy.stationId)!.participant!.participantId!;
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r3}/participants/${pid}/check-in`, { ...ALL_CHECKS, stationId: free.stationId });
    const row = (await attendance(pengawas, sess.r3)).rows.find((x) => x.participantId === pid);
    expect(row.stationId).toBe(busy.stationId);
    expect(r.status).toBe(400);
  });
});

describe('others in the room (Pasal 14(1)k)', () => {
  it('a visitor comes in and goes out; the summary counts who is inside', async () => {
    const { srv, room, sess, pengawas, importRoster, open } = await setup();
    await importRoster();
    await open('r1', 'r2');
    const d = dashboardSocket(srv.url, pengawas);
    closeAfterTest(d);
    await connected(d);
    expect((await call(d, 'room:join', { roomId: room.r1 })).ok).toBe(true);
    const got: { session: SessionSummary | null; changed: SessionTopic[] }[] = [];
    d.on('room:session', (m) => got.push(m));

    const v = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/visitors`, { name: 'Drs. Bambang', affiliation: 'BKN Pusat', purpose: 'monitoring pelaksanaan' });
    expect(v.status).toBe(200);
    expect(v.body.visitor).toMatchObject({ name: 'Drs. Bambang', affiliation: 'BKN Pusat', purpose: 'monitoring pelaksanaan', outAt: null, inAt: expect.any(Number), recordedBy: expect.any(String) });
    const inside = await until(() => got.find((m) => m.changed.includes('visitors')));
    expect(inside.session!.visitorsInside).toBe(1);

    const tooEarly = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/visitors/${v.body.visitor.id}/out`, { outAt: v.body.visitor.inAt - 60_000 });
    expect(tooEarly.status).toBe(400);
    const out = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/visitors/${v.body.visitor.id}/out`, {});
    expect(out.status).toBe(200);
    expect(out.body.visitor.outAt).toBeGreaterThanOrEqual(v.body.visitor.inAt);
    await until(() => got.find((m) => m.changed.includes('visitors') && m.session!.visitorsInside === 0));
    const twice = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/visitors/${v.body.visitor.id}/out`, {});
    expect(twice.status).toBe(409);
    // a visitor of this session is not reachable through another session
    const cross = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r2}/visitors/${v.body.visitor.id}/out`, {});
    expect(cross.status).toBe(404);
    const list = await api(srv.url, pengawas, 'GET', `/sessions/${sess.r1}/visitors`);
    expect(list.body.visitors).toEqual([expect.objectContaining({ id: v.body.visitor.id, outAt: out.body.visitor.outAt })]);
    const purpose = await api(srv.url, pengawas, 'POST', `/sessions/${sess.r1}/visitors`, { name: 'Tanpa Tujuan', affiliation: '', purpose: '' });
    expect(purpose.status).toBe(400);
  });
});
