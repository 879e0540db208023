/**
 * Finalising, and a session that is frozen once finalised (Perban BKN 4/2024 Pasal 14(1)l–m,
 * 14(3)–(4); SE BKN 6/2026 §5.g.2), over a real server and a real SQLite file.
 *
 * 1. Finalising a walked session: refused while anyone who did not complete the whole series has
 *    no reason (named in the refusal and in the preview); the completion list with its
 *    suggestions; the reasons recorded (audited; "other" needs a note); then finalised, and from
 *    then on the session's records refuse every change with one message. A session nobody
 *    started is not finalised.
 * 2. THE TABLE: every route of protocol/routes.ts that changes something of a session (a non-GET
 *    route under /api/sessions/:id, or one naming an incident of a session) is asked against a
 *    finalised session and must answer 409 INVALID_STATE with the one message session.finalised —
 *    so a route added later without the door fails here. A route that acts on a finalised session
 *    on purpose must be named in ON_PURPOSE, with why.
 * 3. The dashboard's socket events: each is classified; none acts on a session's records, so none
 *    can change a finalised one; a new event must be classified here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { INSTRUMENTS, type CompletionRow } from '../../protocol/index.ts';
import { ROUTES, type AnyRoute } from '../../protocol/routes.ts';
import { DASHBOARD_SCHEMAS } from '../../protocol/schemas/socket-maps.ts';
import { insertSessionRecord } from '../helpers/completion.ts';
import { api, apiRaw, call, helloStation, openSession, roomSessionId, startTestServer, type Session, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
let pengawas: Session;
let admin: Session;

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 50 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 5, session: 'scheduled', startsInMin: 90 }
  ]);
  [pengawas, admin] = await Promise.all([srv.login('pengawas'), srv.login('admin')]);
});

afterAll(async () => {
  await srv?.dispose();
});

/** the one refusal of every change to a finalised session */
const FINALISED = { status: 409, code: 'INVALID_STATE', messageCode: 'session.finalised' } as const;
const refusal = (r: { status: number; body: any }) => ({ status: r.status, code: r.body?.code, messageCode: r.body?.messageCode });

