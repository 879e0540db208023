/**
 * Incidents (kejadian) over the real API: recorded against a participant and/or a PC of the
 * session's room, listed with filters, edited with optimistic versions — an edit never
 * overwrites: the replaced text stays as a revision, since incidents feed the berita acara
 * penyelenggaraan (Perban BKN 4/2024 Lampiran I.C.1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary, SessionTopic } from '../../protocol/index.ts';
import {
  api, call, connected, dashboardSocket, roomSessionId, startTestServer, until,
  type DashboardClient, type Session, type TestServer
} from '../helpers/server.ts';

let srv: TestServer;
let roomId: number;
let sessionId: number;
let otherSession: number;
let pengawas: Session;
let instruktur: Session;
let dash: DashboardClient;
const pushes: { session: SessionSummary | null; changed: SessionTopic[] }[] = [];
/** participants at seeded stations T0..T2, and one of the other room's session */
const pid: number[] = [];
let foreignPid: number;
const T = () => srv.seeded.filter((s) => s.roomId === roomId);
const foreignStation = () => srv.seeded.find((s) => s.roomId !== roomId)!;

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 50 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'running' }
  ]);
  roomId = srv.seeded[0].roomId;
  pengawas = await srv.login('pengawas');
  instruktur = await srv.login('instruktur');
  sessionId = await roomSessionId(srv.url, pengawas, roomId);
  otherSession = await roomSessionId(srv.url, pengawas, foreignStation().roomId);
  const rows = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/attendance`)).body.rows as { participantId: number; nip: string }[];
  for (const s of T().slice(0, 3)) pid.push(rows.find((r) => r.nip === s.participant!.nip)!.participantId);
  foreignPid = (await api(srv.url, pengawas, 'GET', `/sessions/${otherSession}/attendance`)).body.rows[0].participantId;
  dash = dashboardSocket(srv.url, instruktur);
  await connected(dash);
  expect((await call(dash, 'room:join', { roomId })).ok).toBe(true);
  dash.on('room:session', (m) => pushes.push(m));
});

afterAll(async () => {
  dash?.close();
  await srv?.dispose();
});

const record = (body: object, who = pengawas, session = sessionId) => api(srv.url, who, 'POST', `/sessions/${session}/incidents`, body);
const list = async (query = '') => {
  const r = await api(srv.url, instruktur, 'GET', `/sessions/${sessionId}/incidents${query}`);
  expect(r.status).toBe(200);
  return r.body.incidents as any[];
};

describe('incidents', () => {
  const ids: Record<string, number> = {};

  it('record one against a participant and their PC: named in the answer, counted for the room', async () => {
    const occurredAt = Date.now() - 5 * 60_000;
    const mark = pushes.length;
    const r = await record({
      category: 'prohibited_item', participantId: pid[0], stationId: T()[0].stationId, occurredAt,
      description: 'Asesi kedapatan membawa telepon genggam di saku', actionTaken: 'Telepon dititipkan ke panitia'
    });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({
      sessionId, category: 'prohibited_item', participantId: pid[0], participantNip: T()[0].participant!.nip, participantName: T()[0].participant!.name,
      stationId: T()[0].stationId, stationCode: T()[0].code, occurredAt, version: 1, reporter: expect.any(String),
      description: 'Asesi kedapatan membawa telepon genggam di saku', actionTaken: 'Telepon dititipkan ke panitia'
    });
    ids.item = r.body.incident.id;
    const p = await until(() => pushes.slice(mark).find((x) => x.changed.includes('incidents')));
    expect(p.session!.incidents).toBe(1);
  });

  it('record more: a technical one by the IT officer, one against a participant only, one against nothing', async () => {
    const it1 = await record({ category: 'network_failure', stationId: T()[1].stationId, description: 'Koneksi PC terputus 3 menit', actionTaken: 'Kabel LAN diganti' }, await srv.login('petugas_ti'));
    expect(it1.status).toBe(200);
    expect(it1.body.incident).toMatchObject({ participantId: null, participantName: null, stationCode: T()[1].code });
    ids.net = it1.body.incident.id;
    const late = await record({ category: 'late_arrival', participantId: pid[2], description: 'Registrasi 20 menit sebelum tes', actionTaken: '' });
    expect(late.status).toBe(200);
    ids.late = late.body.incident.id;
    const other = await record({ category: 'other', description: 'Pendingin ruangan mati', actionTaken: 'Jendela dibuka' }, instruktur);
    expect(other.status).toBe(200);
    expect(other.body.incident.occurredAt).toBeGreaterThan(Date.now() - 10_000); // default: now
    ids.other = other.body.incident.id;
  });

  it('lists with filters (category, station, participant), newest first', async () => {
    const all = await list();
    expect(all.map((i) => i.id)).toEqual([ids.other, ids.late, ids.net, ids.item]);
    expect((await list('?category=prohibited_item')).map((i) => i.id)).toEqual([ids.item]);
    expect((await list(`?stationId=${T()[1].stationId}`)).map((i) => i.id)).toEqual([ids.net]);
    expect((await list(`?participantId=${pid[2]}`)).map((i) => i.id)).toEqual([ids.late]);
    expect((await list(`?category=prohibited_item&participantId=${pid[2]}`))).toEqual([]);
    const bad = await api(srv.url, instruktur, 'GET', `/sessions/${sessionId}/incidents?category=bukan_kategori`);
    expect(bad.status).toBe(400);
    // another session's list does not show them
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${otherSession}/incidents`)).body.incidents).toEqual([]);
  });

  it('refuses a participant or a PC that is not of this session\'s room; nothing is recorded', async () => {
    const p = await record({ category: 'talking', participantId: foreignPid, description: 'berbicara dengan asesi lain', actionTaken: '' });
    expect(p.status).toBe(404);
    expect(p.body.issues).toEqual([expect.objectContaining({ path: 'participantId' })]);
    const s = await record({ category: 'station_offline', stationId: foreignStation().stationId, description: 'PC mati', actionTaken: '' });
    expect(s.status).toBe(404);
    expect(s.body.issues).toEqual([expect.objectContaining({ path: 'stationId' })]);
    const none = await record({ category: 'station_offline', stationId: 987654, description: 'PC mati', actionTaken: '' });
    expect(none.status).toBe(404);
    const short = await record({ category: 'other', description: 'x', actionTaken: '' });
    expect(short.status).toBe(400);
    expect((await list()).length).toBe(4);
  });

  it('edit with the current version: the text changes, the version goes up, the room is told', async () => {
    const mark = pushes.length;
    const r = await api(srv.url, instruktur, 'PATCH', `/incidents/${ids.item}`, {
      version: 1, description: 'Asesi kedapatan membawa telepon genggam dan jam tangan pintar', reason: 'melengkapi barang yang ditemukan'
    });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({
      id: ids.item, version: 2, description: 'Asesi kedapatan membawa telepon genggam dan jam tangan pintar',
      actionTaken: 'Telepon dititipkan ke panitia', category: 'prohibited_item', participantId: pid[0]
    });
    expect(r.body.incident.updatedAt).toBeGreaterThanOrEqual(r.body.incident.createdAt);
    await until(() => pushes.slice(mark).find((x) => x.changed.includes('incidents')));
  });

  it('a stale version is refused (409) and changes nothing', async () => {
    const r = await api(srv.url, pengawas, 'PATCH', `/incidents/${ids.item}`, { version: 1, description: 'tulisan yang akan menimpa' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CONFLICT');
    const [now] = (await list('?category=prohibited_item'));
    expect(now).toMatchObject({ version: 2, description: 'Asesi kedapatan membawa telepon genggam dan jam tangan pintar' });
  });

  it('an edit to a participant or PC of another room is refused and changes nothing', async () => {
    const p = await api(srv.url, pengawas, 'PATCH', `/incidents/${ids.item}`, { version: 2, participantId: foreignPid });
    expect(p.status).toBe(404);
    const s = await api(srv.url, pengawas, 'PATCH', `/incidents/${ids.item}`, { version: 2, stationId: foreignStation().stationId });
    expect(s.status).toBe(404);
    const [now] = (await list('?category=prohibited_item'));
    expect(now).toMatchObject({ version: 2, participantId: pid[0], stationId: T()[0].stationId });
  });

  it('edit of the category and the participant: a second revision', async () => {
    const r = await api(srv.url, pengawas, 'PATCH', `/incidents/${ids.item}`, { version: 2, category: 'recording', participantId: pid[1], stationId: null });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({ version: 3, category: 'recording', participantId: pid[1], participantNip: T()[1].participant!.nip, stationId: null, stationCode: null });
  });

  it('the history keeps every earlier version with who replaced it and why', async () => {
    const h = await api(srv.url, instruktur, 'GET', `/incidents/${ids.item}/history`);
    expect(h.status).toBe(200);
    expect(h.body.incident).toMatchObject({ id: ids.item, version: 3 });
    expect(h.body.revisions).toHaveLength(2);
    const [v1, v2] = h.body.revisions;
    expect(v1).toMatchObject({
      version: 1, reason: 'melengkapi barang yang ditemukan', by: expect.any(String),
      data: { category: 'prohibited_item', description: 'Asesi kedapatan membawa telepon genggam di saku', participantId: pid[0], stationCode: T()[0].code }
    });
    expect(v2).toMatchObject({
      version: 2, reason: null,
      data: { category: 'prohibited_item', description: 'Asesi kedapatan membawa telepon genggam dan jam tangan pintar', participantId: pid[0], stationId: T()[0].stationId }
    });
    expect(v1.at).toBeLessThanOrEqual(v2.at);
    expect((await api(srv.url, instruktur, 'GET', '/incidents/987654/history')).status).toBe(404);
  });

  it('recording and editing are in the audit trail', async () => {
    const rec = (await api(srv.url, pengawas, 'GET', '/audit?action=incident.recorded')).body.rows;
    const ed = (await api(srv.url, pengawas, 'GET', '/audit?action=incident.edited')).body.rows;
    expect(rec.map((r: any) => r.targetId).sort()).toEqual(Object.values(ids).map(String).sort());
    expect(ed.filter((r: any) => r.targetId === String(ids.item))).toHaveLength(2);
    expect(ed.at(-1)).toMatchObject({ before: { version: 1 }, after: { reason: 'melengkapi barang yang ditemukan' } });
  });
});
