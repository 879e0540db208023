/**
 * Incidents (kejadian) over the real API: recorded against a participant and/or a PC of the
 * session's room, listed with filters, edited with optimistic versions — an edit never
 * overwrites: the replaced text stays as a revision, since incidents feed the berita acara
 * penyelenggaraan (Perban BKN 4/2024 Lampiran I.C.1).
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts) with two rooms, each with a
 * running session, and records and edits what it looks at.
 */
import { describe, expect, it } from 'vitest';
import { api, roomSessionId, until } from '../helpers/server.ts';
import { participantIdsAt, proctorRoom, venuePerTest, watchRoom } from '../helpers/per-test.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'running' }
]);

const ITEM = 'Asesi kedapatan membawa telepon genggam di saku';
const ITEM_EDITED = 'Asesi kedapatan membawa telepon genggam dan jam tangan pintar';

/**
 * A venue of the test's own: R1's session (T: its stations, pid: participants at T0–T2), R2's as
 * "another room", the proctor and the instruktur (watching R1), and the incidents recorded below.
 */
async function setup() {
  const v = await venues.venue();
  const { srv, roomId, pengawas, sessionId } = await proctorRoom(v);
  const instruktur = await v.login('instruktur');
  const T = v.seeded.filter((s) => s.roomId === roomId);
  const foreignStation = v.seeded.find((s) => s.roomId !== roomId)!;
  const otherSession = await roomSessionId(srv.url, pengawas, foreignStation.roomId);
  const pid = await participantIdsAt(v, pengawas, sessionId, T.slice(0, 3));
  const foreignPid = (await api(srv.url, pengawas, 'GET', `/sessions/${otherSession}/attendance`)).body.rows[0].participantId as number;
  const { pushes } = await watchRoom(srv, instruktur, roomId);

  const record = (body: object, who = pengawas, session = sessionId) => api(srv.url, who, 'POST', `/sessions/${session}/incidents`, body);
  const list = async (query = '') => {
    const r = await api(srv.url, instruktur, 'GET', `/sessions/${sessionId}/incidents${query}`);
    expect(r.status).toBe(200);
    return r.body.incidents as any[];
  };
  const edit = (id: number, body: object, who = pengawas) => api(srv.url, who, 'PATCH', `/incidents/${id}`, body);
  const ids: Record<string, number> = {};
  const ok = (r: { status: number; body: any }) => {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.incident;
  };
  /** the phone found on T0's participant, 5 minutes ago (version 1) */
  async function recordItem(occurredAt = Date.now() - 5 * 60_000) {
    const inc = ok(await record({
      category: 'prohibited_item', participantId: pid[0], stationId: T[0].stationId, occurredAt, description: ITEM, actionTaken: 'Telepon dititipkan ke panitia'
    }));
    ids.item = inc.id;
    return inc;
  }
  /** a technical one by the IT officer (T1), a late arrival (pid 2), one against nothing by the instruktur */
  async function recordMore() {
    const net = ok(await record({ category: 'network_failure', stationId: T[1].stationId, description: 'Koneksi PC terputus 3 menit', actionTaken: 'Kabel LAN diganti' }, await v.login('petugas_ti')));
    ids.net = net.id;
    const late = ok(await record({ category: 'late_arrival', participantId: pid[2], description: 'Registrasi 20 menit sebelum tes', actionTaken: '' }));
    ids.late = late.id;
    const other = ok(await record({ category: 'other', description: 'Pendingin ruangan mati', actionTaken: 'Jendela dibuka' }, instruktur));
    ids.other = other.id;
    return { net, late, other };
  }
  /** the first edit of the item (version 1 → 2), with a reason */
  const editItem = async (who = instruktur) =>
    edit(ids.item, { version: 1, description: ITEM_EDITED, reason: 'melengkapi barang yang ditemukan' }, who);
  /** the second (2 → 3): another category and participant, no PC */
  const editItemAgain = async () => edit(ids.item, { version: 2, category: 'recording', participantId: pid[1], stationId: null });
  return { v, srv, roomId, sessionId, otherSession, pengawas, instruktur, T, foreignStation, pid, foreignPid, pushes, record, list, edit, ids, recordItem, recordMore, editItem, editItemAgain };
}