/** An agent at a seeded station: hello, then events numbered in order. */
async function agent(i: number) {
  const stream = `frozen-${i}-${Date.now()}`;
  const { st } = await helloStation(srv.url, srv.seeded[i].token, stream);
  let seq = 0;
  const send = async (...events: object[]) => {
    const now = Date.now();
    const r = await call(st, 'station:events', { v: 1, stream, events: events.map((e, k) => ({ at: now + k, ...e, seq: ++seq })) });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  return { st, send };
}

describe('finalising needs a reason for everyone who did not complete the whole series', () => {
  let sessionId: number;
  let rows: { participantId: number; nip: string; name: string }[];
  const post = (path: string, body: unknown = {}) => api(srv.url, pengawas, 'POST', `/sessions/${sessionId}${path}`, body);
  const get = async (path: string) => (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}${path}`)).body;
  const byId = (list: CompletionRow[], pid: number) => list.find((p) => p.participantId === pid)!;

  beforeAll(async () => {
    sessionId = await roomSessionId(srv.url, pengawas, srv.seeded[0].roomId);
    await openSession(srv.url, pengawas, sessionId);
    rows = (await get('/attendance')).rows;
    expect(rows).toHaveLength(5);
    // three at the desk; the other two recorded absent at the start
    for (const p of rows.slice(0, 3)) {
      expect((await post(`/participants/${p.participantId}/check-in`, { idCard: true, participantCard: true, faceMatch: true })).status).toBe(200);
    }
    expect((await post('/pin', { lifetimeMin: 30 })).status).toBe(200);
    expect((await post('/transition', { action: 'start', markAbsent: true })).status).toBe(200);
  });

  it('before the test is closed, no reason is recorded', async () => {
    const r = await post(`/participants/${rows[3].participantId}/completion`, { reason: 'absent' });
    expect(refusal(r)).toEqual({ status: 409, code: 'INVALID_STATE', messageCode: 'completion.onlyFinished' });
  });

  it('the first completes the whole set, the second is at 30 % when the proctor closes the test; the third never logs in', async () => {
    const a = await agent(0);
    const b = await agent(1);
    try {
      await a.send({ type: 'login', nip: rows[0].nip }, ...INSTRUMENTS.map((instrument) => ({ type: 'progress', instrument, percent: 100 })), { type: 'finished' }, { type: 'questionnaire' });
      await b.send({ type: 'login', nip: rows[1].nip }, { type: 'progress', instrument: 'potensi', percent: 50 });
      // closing the test while the second works ends their test (a proctor action with the reason)
      const fin = await post('/transition', { action: 'finish', reason: 'waktu sesi berakhir' });
      expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    } finally {
      a.st.close();
      b.st.close();
    }
  });

  it('the completion list: who completed, how far the others got, and what the record suggests', async () => {
    const list = await get('/completion');
    expect(list).toMatchObject({ ok: true, missing: 4, started: true });
    const ps = list.participants as CompletionRow[];
    expect(ps).toHaveLength(5);
    expect(byId(ps, rows[0].participantId)).toMatchObject({ completed: true, suggestion: null, recorded: null, progress: { started: true, finished: true, questionnaire: true, overallPercent: 100 } });
    expect(byId(ps, rows[1].participantId)).toMatchObject({ completed: false, suggestion: 'ended_by_proctor', progress: { started: true, instrument: 'potensi', overallPercent: 30 } });
    expect(byId(ps, rows[2].participantId)).toMatchObject({ completed: false, attendance: 'present', suggestion: null, progress: { started: false } });
    for (const p of rows.slice(3)) expect(byId(ps, p.participantId)).toMatchObject({ completed: false, attendance: 'absent', suggestion: 'absent' });
  });

  it('finalising is refused, naming those without a reason; the preview says so too', async () => {
    const preview = (await get('/transition-preview?action=finalise')).preview;
    const missingNames = rows.slice(1).map((p) => p.name).sort();
    expect(preview.completion).toEqual({ missing: 4, names: expect.any(Array), started: true });
    expect([...preview.completion.names].sort()).toEqual(missingNames);
    expect(preview.verdicts.plain).toMatchObject({ ok: false, messageCode: 'session.completionMissing' });
    const r = await post('/transition', { action: 'finalise' });
    expect(refusal(r)).toEqual({ status: 409, code: 'INVALID_STATE', messageCode: 'session.completionMissing' });
    for (const n of missingNames) expect(r.body.pesan).toContain(n);
    expect(r.body.pesan).toContain('4 peserta tidak menyelesaikan seluruh rangkaian');
  });

  it('a reason: "other" needs a note; someone who completed needs none; someone of another session is not found', async () => {
    expect(refusal(await post(`/participants/${rows[2].participantId}/completion`, { reason: 'other' }))).toEqual({ status: 400, code: 'INVALID_PAYLOAD', messageCode: 'completion.noteRequired' });
    expect(refusal(await post(`/participants/${rows[0].participantId}/completion`, { reason: 'absent' }))).toEqual({ status: 409, code: 'INVALID_STATE', messageCode: 'completion.completed' });
    expect((await post(`/participants/999999/completion`, { reason: 'absent' })).status).toBe(404);
    expect((await post(`/participants/${rows[2].participantId}/completion`, { reason: 'late' })).status).toBe(400);
  });

  it('the reasons are recorded (by whom, audited), each one lowering what is missing; then the session is finalised', async () => {
    const r1 = await post(`/participants/${rows[1].participantId}/completion`, { reason: 'ended_by_proctor' });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body).toMatchObject({ missing: 3, row: { participantId: rows[1].participantId, recorded: { reason: 'ended_by_proctor', note: null, by: expect.any(String) } } });
    const r2 = await post(`/participants/${rows[2].participantId}/completion`, { reason: 'other', note: '  Sakit mendadak sebelum login  ' });
    expect(r2.body).toMatchObject({ missing: 2, row: { recorded: { reason: 'other', note: 'Sakit mendadak sebelum login' } } });
    // a second answer replaces the first
    expect((await post(`/participants/${rows[3].participantId}/completion`, { reason: 'too_late' })).body.missing).toBe(1);
    expect((await post(`/participants/${rows[3].participantId}/completion`, { reason: 'absent' })).body.missing).toBe(1);
    const still = await post('/transition', { action: 'finalise' });
    expect(still.body.messageCode).toBe('session.completionMissing');
    expect(still.body.params).toEqual({ names: [rows[4].name], more: 0 });
    expect((await post(`/participants/${rows[4].participantId}/completion`, { reason: 'absent' })).body.missing).toBe(0);
    expect((await get('/transition-preview?action=finalise')).preview).toMatchObject({ verdicts: { plain: { ok: true } }, completion: { missing: 0, names: [], started: true } });

    const audit = await api(srv.url, admin, 'GET', '/audit?action=participant.completion_recorded');
    expect(audit.status).toBe(200);
    const entries = audit.body.rows;
    expect(entries).toHaveLength(5);
    expect(JSON.stringify(entries)).toContain('too_late');

    const fin = await post('/transition', { action: 'finalise' });
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    expect(fin.body.session.state).toBe('finalised');
  });

  it('once finalised: the list still reads, and a reason, an incident or a step more answer the one message', async () => {
    expect((await get('/completion')).participants).toHaveLength(5);
    expect(refusal(await post(`/participants/${rows[1].participantId}/completion`, { reason: 'technical' }))).toEqual(FINALISED);
    const inc = await post('/incidents', { category: 'other', description: 'dicatat setelah final', actionTaken: '' });
    expect(refusal(inc)).toEqual(FINALISED);
    expect(inc.body.pesan).toBe('Sesi ini sudah difinalisasi: catatannya tidak dapat diubah. Koreksi dibuat sebagai dokumen baru oleh koordinator.');
    expect(inc.body.message).toBe('This session has been finalised: its records cannot be changed. A correction is made as a new document by the coordinator.');
    expect(refusal(await post('/transition', { action: 'finalise' }))).toEqual(FINALISED);
  });
});

describe('a session nobody started is not finalised', () => {
  it('refused with "postpone or cancel it instead", even with every reason given; the preview says it', async () => {
    const rec = insertSessionRecord(srv.db, {
      venueId: srv.seeded[0].venueId, code: 'RN', state: 'finished',
      people: [{ nip: demoNip(40001), name: 'Tidak Datang Satu', attendance: 'absent' }, { nip: demoNip(40002), name: 'Tidak Datang Dua', attendance: 'absent' }]
    });
    const path = `/sessions/${rec.sessionId}`;
    const list = (await api(srv.url, pengawas, 'GET', `${path}/completion`)).body;
    expect(list).toMatchObject({ started: false, missing: 2 });
    for (const pid of rec.pids) expect((await api(srv.url, pengawas, 'POST', `${path}/participants/${pid}/completion`, { reason: 'absent' })).status).toBe(200);
    const preview = (await api(srv.url, pengawas, 'GET', `${path}/transition-preview?action=finalise`)).body.preview;
    expect(preview.completion).toEqual({ missing: 0, names: [], started: false });
    expect(preview.verdicts.plain).toMatchObject({ ok: false, messageCode: 'session.nobodyStarted' });
    const r = await api(srv.url, pengawas, 'POST', `${path}/transition`, { action: 'finalise' });
    expect(refusal(r)).toEqual({ status: 409, code: 'INVALID_STATE', messageCode: 'session.nobodyStarted' });
    expect(r.body.pesan).toContain('Tunda atau batalkan sesi ini');
  });
});

// ------------------------------------------------------------------ THE TABLE

/**
 * Routes that change something of a finalised session on purpose, with why. None today: a
 * correction is issued as a new document (its own route, which names the document, not the session).
 */
const ON_PURPOSE: Partial<Record<AnyRoute['key'], string>> = {};

/** Does a route change something of a session (its records, roster, PIN, seats, schedule, reasons)? */
const sessionChanging = (r: AnyRoute) =>
  r.method !== 'GET' && (r.path.startsWith('/api/sessions/:id') || r.path.startsWith('/api/incidents/:id'));

describe('THE TABLE: every route that changes a session answers a finalised one with session.finalised', () => {
  let rec: ReturnType<typeof insertSessionRecord>;
  beforeAll(() => {
    rec = insertSessionRecord(srv.db, {
      venueId: srv.seeded[0].venueId, code: 'RF', state: 'finalised', incident: true, visitor: true,
      people: [{ nip: demoNip(41001), name: 'Peserta Final Satu', attendance: 'present' }, { nip: demoNip(41002), name: 'Peserta Final Dua', attendance: 'absent' }]
    });
  });

  /** the value of each path parameter, against the finalised session's own records */
  const param = (route: AnyRoute, name: string): number => {
    if (name === 'id') return route.path.startsWith('/api/incidents/') ? rec.incidentId! : rec.sessionId;
    const values: Record<string, number> = { pid: rec.pids[0], vid: rec.visitorId!, stationId: srv.seeded[0].stationId };
    if (!(name in values)) throw new Error(`${route.key}: give the path parameter :${name} a value of the finalised session in this test`);
    return values[name];
  };

  const routes = (Object.values(ROUTES) as AnyRoute[]).filter(sessionChanging);

  it('the table is not empty and covers the record, the desk, the PIN, actions, completion and the lifecycle', () => {
    const keys = routes.map((r) => r.key);
    for (const k of ['checklistSave', 'participantImport', 'checkIn', 'markAbsent', 'seat', 'sendBack', 'participantCompletion', 'visitorIn', 'visitorOut',
      'incidentRecord', 'incidentEdit', 'actionRequest', 'pinIssue', 'pinRevoke', 'pinUnlock', 'transition', 'sessionReschedule', 'sessionCancel', 'sessionLateRegistration'] as const) {
      expect(keys, k).toContain(k);
    }
  });

  for (const route of (Object.values(ROUTES) as AnyRoute[]).filter(sessionChanging)) {
    it(`${route.method} ${route.path} (${route.key})`, async () => {
      const path = route.path.replace(/^\/api/, '').replace(/:([A-Za-z]+)/g, (_, n: string) => String(param(route, n)));
      // the koordinator (activity.manage) for the schedule's routes, the proctor for the rest
      const who = /reschedule|cancel|late-registration/.test(route.path) ? await srv.login('koordinator') : pengawas;
      const r = route.key === 'participantImport'
        ? await apiRaw(srv.url, who, route.method, path, `nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta\r\n${demoNip(41003)},Peserta Baru,Analis,Ahli Pertama,Umum,Instansi A,RF-009\r\n`, 'text/csv')
        : await api(srv.url, who, route.method, path, {});
      if (ON_PURPOSE[route.key]) {
        expect(r.status, `${route.key} acts on a finalised session on purpose: ${ON_PURPOSE[route.key]}`).not.toBe(409);
        return;
      }
      expect(refusal(r), JSON.stringify(r.body)).toEqual(FINALISED);
    });
  }

  it('and nothing changed: the roster, the incident, the visitor, the reasons', async () => {
    const att = (await api(srv.url, pengawas, 'GET', `/sessions/${rec.sessionId}/attendance`)).body;
    expect(att.rows.map((r: { name: string }) => r.name).sort()).toEqual(['Peserta Final Dua', 'Peserta Final Satu']);
    const inc = (await api(srv.url, pengawas, 'GET', `/sessions/${rec.sessionId}/incidents`)).body.incidents;
    expect(inc).toHaveLength(1);
    expect(inc[0].version).toBe(1);
    const list = (await api(srv.url, pengawas, 'GET', `/sessions/${rec.sessionId}/completion`)).body;
    expect(list.participants.every((p: CompletionRow) => p.recorded === null)).toBe(true);
  });
});

// ------------------------------------------------------------------ the dashboard's socket events

/**
 * What each /dashboard event acts on. Only an event that changes a session's records would need
 * the finalised door; none does: the room is watched, stations are probed and their alerts
 * acknowledged (the station's record, not the session's), and a signed-in user stays active.
 */
const DASHBOARD_EVENTS: Record<keyof typeof DASHBOARD_SCHEMAS, 'reads' | 'station' | 'account'> = {
  'room:join': 'reads',
  'room:leave': 'reads',
  'board:join': 'reads',
  'board:leave': 'reads',
  'station:detail': 'reads',
  'station:ack-attention': 'station',
  'station:probe': 'station',
  'room:probe-all': 'station',
  'session:activity': 'account'
};

describe('the dashboard\'s socket events', () => {
  it('every event is classified, and none changes a session\'s records (a new one that does needs the finalised door and a cell here)', () => {
    expect(Object.keys(DASHBOARD_EVENTS).sort()).toEqual(Object.keys(DASHBOARD_SCHEMAS).sort());
    expect(Object.values(DASHBOARD_EVENTS)).not.toContain('session');
  });
});
