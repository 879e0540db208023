/**
 * A finished session does not disappear: after "Tutup sesi" (finalise) the room
 * lists every one of its sessions — GET /api/rooms/:id/sessions, newest first, with state,
 * schedule and counts — and the finalised session's records (checklist, incidents, attendance,
 * participants) are still read through the session routes, while every change to them is refused.
 * The history has the same door as the room's current session: another venue's proctor gets 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { sessions as sessionsTable } from '../../db/schema.ts';
import type { SessionHistoryEntry, SessionHistoryResponse } from '../../protocol/index.ts';
import { api, apiRaw, checklistBody, loginAs, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';
import { walkSession, type WalkedSession } from '../helpers/session-walk.ts';

const DAY = 24 * 60 * 60_000;

let srv: TestServer;
let roomId: number;
let roomU: number;
let sessU: number;
let s1: number;
let s0: number;
let s2: number;
let walked: WalkedSession;
let pengawas: Session;
let pengawasU: Session;
let koordinator: Session;
let operator: Session;
let admin: Session;

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 50 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 2, session: 'scheduled', startsInMin: 90 }
  ], { otherVenue: true });
  roomId = srv.seeded[0].roomId;
  roomU = srv.other[0].roomId;
  [pengawas, koordinator, operator, admin] = await Promise.all([srv.login('pengawas'), srv.login('koordinator'), srv.login('operator_instansi'), srv.login('admin')]);
  s1 = await roomSessionId(srv.url, pengawas, roomId);
  sessU = await roomSessionId(srv.url, admin, roomU);
  // an old session finalised last week, and the next one tomorrow: the history has three
  const now = Date.now();
  s0 = srv.db.insert(sessionsTable).values({ roomId, code: 'R1-S0', name: 'Sesi lalu', state: 'finalised', scheduledAt: now - 7 * DAY, startedAt: now - 7 * DAY, finishedAt: now - 7 * DAY + 3 * 3600_000, durationMin: 180, stateChangedAt: now - 7 * DAY + 4 * 3600_000 }).returning().get().id;
  s2 = srv.db.insert(sessionsTable).values({ roomId, code: 'R1-S2', name: 'Sesi besok', state: 'scheduled', scheduledAt: now + DAY, durationMin: 180, stateChangedAt: now }).returning().get().id;
  // a proctor of the other venue
  const pu = await api(srv.url, admin, 'POST', '/users', {
    nip: demoNip(20201), name: 'Pengawas Venue U', roles: ['pengawas'], scopes: [{ kind: 'venue', venueId: srv.other[0].venueId }], password: 'Pengawas-Venue-U1'
  });
  expect(pu.status).toBe(201);
  pengawasU = await loginAs(srv.url, demoNip(20201), 'Pengawas-Venue-U1');
  walked = await walkSession(srv.url, pengawas, s1, { presentCount: 2, station: srv.seeded[0] });
});

afterAll(async () => {
  await srv?.dispose();
});

const history = (who: Session, room = roomId, query = '') => api(srv.url, who, 'GET', `/rooms/${room}/sessions${query}`);

describe('GET /api/rooms/:id/sessions', () => {
  it('after finalising, the room has no current session, but its history lists every session, newest first', async () => {
    // the next scheduled session is the room's current one now; the finalised one left that place
    const cur = await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/session`);
    expect(cur.body.session).toMatchObject({ id: s2, state: 'scheduled' });

    const r = await history(pengawas);
    expect(r.status).toBe(200);
    const body = r.body as SessionHistoryResponse;
    expect(body.room).toMatchObject({ id: roomId, code: 'R1', name: 'Ruang CAT 1', venueName: 'Venue Uji' });
    expect(body.currentId).toBe(s2);
    expect(body.total).toBe(3);
    expect(body.sessions.map((s) => s.id)).toEqual([s2, s1, s0]);
    const [next, done, old] = body.sessions;
    expect(next).toMatchObject({ state: 'scheduled', current: true, readOnly: false, checklist: { status: 'none' }, incidents: 0 });
    expect(old).toMatchObject({ code: 'R1-S0', state: 'finalised', current: false, readOnly: true, counts: { participants: 0 } });
    expect(done).toMatchObject<Partial<SessionHistoryEntry>>({
      id: s1, code: 'R1-S1', state: 'finalised', current: false, readOnly: true,
      checklist: { status: 'complete', conclusion: 'layak' },
      counts: { participants: 4, present: 2, absent: 2, expected: 0, late: 0 },
      incidents: 1, visitors: 1
    });
    expect(done.startedAt).toEqual(expect.any(Number));
    expect(done.finishedAt).toEqual(expect.any(Number));
    expect(done.scheduledAt).toBeGreaterThan(Date.now());
  });

  it('pages with limit and offset, or picks one session', async () => {
    const r = await history(pengawas, roomId, '?limit=1&offset=1');
    expect(r.status).toBe(200);
    expect(r.body.sessions.map((s: SessionHistoryEntry) => s.id)).toEqual([s1]);
    expect(r.body.total).toBe(3);
    // one session by id (a page opened with ?session=ID); another room's gives an empty list
    const one = await history(pengawas, roomId, `?session=${s0}`);
    expect(one.body.sessions.map((s: SessionHistoryEntry) => s.id)).toEqual([s0]);
    expect(one.body.currentId).toBe(s2);
    expect((await history(admin, roomId, `?session=${sessU}`)).body.sessions).toEqual([]);
    expect((await history(pengawas, roomId, '?session=abc')).status).toBe(400);
    expect((await history(pengawas, roomId, '?limit=0')).status).toBe(400);
    expect((await history(pengawas, roomId, '?offset=-1')).status).toBe(400);
  });

  it('has the door of the current session: scope first, the koordinator and the agency operator of the venue may look', async () => {
    expect((await history(koordinator)).status).toBe(200);
    expect((await history(operator)).status).toBe(200);
    // another venue's proctor: neither the history nor any record of it
    const u = await history(pengawasU);
    expect(u.status).toBe(403);
    expect(JSON.stringify(u.body)).not.toContain('R1-S1');
    expect((await api(srv.url, pengawasU, 'GET', `/rooms/${roomId}/session`)).status).toBe(403);
    // the other venue's room is out of the first venue's scope, and in the national admin's
    expect((await history(pengawas, roomU)).status).toBe(403);
    expect((await history(admin, roomU)).status).toBe(200);
    expect((await history(pengawasU, roomU)).body.sessions.map((s: SessionHistoryEntry) => s.id)).toEqual([sessU]);
    // an unknown room; a malformed id
    expect((await history(pengawas, 999_999)).status).toBe(404);
    expect((await api(srv.url, pengawas, 'GET', '/rooms/abc/sessions')).status).toBe(400);
    expect((await api(srv.url, null, 'GET', `/rooms/${roomId}/sessions`)).status).toBe(401);
  });
});

describe('the finalised session\'s records stay readable', () => {
  it('checklist, incidents, visitors, attendance and the session itself', async () => {
    const cl = await api(srv.url, pengawas, 'GET', `/sessions/${s1}/checklist`);
    expect(cl.status).toBe(200);
    expect(cl.body.checklist).toMatchObject({ sessionId: s1, conclusion: 'layak', signers: { bkn: { name: 'Pengawas BKN' } } });
    expect(cl.body.checklist.completedAt).toEqual(expect.any(Number));
    // a closed record: the room's stations now say nothing about it (no live suggestions)
    expect(cl.body.checklist.suggestions).toEqual({});
    expect(cl.body.checklist.suggestedCounts).toEqual({});

    const inc = await api(srv.url, pengawas, 'GET', `/sessions/${s1}/incidents`);
    expect(inc.body.incidents).toHaveLength(1);
    expect(inc.body.incidents[0]).toMatchObject({ id: walked.incidentId, category: 'power_failure' });
    expect((await api(srv.url, pengawas, 'GET', `/incidents/${walked.incidentId}/history`)).status).toBe(200);

    const vis = await api(srv.url, pengawas, 'GET', `/sessions/${s1}/visitors`);
    expect(vis.body.visitors).toHaveLength(1);

    const att = await api(srv.url, pengawas, 'GET', `/sessions/${s1}/attendance`);
    expect(att.body.session).toMatchObject({ id: s1, state: 'finalised' });
    expect(att.body.counts).toMatchObject({ total: 4, present: 2, absent: 2 });

    const detail = await api(srv.url, pengawas, 'GET', `/sessions/${s1}`);
    expect(detail.body.session).toMatchObject({ id: s1, state: 'finalised', actions: [] });
    expect(detail.body.transitions.map((t: { action: string }) => t.action)).toEqual(['finalise', 'finish', 'start', 'open', 'prepare']);
  });

  it('GET /api/rooms/:id/participants?session= gives that session\'s roster (agency-filtered for an operator), only for the room\'s own sessions', async () => {
    const all = await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/participants?session=${s1}`);
    expect(all.status).toBe(200);
    expect(all.body.session).toMatchObject({ id: s1, code: 'R1-S1', state: 'finalised' });
    expect(all.body.participants).toHaveLength(4);
    // without ?session the current one (tomorrow's, no roster yet)
    const cur = await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/participants`);
    expect(cur.body.session).toMatchObject({ id: s2 });
    expect(cur.body.participants).toHaveLength(0);

    const own = await api(srv.url, operator, 'GET', `/rooms/${roomId}/participants?session=${s1}`);
    expect(own.status).toBe(200);
    expect(own.body.participants.length).toBeGreaterThan(0);
    expect(own.body.participants.length).toBeLessThan(4);
    expect(new Set(own.body.participants.map((p: { instansi: string }) => p.instansi))).toEqual(new Set(['Instansi A']));

    // another room's session is not this room's history; an unknown one neither
    expect((await api(srv.url, admin, 'GET', `/rooms/${roomId}/participants?session=${sessU}`)).status).toBe(404);
    expect((await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/participants?session=999999`)).status).toBe(404);
    expect((await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/participants?session=x`)).status).toBe(400);
    // another venue's proctor
    expect((await api(srv.url, pengawasU, 'GET', `/rooms/${roomId}/participants?session=${s1}`)).status).toBe(403);
  });

  it('another venue\'s proctor reaches none of the records', async () => {
    for (const path of [`/sessions/${s1}`, `/sessions/${s1}/checklist`, `/sessions/${s1}/incidents`, `/sessions/${s1}/attendance`, `/sessions/${s1}/visitors`, `/incidents/${walked.incidentId}/history`]) {
      const r = await api(srv.url, pengawasU, 'GET', path);
      expect(r.status, path).toBe(403);
    }
  });
});

describe('a finalised session is read-only on the server', () => {
  it('refuses every change with 409 INVALID_STATE', async () => {
    const pid = walked.present[0].participantId;
    const attempts: [string, string, unknown?][] = [
      ['PUT', `/sessions/${s1}/checklist`, checklistBody(99, { filled: true })],
      ['POST', `/sessions/${s1}/incidents`, { category: 'other', description: 'terlambat dicatat', actionTaken: '' }],
      ['PATCH', `/incidents/${walked.incidentId}`, { version: 1, description: 'diubah setelah final', reason: 'koreksi' }],
      ['POST', `/sessions/${s1}/visitors`, { name: 'Tamu', affiliation: 'BKN', purpose: 'monitoring' }],
      ['POST', `/sessions/${s1}/visitors/${walked.visitorId}/out`, {}],
      ['POST', `/sessions/${s1}/participants/${pid}/check-in`, { idCard: true, participantCard: true, faceMatch: true }],
      ['POST', `/sessions/${s1}/participants/${walked.absent[0].participantId}/absent`, {}],
      ['POST', `/sessions/${s1}/participants/${pid}/seat`, { stationId: srv.seeded[0].stationId }],
      ['POST', `/sessions/${s1}/pin`, { lifetimeMin: 30 }],
      ['POST', `/sessions/${s1}/actions`, { kind: 'end', participantIds: [pid], reason: 'setelah final' }],
      ['POST', `/sessions/${s1}/transition`, { action: 'finish', reason: 'lagi' }],
      ['POST', `/sessions/${s1}/transition`, { action: 'postpone', reason: 'lagi' }]
    ];
    const wrong: string[] = [];
    for (const [method, path, body] of attempts) {
      const r = await api(srv.url, pengawas, method, path, body);
      if (r.status !== 409 || r.body.code !== 'INVALID_STATE') wrong.push(`${method} ${path}: ${r.status} ${r.body?.code}`);
    }
    const imp = await apiRaw(srv.url, pengawas, 'POST', `/sessions/${s1}/participants/import`,
      `nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta\r\n${demoNip(30002)},Peserta Baru,Analis,Ahli Pertama,Umum,Instansi A,X-0001\r\n`, 'text/csv');
    if (imp.status !== 409) wrong.push(`import: ${imp.status} ${imp.body?.code}`);
    expect(wrong).toEqual([]);
    // and nothing changed
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${s1}/incidents`)).body.incidents[0].version).toBe(1);
    expect((await history(pengawas)).body.sessions.find((s: SessionHistoryEntry) => s.id === s1)).toMatchObject({ state: 'finalised', incidents: 1, visitors: 1, counts: { participants: 4 } });
  });
});