describe('incidents', () => {
  it('record one against a participant and their PC: named in the answer, counted for the room', async () => {
    const { sessionId, T, pid, pushes, record } = await setup();
    const occurredAt = Date.now() - 5 * 60_000;
    const mark = pushes.length;
    const r = await record({
      category: 'prohibited_item', participantId: pid[0], stationId: T[0].stationId, occurredAt,
      description: ITEM, actionTaken: 'Telepon dititipkan ke panitia'
    });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({
      sessionId, category: 'prohibited_item', participantId: pid[0], participantNip: T[0].participant!.nip, participantName: T[0].participant!.name,
      stationId: T[0].stationId, stationCode: T[0].code, occurredAt, version: 1, reporter: expect.any(String),
      description: ITEM, actionTaken: 'Telepon dititipkan ke panitia'
    });
    const p = await until(() => pushes.slice(mark).find((x) => x.changed.includes('incidents')));
    expect(p.session!.incidents).toBe(1);
  });

  it('record more: a technical one by the IT officer, one against a participant only, one against nothing', async () => {
    const { T, recordMore } = await setup();
    const { net, late, other } = await recordMore();
    expect(net).toMatchObject({ participantId: null, participantName: null, stationCode: T[1].code });
    expect(late).toMatchObject({ category: 'late_arrival' });
    expect(other.occurredAt).toBeGreaterThan(Date.now() - 10_000); // default: now
  });

  it('lists with filters (category, station, participant), newest first', async () => {
    const { srv, sessionId, otherSession, pengawas, instruktur, T, pid, list, ids, recordItem, recordMore } = await setup();
    await recordItem();
    await recordMore();
    const all = await list();
    expect(all.map((i) => i.id)).toEqual([ids.other, ids.late, ids.net, ids.item]);
    expect((await list('?category=prohibited_item')).map((i) => i.id)).toEqual([ids.item]);
    expect((await list(`?stationId=${T[1].stationId}`)).map((i) => i.id)).toEqual([ids.net]);
    expect((await list(`?participantId=${pid[2]}`)).map((i) => i.id)).toEqual([ids.late]);
    expect((await list(`?category=prohibited_item&participantId=${pid[2]}`))).toEqual([]);
    const bad = await api(srv.url, instruktur, 'GET', `/sessions/${sessionId}/incidents?category=bukan_kategori`);
    expect(bad.status).toBe(400);
    // another session's list does not show them
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${otherSession}/incidents`)).body.incidents).toEqual([]);
  });

  it('refuses a participant or a PC that is not of this session\'s room; nothing is recorded', async () => {
    const { foreignStation, foreignPid, record, list, recordItem, recordMore } = await setup();
    await recordItem();
    await recordMore();
    const p = await record({ category: 'talking', participantId: foreignPid, description: 'berbicara dengan asesi lain', actionTaken: '' });
    expect(p.status).toBe(404);
    expect(p.body.issues).toEqual([expect.objectContaining({ path: 'participantId' })]);
    const s = await record({ category: 'station_offline', stationId: foreignStation.stationId, description: 'PC mati', actionTaken: '' });
    expect(s.status).toBe(404);
    expect(s.body.issues).toEqual([expect.objectContaining({ path: 'stationId' })]);
    const none = await record({ category: 'station_offline', stationId: 987654, description: 'PC mati', actionTaken: '' });
    expect(none.status).toBe(404);
    const short = await record({ category: 'other', description: 'x', actionTaken: '' });
    expect(short.status).toBe(400);
    expect((await list()).length).toBe(4);
  });

  it('edit with the current version: the text changes, the version goes up, the room is told', async () => {
    const { pid, pushes, ids, recordItem, editItem } = await setup();
    await recordItem();
    const mark = pushes.length;
    const r = await editItem();
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({
      id: ids.item, version: 2, description: ITEM_EDITED,
      actionTaken: 'Telepon dititipkan ke panitia', category: 'prohibited_item', participantId: pid[0]
    });
    expect(r.body.incident.updatedAt).toBeGreaterThanOrEqual(r.body.incident.createdAt);
    await until(() => pushes.slice(mark).find((x) => x.changed.includes('incidents')));
  });

  it('a stale version is refused (409) and changes nothing', async () => {
    const { list, edit, ids, recordItem, editItem } = await setup();
    await recordItem();
    expect((await editItem()).status).toBe(200);
    const r = await edit(ids.item, { version: 1, description: 'tulisan yang akan menimpa' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CONFLICT');
    const [now] = (await list('?category=prohibited_item'));
    expect(now).toMatchObject({ version: 2, description: ITEM_EDITED });
  });

  it('an edit to a participant or PC of another room is refused and changes nothing', async () => {
    const { T, pid, foreignPid, foreignStation, list, edit, ids, recordItem, editItem } = await setup();
    await recordItem();
    expect((await editItem()).status).toBe(200);
    const p = await edit(ids.item, { version: 2, participantId: foreignPid });
    expect(p.status).toBe(404);
    const s = await edit(ids.item, { version: 2, stationId: foreignStation.stationId });
    expect(s.status).toBe(404);
    const [now] = (await list('?category=prohibited_item'));
    expect(now).toMatchObject({ version: 2, participantId: pid[0], stationId: T[0].stationId });
  });

  it('edit of the category and the participant: a second revision', async () => {
    const { T, pid, recordItem, editItem, editItemAgain } = await setup();
    await recordItem();
    expect((await editItem()).status).toBe(200);
    const r = await editItemAgain();
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({ version: 3, category: 'recording', participantId: pid[1], participantNip: T[1].participant!.nip, stationId: null, stationCode: null });
  });

  it('the history keeps every earlier version with who replaced it and why', async () => {
    const { srv, instruktur, T, pid, ids, recordItem, editItem, editItemAgain } = await setup();
    await recordItem();
    expect((await editItem()).status).toBe(200);
    expect((await editItemAgain()).status).toBe(200);
    const h = await api(srv.url, instruktur, 'GET', `/incidents/${ids.item}/history`);
    expect(h.status).toBe(200);
    expect(h.body.incident).toMatchObject({ id: ids.item, version: 3 });
    expect(h.body.revisions).toHaveLength(2);
    const [v1, v2] = h.body.revisions;
    expect(v1).toMatchObject({
      version: 1, reason: 'melengkapi barang yang ditemukan', by: expect.any(String),
      data: { category: 'prohibited_item', description: ITEM, participantId: pid[0], stationCode: T[0].code }
    });
    expect(v2).toMatchObject({
      version: 2, reason: null,
      data: { category: 'prohibited_item', description: ITEM_EDITED, participantId: pid[0], stationId: T[0].stationId }
    });
    expect(v1.at).toBeLessThanOrEqual(v2.at);
    expect((await api(srv.url, instruktur, 'GET', '/incidents/987654/history')).status).toBe(404);
  });

  it('recording and editing are in the audit trail', async () => {
    const { srv, pengawas, ids, recordItem, recordMore, editItem, editItemAgain } = await setup();
    await recordItem();
    await recordMore();
    expect((await editItem()).status).toBe(200);
    expect((await editItemAgain()).status).toBe(200);
    // (the proctor's audit view is its venue's: this test's)
    const rec = (await api(srv.url, pengawas, 'GET', '/audit?action=incident.recorded')).body.rows;
    const ed = (await api(srv.url, pengawas, 'GET', '/audit?action=incident.edited')).body.rows;
    expect(rec.map((r: any) => r.targetId).sort()).toEqual(Object.values(ids).map(String).sort());
    expect(ed.filter((r: any) => r.targetId === String(ids.item))).toHaveLength(2);
    expect(ed.at(-1)).toMatchObject({ before: { version: 1 }, after: { reason: 'melengkapi barang yang ditemukan' } });
  });
});
