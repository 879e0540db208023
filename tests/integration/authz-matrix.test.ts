/**
 * THE authorization matrix: every HTTP route and every /dashboard event, for every role, for an
 * anonymous caller and for a station token, against the policy in docs/security.md. The table
 * below is written out by hand on purpose — it is NOT derived from ROLE_CAPABILITIES — so this
 * test checks the code against the documented policy rather than against itself.
 *
 * A cell "allowed" must succeed (HTTP 2xx / an { ok: true } ack); any other cell must be refused
 * (HTTP 401/403 / an UNAUTHORIZED or FORBIDDEN ack / a connect_error). Anything else (404, 400,
 * NOT_READY, RATE_LIMITED, …) counts as a mismatch both ways: the cell did not test authorization.
 *
 * Seed (tests/helpers/server.ts): venue T (region 'Kanreg Uji', room R1 with a running session,
 * stations T0..T5, T5 a spare; room R2 with a session in preparation, stations P0, P1) and venue U
 * (region 'Kanreg Lain', room L1 with a running session, stations U0, U1). Admin is national; the
 * koordinator covers region 'Kanreg Uji'; the others are scoped to venue T; operator_instansi
 * belongs to 'Instansi A'.
 *
 * Every cell sets up what it acts on (its `prepare`), so the cells pass in any order and alone: the
 * cells that end sessions (logout-all) use accounts of their own, and no cell changes the accounts
 * or the stations another cell relies on.
 *
 * Session control (issue 4): a few cells act on a session whose state decides the answer. Their
 * `prepare` puts the state where the allowed caller's request is a real, successful step (e.g. the
 * transition cell prepares a scheduled session made for it), so "allowed" means a 2xx, as everywhere else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import type { Role } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import {
  api, apiRaw, call, checklistBody, connected, dashboardSocket, loginAs, roomSessionId, stationSocket, startTestServer, validFacts,
  type DashboardClient, type Session, type StationClient, type TestServer
} from '../helpers/server.ts';
import { insertSessionRecord } from '../helpers/completion.ts';
import { zonedDate } from '../../server/domain/activity-rules.ts';
import { nationalHolidays } from '../../server/domain/national-holidays.ts';
import { addDays, addWorkingDays, makeCalendar } from '../../server/domain/working-days.ts';
import { issueSample, sampleModel, SAMPLE_SIGNERS } from '../helpers/documents.ts';
import { issueDocument } from '../../server/documents/document.service.ts';
import { SAMPLE_RECOMMENDATIONS, SAMPLE_TEAM } from '../helpers/evaluation-report.ts';
import { postponeBody, readyToResume } from '../helpers/postpone.ts';

type Who = Role | 'anonymous' | 'station';

// ------------------------------------------------------------------ the documented policy
const ROLES_: Role[] = ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti', 'operator_instansi'];
const EVERYONE: Who[] = [...ROLES_, 'anonymous', 'station'];
const SIGNED_IN: Who[] = ROLES_;
/** room.view */
const WATCHERS: Who[] = ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti'];
/** station.ack, station.probe */
const ACTORS: Who[] = ['pengawas', 'instruktur', 'petugas_ti'];
/** participant.view */
const PARTICIPANT_VIEWERS: Who[] = ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti', 'operator_instansi'];
/** station.enroll, station.revoke */
const ENROLLERS: Who[] = ['admin', 'petugas_ti'];
/** audit.view */
const AUDITORS: Who[] = ['admin', 'koordinator', 'pengawas', 'petugas_ti'];
/** user.manage */
const ADMIN: Who[] = ['admin'];
/** session.control: the lifecycle, the session PIN, unlocking a station (Pasal 14(1)) */
const CONTROLLERS: Who[] = ['pengawas', 'instruktur'];
/** checklist.edit: the proctors and the IT officer who checks the facilities (Lampiran I.B) */
const CHECKLIST_EDITORS: Who[] = ['pengawas', 'instruktur', 'petugas_ti'];
/** registration.manage: the desk, and the agency's operator for its own people (Pasal 14(2)) */
const REGISTRARS: Who[] = ['pengawas', 'instruktur', 'operator_instansi'];
/** participant.control: pause, resume, add time, end, seat and move */
const PARTICIPANT_CONTROLLERS: Who[] = ['pengawas', 'instruktur'];
/** incident.record */
const INCIDENT_RECORDERS: Who[] = ['pengawas', 'instruktur', 'petugas_ti'];
/** visitor.record (Pasal 14(1)k) */
const VISITOR_RECORDERS: Who[] = ['pengawas', 'instruktur'];
/** a venue outside every scope but the national one */
const NATIONAL_ONLY: Who[] = ['admin'];
/** activity.manage: plan activities, their team and sessions; reschedule (Pasal 8–9) */
const ACTIVITY_MANAGERS: Who[] = ['admin', 'koordinator'];
/** board.view: the coordinator board of the venues in scope (Pasal 16) */
const BOARD_VIEWERS: Who[] = ['admin', 'koordinator'];
/** evaluation.view: the monitoring and evaluation report over the venues in scope (Pasal 16(4)) */
const EVALUATION_VIEWERS: Who[] = ['admin', 'koordinator'];
const NOBODY: Who[] = [];

let srv: TestServer;
const sessions = {} as Record<Role, Session>;
let T: TestServer['seeded'];
let U: TestServer['other'];
let roomT: number;
let roomU: number;
/** room R2 of venue T and its stations: a session in preparation */
let P: TestServer['seeded'];
let roomP: number;
/** the sessions of R1 (running), R2 (preparation) and L1 (running) */
let sessT: number;
let sessP: number;
let sessU: number;
/** participants of the running session in T: one of 'Instansi A' to check in, one to mark absent, one for actions */
let pidIn: number;
let pidAbsent: number;
let pidAction: number;
/** a participant of R2's session to seat; a participant of U's session */
let pidSeat: number;
/** T3's participant, who logs in at T2 (another participant's seat) for the send-back cells (issue 10) */
let pidWrongPc: number;
let wrongPcAgent: { sock: StationClient; stream: string; seq: number } | null = null;
/** T3's participant logs in (again) at T2: flagged as a login at another PC than the seat (T2's token is left alone by the other cells) */
async function loginAtOtherPc() {
  if (!wrongPcAgent) {
    const sock: StationClient = stationSocket(srv.url, T[2].token);
    closers.push(sock);
    await new Promise<void>((ok, ko) => { sock.once('connect', () => ok()); sock.once('connect_error', ko); });
    const stream = `matrix-wrong-pc-${Date.now()}`;
    expect((await sock.timeout(3000).emitWithAck('station:hello', { v: 1, t: Date.now(), agentVersion: 'matrix', stream, facts: validFacts } as any) as any).ok).toBe(true);
    wrongPcAgent = { sock, stream, seq: 0 };
  }
  const a = wrongPcAgent;
  const ack = await a.sock.timeout(3000).emitWithAck('station:events', { v: 1, stream: a.stream, events: [{ seq: ++a.seq, at: Date.now() + a.seq, type: 'login', nip: T[3].participant!.nip }] } as any) as any;
  expect(ack.ok).toBe(true);
  const st = srv.hub.stations.get(T[2].stationId)!;
  for (let i = 0; i < 100 && !st.view.integrity.some((f) => f.kind === 'wrong_pc' && f.participantId === pidWrongPc); i++) await new Promise((r) => setTimeout(r, 20));
}
/** a finished session of venue T (a room of its own) with a participant recorded absent: the completion cells */
let sessDone: number;
let pidDone: number;
/** an incident in U, recorded by a proctor of venue U */
let incidentU: number;
/** made by the `prepare` of a cell, used by its path */
let visitorId = 0;
let incidentId = 0;
let pengawasU: Session;
/** a user the admin cells edit */
let dummyId: number;
/** activities of venue T ('Instansi A') and U ('Instansi B'), each with a planned session; a date outside the lead time */
let actT = 0;
let actU = 0;
let plannedT = 0;
let plannedU = 0;
let farDate = '';
/** an official document of the session in T and of the session in U */
let docT: { id: number; code: string };
let docU: { id: number; code: string };
/** a monitoring and evaluation report over venue T and one over venue U, each with its XLSX (Pasal 16(4)–(5)) */
let monevT: { id: number };
let monevU: { id: number };
/** a day off made by the remove cells' `prepare` */
let dayOffId = 0;
/** a date of its own for each day off made (one entry per date and place is kept) */
let dayOffSeq = 0;
async function dayOffToRemove(venueId: number | null) {
  const d = await api(srv.url, sessions.admin, 'POST', '/days-off', { date: addDays('2027-07-01', dayOffSeq++), name: 'Hari libur matriks', kind: 'local', venueId });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  dayOffId = d.body.dayOff.id;
}
/** a planned session made by the cancel cells' `prepare`, one per caller */
let toCancel = 0;
let cancelHour = 0;
async function planToCancel(activityId: number, roomId: number) {
  const s = await api(srv.url, sessions.admin, 'POST', `/activities/${activityId}/sessions`, { roomId, date: farDate, time: `0${cancelHour++ % 10}:30`, capacity: 1 });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  toCancel = s.body.session.id;
}
const PASSWORD = (r: Role) => srv.accounts[r].password;
const closers: { close(): void }[] = [];
const FRESH_PASSWORD = 'Akun-Segar-Matriks-1';
let freshNip = 21000;
/** A new account of `role`, scoped as the seeded one (venue T; koordinator: its region; operator: Instansi A), signed in. */
async function freshSession(role: Role): Promise<Session> {
  const nip = demoNip(freshNip++);
  const scopes = role === 'admin' ? [] : role === 'koordinator' ? [{ kind: 'region', region: 'Kanreg Uji' }] : [{ kind: 'venue', venueId: T[0].venueId }];
  const r = await api(srv.url, sessions.admin, 'POST', '/users', {
    nip, name: `Akun Segar ${role}`, roles: [role], scopes, password: FRESH_PASSWORD, ...(role === 'operator_instansi' ? { instansi: 'Instansi A' } : {})
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return loginAs(srv.url, nip, FRESH_PASSWORD);
}

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 100 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 2, session: 'preparation' }
  ], { otherVenue: true });
  roomT = srv.seeded[0].roomId;
  T = srv.seeded.filter((s) => s.roomId === roomT);
  P = srv.seeded.filter((s) => s.roomId !== roomT);
  roomP = P[0].roomId;
  U = srv.other;
  roomU = U[0].roomId;
  expect(T).toHaveLength(6);
  expect(P).toHaveLength(2);
  expect(U).toHaveLength(2);
  for (const r of ROLES_) sessions[r] = await srv.login(r);
  sessT = await roomSessionId(srv.url, sessions.admin, roomT);
  sessP = await roomSessionId(srv.url, sessions.admin, roomP);
  sessU = await roomSessionId(srv.url, sessions.admin, roomU);
  const rows = (await api(srv.url, sessions.admin, 'GET', `/sessions/${sessT}/attendance`)).body.rows as { participantId: number; nip: string; instansi: string }[];
  const pidOf = (st: TestServer['seeded'][number]) => rows.find((r) => r.nip === st.participant!.nip)!;
  // seeded agencies alternate A, B, A, …: T0, T2, T4 seat 'Instansi A' people
  expect([pidOf(T[0]), pidOf(T[2])].map((r) => r.instansi)).toEqual(['Instansi A', 'Instansi A']);
  pidIn = pidOf(T[0]).participantId;
  pidAbsent = pidOf(T[2]).participantId;
  pidAction = pidOf(T[1]).participantId;
  pidWrongPc = pidOf(T[3]).participantId;
  pidSeat = (await api(srv.url, sessions.admin, 'GET', `/sessions/${sessP}/attendance`)).body.rows[0].participantId;
  // a proctor of venue U records an incident there: the cross-venue incident cells need one
  const pu = await api(srv.url, sessions.admin, 'POST', '/users', {
    nip: demoNip(20101), name: 'Pengawas Venue U', roles: ['pengawas'], scopes: [{ kind: 'venue', venueId: U[0].venueId }], password: 'Pengawas-Venue-U1'
  });
  expect(pu.status).toBe(201);
  pengawasU = await loginAs(srv.url, demoNip(20101), 'Pengawas-Venue-U1');
  const inc = await api(srv.url, pengawasU, 'POST', `/sessions/${sessU}/incidents`, { category: 'other', description: 'kejadian di venue U', actionTaken: '' });
  expect(inc.status).toBe(200);
  incidentU = inc.body.incident.id;
  const created = await api(srv.url, sessions.admin, 'POST', '/users', {
    nip: demoNip(20100), name: 'Sasaran Matriks', roles: ['instruktur'], scopes: [{ kind: 'venue', venueId: T[0].venueId }], password: 'Sasaran-Matriks-01'
  });
  expect(created.status).toBe(201);
  dummyId = created.body.user.id;
  // activities (Pasal 8) with a session each, planned 10 working days ahead (outside the lead time)
  const today = zonedDate(Date.now(), 'Asia/Jakarta');
  farDate = addWorkingDays(makeCalendar(nationalHolidays), today, 10);
  const activity = async (venueId: number, agency: string, roomId: number) => {
    const a = await api(srv.url, sessions.admin, 'POST', '/activities', { purpose: 'pemetaan', agency, venueId, dateFrom: today, dateTo: addDays(today, 60) });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const s = await api(srv.url, sessions.admin, 'POST', `/activities/${a.body.activity.id}/sessions`, { roomId, date: farDate, time: '08:00', capacity: 2 });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    return [a.body.activity.id as number, s.body.session.id as number];
  };
  {
    const done = insertSessionRecord(srv.db, { venueId: T[0].venueId, code: 'RX', state: 'finished', people: [{ nip: demoNip(20300), name: 'Peserta Tidak Hadir', attendance: 'absent' }] });
    sessDone = done.sessionId;
    pidDone = done.pids[0];
  }
  [actT, plannedT] = await activity(T[0].venueId, 'Instansi A', roomT);
  [actU, plannedU] = await activity(U[0].venueId, 'Instansi B', roomU);
  // an official document of each venue's running session (issued as the builders do, through the service)
  const docOf = (venueId: number, sessionId: number) => issueSample(srv.db, srv.url, { venueId, sessionId, issuedBy: srv.accounts.admin.id });
  [docT, docU] = [await docOf(T[0].venueId, sessT), await docOf(U[0].venueId, sessU)];
  const monevOf = async (venueId: number) => {
    const r = await issueDocument(srv.db, {
      model: sampleModel('laporan_monev'), venueId: null, reach: { venueIds: [venueId], words: 'Tim Pemantauan dan Evaluasi — matriks' },
      xlsx: async () => Buffer.from('PK matriks'), issuedBy: srv.accounts.koordinator.id, signers: SAMPLE_SIGNERS
    }, { baseUrl: srv.url });
    if (!r.ok) throw new Error(r.code);
    return r.document;
  };
  [monevT, monevU] = [await monevOf(T[0].venueId), await monevOf(U[0].venueId)];
});

afterAll(async () => {
  for (const c of closers.splice(0)) c.close();
  await srv?.dispose();
});

// ------------------------------------------------------------------ outcomes
type Outcome = { kind: 'ok' | 'refused' | 'other'; detail: string };

function classifyHttp(r: { status: number; body: any }): Outcome {
  const detail = `${r.status} ${r.body?.code ?? ''}`.trim();
  if (r.status >= 200 && r.status < 300) return { kind: 'ok', detail };
  if (r.status === 401 || r.status === 403) return { kind: 'refused', detail };
  return { kind: 'other', detail };
}

function classifyAck(ack: any): Outcome {
  if (ack?.ok === true) return { kind: 'ok', detail: 'ok' };
  const code = String(ack?.code);
  if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return { kind: 'refused', detail: code };
  return { kind: 'other', detail: `${code} ${ack?.message ?? ''}` };
}

function mismatch(cell: string, who: Who, allowed: boolean, got: Outcome): string | null {
  const want = allowed ? 'ok' : 'refused';
  return got.kind === want ? null : `${cell} × ${who}: expected ${want}, got ${got.kind} (${got.detail})`;
}

type RawBody = { type: string; data: string };

/** An HTTP request as `who`: a session cookie (+ CSRF token), a station Bearer token, or nothing. */
async function request(who: Who, method: string, path: string, body?: unknown, session?: Session, raw?: RawBody) {
  if (who !== 'anonymous' && who !== 'station') {
    return raw ? apiRaw(srv.url, session ?? sessions[who], method, path, raw.data, raw.type) : api(srv.url, session ?? sessions[who], method, path, body);
  }
  const headers: Record<string, string> = {};
  if (who === 'station') headers.authorization = `Bearer ${T[0].token}`;
  if (raw) headers['content-type'] = raw.type;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${srv.url}/api${path}`, { method, headers, body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

// ------------------------------------------------------------------ dashboard socket matrix
type SocketCell = { name: string; event: string; payload: (who: Who) => unknown; allow: Who[] };

const SOCKET_CELLS: SocketCell[] = [
  { name: 'room:join (own venue T)', event: 'room:join', payload: () => ({ roomId: roomT }), allow: WATCHERS },
  { name: 'room:join (venue U)', event: 'room:join', payload: () => ({ roomId: roomU }), allow: NATIONAL_ONLY },
  { name: 'room:leave', event: 'room:leave', payload: () => ({ roomId: roomT }), allow: SIGNED_IN },
  { name: 'station:detail (T)', event: 'station:detail', payload: () => ({ stationId: T[0].stationId }), allow: WATCHERS },
  { name: 'station:detail (U)', event: 'station:detail', payload: () => ({ stationId: U[0].stationId }), allow: NATIONAL_ONLY },
  { name: 'station:ack-attention (T)', event: 'station:ack-attention', payload: () => ({ stationId: T[0].stationId }), allow: ACTORS },
  // the admin watches but does not act on stations; the others' scope does not reach U
  { name: 'station:ack-attention (U)', event: 'station:ack-attention', payload: () => ({ stationId: U[0].stationId }), allow: NOBODY },
  {
    // one probe per station per 15 s: each allowed role probes its own online station
    name: 'station:probe (T)', event: 'station:probe',
    payload: (who) => ({ stationId: (who === 'instruktur' ? T[1] : who === 'petugas_ti' ? T[2] : T[0]).stationId }), allow: ACTORS
  },
  { name: 'station:probe (U)', event: 'station:probe', payload: () => ({ stationId: U[0].stationId }), allow: NOBODY },
  // R2 (venue T), not R1: probing the whole room would hold back the station:probe cell's PCs for 15 s
  { name: 'room:probe-all (T)', event: 'room:probe-all', payload: () => ({ roomId: roomP }), allow: ACTORS },
  { name: 'room:probe-all (U)', event: 'room:probe-all', payload: () => ({ roomId: roomU }), allow: NOBODY },
  { name: 'session:activity', event: 'session:activity', payload: () => ({}), allow: SIGNED_IN },
  // the board is the caller's scope: no venue to name, only the capability decides
  { name: 'board:join', event: 'board:join', payload: () => ({}), allow: BOARD_VIEWERS },
  { name: 'board:leave', event: 'board:leave', payload: () => ({}), allow: SIGNED_IN }
];

function rawDashboard(who: 'anonymous' | 'station') {
  return who === 'anonymous'
    ? dashboardSocket(srv.url, null)
    : io(`${srv.url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: T[0].token } });
}

describe('authorization matrix: /dashboard events', () => {
  const dashboards = {} as Record<Role, DashboardClient>;

  beforeAll(async () => {
    // T0, T1, T2, P0 and U0 are online, so probes and acknowledgements have something real to act on
    for (const s of [T[0], T[1], T[2], P[0], U[0]]) {
      const st: StationClient = stationSocket(srv.url, s.token);
      closers.push(st);
      await connected(st);
      const h = await call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'matrix', stream: `stream-mx-${s.stationId}`, facts: validFacts });
      expect(h.ok).toBe(true);
    }
    for (const r of ROLES_) {
      const d = dashboardSocket(srv.url, sessions[r]);
      closers.push(d);
      await connected(d); // every signed-in role may open the socket; the events decide
      dashboards[r] = d;
    }
  });

  afterAll(() => {
    for (const r of ROLES_) dashboards[r]?.close();
  });

  it('refuses the handshake without a session cookie, and with a station token instead of one', async () => {
    for (const who of ['anonymous', 'station'] as const) {
      const s = rawDashboard(who);
      closers.push(s);
      await expect(connected(s), who).rejects.toThrow(/UNAUTHORIZED/);
    }
  });

  for (const cell of SOCKET_CELLS) {
    it(cell.name, async () => {
      const problems: string[] = [];
      for (const who of EVERYONE) {
        let got: Outcome;
        if (who === 'anonymous' || who === 'station') {
          const s = rawDashboard(who);
          try {
            await connected(s);
            got = classifyAck(await call(s, cell.event, cell.payload(who)));
          } catch (e) {
            got = { kind: 'refused', detail: `connect_error ${(e as Error).message}` };
          } finally {
            s.close();
          }
        } else {
          got = classifyAck(await call(dashboards[who], cell.event, cell.payload(who)));
        }
        const m = mismatch(cell.name, who, cell.allow.includes(who), got);
        if (m) problems.push(m);
      }
      expect(problems).toEqual([]);
    });
  }
});

// ------------------------------------------------------------------ HTTP matrix
type HttpCell = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (who: Who) => string;
  body?: (who: Who, i: number) => unknown;
  /** a raw request body instead of JSON (the participant import) */
  raw?: () => RawBody;
  allow: Who[];
  /** set-up done as someone else before the cell is tried (not itself checked) */
  prepare?: (who: Who) => Promise<void | { session?: Session; body?: unknown }>;
};

let enrollCode = '';

const okChecklist = (version: number) => checklistBody(version);
/** one participant of 'Instansi A' (the operator's own agency), imported again and again: the second time it is "replaced" */
const IMPORT_CSV = `nip,nama,jabatan,jenjang,unit_kerja,instansi,nomor_peserta\r\n${demoNip(30001)},Peserta Impor Matriks,Analis,Ahli Pertama,Bagian Umum,Instansi A,MX-0001\r\n`;
const asPengawas = (method: string, path: string, body?: unknown) => api(srv.url, sessions.pengawas, method, path, body);

/** the session a lifecycle or postponement cell acts on: scheduled, in a room of its own, made by the cell's `prepare` */
let sessStep = 0;
let stepRooms = 0;
const scheduledSession = (venueId: number) => insertSessionRecord(srv.db, { venueId, code: `MX${++stepRooms}`, state: 'scheduled', people: [], at: Date.now() + 86_400_000 }).sessionId;
/** a session of the venue postponed by `who` (its proctor): the postponement and its first follow-up */
async function postponedWithFollowUp(who: Session, venueId: number) {
  const sessionId = scheduledSession(venueId);
  const r = await api(srv.url, who, 'POST', `/sessions/${sessionId}/postpone`, postponeBody());
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { sessionId, pp: r.body.postponement.id as number, fid: r.body.postponement.followUps[0].id as number };
}
let followUp = { sessionId: 0, pp: 0, fid: 0 };
let followUpU = { sessionId: 0, pp: 0, fid: 0 };

/**
 * Session control (issue 4), declared from docs/brief: what each route needs and whose venue.
 * The U rows: the other venue's session, incident or station — only the national admin sees it,
 * and only where a watching capability suffices (the admin runs no session).
 */
const SESSION_CELLS: HttpCell[] = [
  { name: 'GET /api/rooms/:T/session', method: 'GET', path: () => `/rooms/${roomT}/session`, allow: PARTICIPANT_VIEWERS /* room.view or participant.view */ },
  { name: 'GET /api/rooms/:U/session', method: 'GET', path: () => `/rooms/${roomU}/session`, allow: NATIONAL_ONLY },
  // the room's session history (issue 10 item 5): the same door as its current session
  { name: 'GET /api/rooms/:T/sessions', method: 'GET', path: () => `/rooms/${roomT}/sessions`, allow: PARTICIPANT_VIEWERS },
  { name: 'GET /api/rooms/:U/sessions', method: 'GET', path: () => `/rooms/${roomU}/sessions`, allow: NATIONAL_ONLY },
  { name: 'GET /api/rooms/:T/participants?session=T', method: 'GET', path: () => `/rooms/${roomT}/participants?session=${sessT}`, allow: PARTICIPANT_VIEWERS },
  { name: 'GET /api/rooms/:U/participants?session=U', method: 'GET', path: () => `/rooms/${roomU}/participants?session=${sessU}`, allow: NATIONAL_ONLY },
  { name: 'GET /api/sessions/:T', method: 'GET', path: () => `/sessions/${sessT}`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U', method: 'GET', path: () => `/sessions/${sessU}`, allow: NATIONAL_ONLY },
  {
    // a scheduled session of its own (a room of its own) for every caller: an allowed one makes a real step
    name: 'POST /api/sessions/:T/transition', method: 'POST', path: () => `/sessions/${sessStep}/transition`, allow: CONTROLLERS,
    prepare: async () => void (sessStep = scheduledSession(T[0].venueId)),
    body: () => ({ action: 'prepare' })
  },
  {
    // a finished session of its own for every caller, someone started and everyone else explained: an allowed one finalises it and gets its documents
    name: 'POST /api/sessions/:T/finalise', method: 'POST', path: () => `/sessions/${sessStep}/finalise`, allow: CONTROLLERS,
    prepare: async () => void (sessStep = insertSessionRecord(srv.db, {
      venueId: T[0].venueId, code: `MF${++stepRooms}`, state: 'finished', started: true,
      people: [{ nip: demoNip(20400 + stepRooms), name: 'Peserta Finalisasi', attendance: 'present' }]
    }).sessionId),
    body: () => ({ instansi: { name: 'Wakil Instansi A', jabatan: 'Kepala Bidang' } })
  },
  { name: 'POST /api/sessions/:U/finalise', method: 'POST', path: () => `/sessions/${sessU}/finalise`, allow: NOBODY, body: () => ({ instansi: { name: 'Wakil Instansi B', jabatan: 'Kepala Bidang' } }) },
  { name: 'POST /api/sessions/:U/transition', method: 'POST', path: () => `/sessions/${sessU}/transition`, allow: NOBODY, body: () => ({ action: 'finish', reason: 'uji matriks otorisasi' }) },
  // the postponement with its berita acara, its follow-ups, resuming (Pasal 12(2)e–f, 12(3)): session.control
  {
    name: 'POST /api/sessions/:T/postpone', method: 'POST', path: () => `/sessions/${sessStep}/postpone`, allow: CONTROLLERS,
    prepare: async () => void (sessStep = scheduledSession(T[0].venueId)),
    body: () => postponeBody()
  },
  { name: 'POST /api/sessions/:U/postpone', method: 'POST', path: () => `/sessions/${sessU}/postpone`, allow: NOBODY, body: () => postponeBody() },
  { name: 'GET /api/sessions/:T/postponements', method: 'GET', path: () => `/sessions/${sessP}/postponements`, allow: CONTROLLERS },
  { name: 'GET /api/sessions/:U/postponements', method: 'GET', path: () => `/sessions/${sessU}/postponements`, allow: NOBODY },
  {
    name: 'POST /api/postponements/:T/followups/:T/done', method: 'POST', path: () => `/postponements/${followUp.pp}/followups/${followUp.fid}/done`, allow: CONTROLLERS,
    prepare: async () => void (followUp = await postponedWithFollowUp(sessions.pengawas, T[0].venueId))
  },
  {
    name: 'POST /api/postponements/:U/followups/:U/done', method: 'POST', path: () => `/postponements/${followUpU.pp}/followups/${followUpU.fid}/done`, allow: NOBODY,
    prepare: async () => void (followUpU.pp || (followUpU = await postponedWithFollowUp(pengawasU, U[0].venueId)))
  },
  {
    // a session postponed, its follow-ups done and its room checked again, for every caller
    name: 'POST /api/sessions/:T/resume', method: 'POST', path: () => `/sessions/${sessStep}/resume`, allow: CONTROLLERS,
    prepare: async () => {
      const { sessionId } = await postponedWithFollowUp(sessions.pengawas, T[0].venueId);
      await readyToResume(srv.url, sessions.pengawas, sessionId);
      sessStep = sessionId;
    },
    body: () => ({ date: farDate, time: '08:00' })
  },
  { name: 'POST /api/sessions/:U/resume', method: 'POST', path: () => `/sessions/${sessU}/resume`, allow: NOBODY, body: () => ({ date: farDate, time: '08:00' }) },
  { name: 'GET /api/sessions/:T/pin', method: 'GET', path: () => `/sessions/${sessT}/pin`, allow: CONTROLLERS },
  { name: 'GET /api/sessions/:U/pin', method: 'GET', path: () => `/sessions/${sessU}/pin`, allow: NOBODY },
  { name: 'POST /api/sessions/:T/pin', method: 'POST', path: () => `/sessions/${sessT}/pin`, allow: CONTROLLERS, body: () => ({ lifetimeMin: 30 }) },
  { name: 'POST /api/sessions/:U/pin', method: 'POST', path: () => `/sessions/${sessU}/pin`, allow: NOBODY, body: () => ({ lifetimeMin: 30 }) },
  {
    name: 'POST /api/sessions/:T/pin/revoke', method: 'POST', path: () => `/sessions/${sessT}/pin/revoke`, allow: CONTROLLERS, body: () => ({}),
    // a PIN in force to revoke, whoever tries
    prepare: async () => void expect((await asPengawas('POST', `/sessions/${sessT}/pin`, { lifetimeMin: 30 })).status).toBe(200)
  },
  { name: 'POST /api/sessions/:U/pin/revoke', method: 'POST', path: () => `/sessions/${sessU}/pin/revoke`, allow: NOBODY, body: () => ({}) },
  { name: 'GET /api/sessions/:T/pin/attempts', method: 'GET', path: () => `/sessions/${sessT}/pin/attempts`, allow: CONTROLLERS },
  { name: 'GET /api/sessions/:U/pin/attempts', method: 'GET', path: () => `/sessions/${sessU}/pin/attempts`, allow: NOBODY },
  { name: 'POST /api/sessions/:T/stations/:T/pin-unlock', method: 'POST', path: () => `/sessions/${sessT}/stations/${T[3].stationId}/pin-unlock`, allow: CONTROLLERS },
  { name: 'POST /api/sessions/:U/stations/:U/pin-unlock', method: 'POST', path: () => `/sessions/${sessU}/stations/${U[0].stationId}/pin-unlock`, allow: NOBODY },
  { name: 'GET /api/sessions/:T/checklist', method: 'GET', path: () => `/sessions/${sessT}/checklist`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U/checklist', method: 'GET', path: () => `/sessions/${sessU}/checklist`, allow: NATIONAL_ONLY },
  {
    // R2 is in preparation (or postponed): the form may be edited; a draft saved from the current version
    name: 'PUT /api/sessions/:T/checklist', method: 'PUT', path: () => `/sessions/${sessP}/checklist`, allow: CHECKLIST_EDITORS,
    prepare: async () => ({ body: okChecklist((await asPengawas('GET', `/sessions/${sessP}/checklist`)).body.checklist.version) })
  },
  { name: 'PUT /api/sessions/:U/checklist', method: 'PUT', path: () => `/sessions/${sessU}/checklist`, allow: NOBODY, body: () => okChecklist(1) },
  {
    name: 'POST /api/sessions/:T/participants/import', method: 'POST', path: () => `/sessions/${sessP}/participants/import`, allow: REGISTRARS,
    raw: () => ({ type: 'text/csv', data: IMPORT_CSV })
  },
  { name: 'POST /api/sessions/:U/participants/import', method: 'POST', path: () => `/sessions/${sessU}/participants/import`, allow: NOBODY, raw: () => ({ type: 'text/csv', data: IMPORT_CSV }) },
  { name: 'GET /api/sessions/:T/participants/template.csv', method: 'GET', path: () => `/sessions/${sessT}/participants/template.csv`, allow: REGISTRARS },
  { name: 'GET /api/sessions/:U/participants/template.csv', method: 'GET', path: () => `/sessions/${sessU}/participants/template.csv`, allow: NOBODY },
  { name: 'GET /api/sessions/:T/attendance', method: 'GET', path: () => `/sessions/${sessT}/attendance`, allow: PARTICIPANT_VIEWERS },
  // the session's lists as spreadsheets: who reads the list may take it (the operator its own people); the incidents with the room's view
  { name: 'GET /api/sessions/:T/export?what=attendance', method: 'GET', path: () => `/sessions/${sessT}/export?what=attendance&format=csv`, allow: PARTICIPANT_VIEWERS },
  { name: 'GET /api/sessions/:T/export?what=incidents', method: 'GET', path: () => `/sessions/${sessT}/export?what=incidents&format=xlsx`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U/export?what=attendance', method: 'GET', path: () => `/sessions/${sessU}/export?what=attendance&format=csv`, allow: NATIONAL_ONLY },
  { name: 'GET /api/sessions/:U/attendance', method: 'GET', path: () => `/sessions/${sessU}/attendance`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/sessions/:T/participants/:T/check-in', method: 'POST', path: () => `/sessions/${sessT}/participants/${pidIn}/check-in`, allow: REGISTRARS,
    body: () => ({ idCard: true, participantCard: true, faceMatch: true })
  },
  {
    name: 'POST /api/sessions/:U/participants/:U/check-in', method: 'POST', allow: NOBODY, body: () => ({ idCard: true, participantCard: true, faceMatch: true }),
    path: () => `/sessions/${sessU}/participants/${pidIn}/check-in`
  },
  { name: 'POST /api/sessions/:T/participants/:T/absent', method: 'POST', path: () => `/sessions/${sessT}/participants/${pidAbsent}/absent`, allow: REGISTRARS, body: () => ({}) },
  { name: 'POST /api/sessions/:U/participants/:U/absent', method: 'POST', path: () => `/sessions/${sessU}/participants/${pidAbsent}/absent`, allow: NOBODY, body: () => ({}) },
  {
    // seating someone on R2's free PC; the second allowed caller finds them there already
    name: 'POST /api/sessions/:T/participants/:T/seat', method: 'POST', path: () => `/sessions/${sessP}/participants/${pidSeat}/seat`, allow: PARTICIPANT_CONTROLLERS,
    body: () => ({ stationId: P[0].stationId })
  },
  { name: 'POST /api/sessions/:U/participants/:U/seat', method: 'POST', path: () => `/sessions/${sessU}/participants/${pidSeat}/seat`, allow: NOBODY, body: () => ({ stationId: U[1].stationId }) },
  {
    // issue 10: T3's participant logs in at T2 (flagged: not their seat); an allowed caller sends them back
    name: 'POST /api/sessions/:T/participants/:T/send-back', method: 'POST', path: () => `/sessions/${sessT}/participants/${pidWrongPc}/send-back`,
    allow: PARTICIPANT_CONTROLLERS, body: () => ({ stationId: T[2].stationId }),
    prepare: async (who) => void (PARTICIPANT_CONTROLLERS.includes(who) && (await loginAtOtherPc()))
  },
  { name: 'POST /api/sessions/:U/participants/:U/send-back', method: 'POST', path: () => `/sessions/${sessU}/participants/${pidSeat}/send-back`, allow: NOBODY, body: () => ({ stationId: U[1].stationId }) },
  // why someone did not complete the whole series (SE BKN 6/2026 §5.g.2): session.control, on a finished session
  { name: 'GET /api/sessions/:T/completion', method: 'GET', path: () => `/sessions/${sessDone}/completion`, allow: CONTROLLERS },
  { name: 'GET /api/sessions/:U/completion', method: 'GET', path: () => `/sessions/${sessU}/completion`, allow: NOBODY },
  {
    name: 'POST /api/sessions/:T/participants/:T/completion', method: 'POST', path: () => `/sessions/${sessDone}/participants/${pidDone}/completion`,
    allow: CONTROLLERS, body: () => ({ reason: 'absent' })
  },
  { name: 'POST /api/sessions/:U/participants/:U/completion', method: 'POST', path: () => `/sessions/${sessU}/participants/${pidSeat}/completion`, allow: NOBODY, body: () => ({ reason: 'absent' }) },
  { name: 'GET /api/sessions/:T/transition-preview?action=start', method: 'GET', path: () => `/sessions/${sessT}/transition-preview?action=finish`, allow: CONTROLLERS },
  { name: 'GET /api/sessions/:U/transition-preview?action=start', method: 'GET', path: () => `/sessions/${sessU}/transition-preview?action=finish`, allow: NOBODY },
  { name: 'PUT /api/venues/:T/login-policy', method: 'PUT', path: () => `/venues/${T[0].venueId}/login-policy`, allow: CONTROLLERS, body: () => ({ unregisteredLogin: 'refuse' }) },
  { name: 'PUT /api/venues/:U/login-policy', method: 'PUT', path: () => `/venues/${U[0].venueId}/login-policy`, allow: NOBODY, body: () => ({ unregisteredLogin: 'refuse' }) },
  { name: 'GET /api/sessions/:T/visitors', method: 'GET', path: () => `/sessions/${sessT}/visitors`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U/visitors', method: 'GET', path: () => `/sessions/${sessU}/visitors`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/sessions/:T/visitors', method: 'POST', path: () => `/sessions/${sessT}/visitors`, allow: VISITOR_RECORDERS,
    body: (who) => ({ name: `Tamu ${who}`, affiliation: 'BKN Pusat', purpose: 'monitoring pelaksanaan' })
  },
  { name: 'POST /api/sessions/:U/visitors', method: 'POST', path: () => `/sessions/${sessU}/visitors`, allow: NOBODY, body: () => ({ name: 'Tamu', affiliation: 'BKN', purpose: 'monitoring' }) },
  {
    name: 'POST /api/sessions/:T/visitors/:T/out', method: 'POST', path: () => `/sessions/${sessT}/visitors/${visitorId}/out`, allow: VISITOR_RECORDERS, body: () => ({}),
    prepare: async () => {
      const v = await asPengawas('POST', `/sessions/${sessT}/visitors`, { name: 'Tamu Keluar', affiliation: 'BKN', purpose: 'monitoring pelaksanaan' });
      expect(v.status).toBe(200);
      visitorId = v.body.visitor.id;
    }
  },
  { name: 'POST /api/sessions/:U/visitors/:U/out', method: 'POST', path: () => `/sessions/${sessU}/visitors/1/out`, allow: NOBODY, body: () => ({}) },
  { name: 'GET /api/sessions/:T/incidents', method: 'GET', path: () => `/sessions/${sessT}/incidents`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U/incidents', method: 'GET', path: () => `/sessions/${sessU}/incidents`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/sessions/:T/incidents', method: 'POST', path: () => `/sessions/${sessT}/incidents`, allow: INCIDENT_RECORDERS,
    body: (who) => ({ category: 'network_failure', description: `dicatat oleh ${who}`, actionTaken: 'jaringan diperiksa' })
  },
  { name: 'POST /api/sessions/:U/incidents', method: 'POST', path: () => `/sessions/${sessU}/incidents`, allow: NOBODY, body: () => ({ category: 'other', description: 'tidak boleh', actionTaken: '' }) },
  {
    // a fresh incident (version 1) for every caller
    name: 'PATCH /api/incidents/:T', method: 'PATCH', path: () => `/incidents/${incidentId}`, allow: INCIDENT_RECORDERS,
    body: (who) => ({ version: 1, description: `diubah oleh ${who}`, reason: 'uji matriks' }),
    prepare: async () => {
      const r = await asPengawas('POST', `/sessions/${sessT}/incidents`, { category: 'other', description: 'untuk diubah', actionTaken: '' });
      expect(r.status).toBe(200);
      incidentId = r.body.incident.id;
    }
  },
  { name: 'PATCH /api/incidents/:U', method: 'PATCH', path: () => `/incidents/${incidentU}`, allow: NOBODY, body: () => ({ version: 1, description: 'tidak boleh' }) },
  {
    name: 'GET /api/incidents/:T/history', method: 'GET', path: () => `/incidents/${incidentId}/history`, allow: WATCHERS,
    // an incident of its own to read
    prepare: async () => {
      if (incidentId) return;
      const r = await asPengawas('POST', `/sessions/${sessT}/incidents`, { category: 'other', description: 'untuk dibaca riwayatnya', actionTaken: '' });
      expect(r.status).toBe(200);
      incidentId = r.body.incident.id;
    }
  },
  { name: 'GET /api/incidents/:U/history', method: 'GET', path: () => `/incidents/${incidentU}/history`, allow: NATIONAL_ONLY },
  { name: 'GET /api/sessions/:T/actions', method: 'GET', path: () => `/sessions/${sessT}/actions`, allow: WATCHERS },
  { name: 'GET /api/sessions/:U/actions', method: 'GET', path: () => `/sessions/${sessU}/actions`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/sessions/:T/actions', method: 'POST', path: () => `/sessions/${sessT}/actions`, allow: PARTICIPANT_CONTROLLERS,
    body: () => ({ kind: 'pause', participantIds: [pidAction], reason: 'uji matriks' })
  },
  { name: 'POST /api/sessions/:U/actions', method: 'POST', path: () => `/sessions/${sessU}/actions`, allow: NOBODY, body: () => ({ kind: 'pause', participantIds: [1] }) }
];

const HTTP_CELLS: HttpCell[] = [
  { name: 'GET /api/health', method: 'GET', path: () => '/health', allow: EVERYONE },
  // loopback callers (the machine itself) may read the counters; elsewhere only an admin
  { name: 'GET /api/metrics (from loopback)', method: 'GET', path: () => '/metrics', allow: EVERYONE },
  {
    name: 'POST /api/auth/login', method: 'POST', path: () => '/auth/login', allow: EVERYONE,
    body: () => ({ nip: srv.accounts.operator_instansi.nip, password: PASSWORD('operator_instansi') })
  },
  {
    name: 'POST /api/enroll (with a code)', method: 'POST', path: () => '/enroll', allow: EVERYONE,
    prepare: async () => {
      const r = await api(srv.url, sessions.admin, 'POST', `/rooms/${roomT}/enrollment-codes`, { stationIds: [T[3].stationId] });
      expect(r.status).toBe(201);
      enrollCode = r.body.codes[0].code;
    },
    body: () => ({ code: enrollCode, hostname: 'matrix-pc' })
  },
  { name: 'GET /api/auth/me', method: 'GET', path: () => '/auth/me', allow: SIGNED_IN },
  { name: 'GET /api/venues', method: 'GET', path: () => '/venues', allow: SIGNED_IN },
  {
    // "change" to the same password: a real change that leaves the account usable
    name: 'POST /api/auth/password', method: 'POST', path: () => '/auth/password', allow: SIGNED_IN,
    body: (who) => (who === 'anonymous' || who === 'station' ? { current: 'whatever-123', next: 'whatever-12345' } : { current: PASSWORD(who), next: PASSWORD(who) })
  },
  { name: 'GET /api/rooms', method: 'GET', path: () => '/rooms', allow: PARTICIPANT_VIEWERS /* room.view or participant.view */ },
  { name: 'GET /api/rooms/:T/participants', method: 'GET', path: () => `/rooms/${roomT}/participants`, allow: PARTICIPANT_VIEWERS },
  { name: 'GET /api/rooms/:U/participants', method: 'GET', path: () => `/rooms/${roomU}/participants`, allow: NATIONAL_ONLY },
  { name: 'GET /api/rooms/:T/stations', method: 'GET', path: () => `/rooms/${roomT}/stations`, allow: ENROLLERS },
  { name: 'GET /api/rooms/:U/stations', method: 'GET', path: () => `/rooms/${roomU}/stations`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/rooms/:T/enrollment-codes', method: 'POST', path: () => `/rooms/${roomT}/enrollment-codes`, allow: ENROLLERS,
    body: () => ({ stationIds: [T[5].stationId], ttlMin: 30 })
  },
  {
    name: 'POST /api/rooms/:U/enrollment-codes', method: 'POST', path: () => `/rooms/${roomU}/enrollment-codes`, allow: NATIONAL_ONLY,
    body: () => ({ stationIds: [U[1].stationId], ttlMin: 30 })
  },
  {
    // T4 and T5 are not connected and not used by any other cell
    name: 'POST /api/stations/:T/revoke', method: 'POST', allow: ENROLLERS,
    path: (who) => `/stations/${(who === 'admin' ? T[4] : T[5]).stationId}/revoke`
  },
  { name: 'POST /api/stations/:U/revoke', method: 'POST', path: () => `/stations/${U[1].stationId}/revoke`, allow: NATIONAL_ONLY },
  { name: 'GET /api/users', method: 'GET', path: () => '/users', allow: ADMIN },
  {
    name: 'POST /api/users', method: 'POST', path: () => '/users', allow: ADMIN,
    body: (_who, i) => ({
      nip: demoNip(20000 + i), name: `Pengguna Matriks ${i}`, roles: ['pengawas'],
      scopes: [{ kind: 'venue', venueId: T[0].venueId }], password: 'Pengguna-Matriks-1'
    })
  },
  { name: 'PATCH /api/users/:id', method: 'PATCH', path: () => `/users/${dummyId}`, allow: ADMIN, body: (who) => ({ jabatan: `diubah oleh ${who}` }) },
  { name: 'POST /api/users/:id/password', method: 'POST', path: () => `/users/${dummyId}/password`, allow: ADMIN, body: () => ({ password: 'Sasaran-Matriks-02' }) },
  { name: 'POST /api/users/:id/unlock', method: 'POST', path: () => `/users/${dummyId}/unlock`, allow: ADMIN },
  { name: 'GET /api/audit', method: 'GET', path: () => '/audit', allow: AUDITORS },
  { name: 'GET /api/audit/actions', method: 'GET', path: () => '/audit/actions', allow: AUDITORS },
  { name: 'GET /api/audit?venueId=T', method: 'GET', path: () => `/audit?venueId=${T[0].venueId}`, allow: AUDITORS },
  { name: 'GET /api/audit?venueId=U', method: 'GET', path: () => `/audit?venueId=${U[0].venueId}`, allow: NATIONAL_ONLY },
  // the bandwidth probe takes a station token only: a session cookie is not a credential there
  { name: 'GET /api/probe', method: 'GET', path: () => '/probe?bytes=1024', allow: ['station'] },
  ...SESSION_CELLS,
  // activities and their schedule: every role sees those of its scope (the agency's operator: its agency's); the koordinator and admin plan
  { name: 'GET /api/activities', method: 'GET', path: () => '/activities', allow: SIGNED_IN },
  { name: 'GET /api/activities/:T', method: 'GET', path: () => `/activities/${actT}`, allow: SIGNED_IN },
  { name: 'GET /api/activities/:U', method: 'GET', path: () => `/activities/${actU}`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/activities (venue T)', method: 'POST', path: () => '/activities', allow: ACTIVITY_MANAGERS,
    body: () => ({ purpose: 'pemetaan', agency: 'Instansi A', venueId: T[0].venueId, dateFrom: farDate, dateTo: farDate })
  },
  {
    name: 'POST /api/activities (venue U)', method: 'POST', path: () => '/activities', allow: NATIONAL_ONLY,
    body: () => ({ purpose: 'pemetaan', agency: 'Instansi B', venueId: U[0].venueId, dateFrom: farDate, dateTo: farDate })
  },
  { name: 'PATCH /api/activities/:T', method: 'PATCH', path: () => `/activities/${actT}`, allow: ACTIVITY_MANAGERS, body: (who) => ({ facilities: `diubah oleh ${who}` }) },
  { name: 'PATCH /api/activities/:U', method: 'PATCH', path: () => `/activities/${actU}`, allow: NATIONAL_ONLY, body: (who) => ({ facilities: `diubah oleh ${who}` }) },
  { name: 'POST /api/activities/:T/team', method: 'POST', path: () => `/activities/${actT}/team`, allow: ACTIVITY_MANAGERS, body: () => ({ userId: dummyId, teamRole: 'instruktur' }) },
  { name: 'POST /api/activities/:U/team', method: 'POST', path: () => `/activities/${actU}/team`, allow: NATIONAL_ONLY, body: () => ({ userId: dummyId, teamRole: 'instruktur' }) },
  { name: 'POST /api/activities/:T/team/:id/remove', method: 'POST', path: () => `/activities/${actT}/team/${dummyId}/remove`, allow: ACTIVITY_MANAGERS },
  { name: 'POST /api/activities/:U/team/:id/remove', method: 'POST', path: () => `/activities/${actU}/team/${dummyId}/remove`, allow: NATIONAL_ONLY },
  {
    name: 'POST /api/activities/:T/sessions', method: 'POST', path: () => `/activities/${actT}/sessions`, allow: ACTIVITY_MANAGERS,
    body: (_who, i) => ({ roomId: roomT, date: farDate, time: `1${i}:00`, capacity: 2 })
  },
  {
    name: 'POST /api/activities/:U/sessions', method: 'POST', path: () => `/activities/${actU}/sessions`, allow: NATIONAL_ONLY,
    body: (_who, i) => ({ roomId: roomU, date: farDate, time: `1${i}:00`, capacity: 2 })
  },
  {
    name: 'POST /api/sessions/:T/reschedule', method: 'POST', path: () => `/sessions/${plannedT}/reschedule`, allow: ACTIVITY_MANAGERS,
    body: (who) => ({ date: farDate, time: '09:00', reason: `dipindah oleh ${who}` })
  },
  {
    name: 'POST /api/sessions/:U/reschedule', method: 'POST', path: () => `/sessions/${plannedU}/reschedule`, allow: NATIONAL_ONLY,
    body: (who) => ({ date: farDate, time: '09:00', reason: `dipindah oleh ${who}` })
  },
  // who the team is picked from: whoever plans the activity (its venue in scope)
  { name: 'GET /api/activities/:T/candidates', method: 'GET', path: () => `/activities/${actT}/candidates`, allow: ACTIVITY_MANAGERS },
  { name: 'GET /api/activities/:U/candidates', method: 'GET', path: () => `/activities/${actU}/candidates`, allow: NATIONAL_ONLY },
  // a venue's kind and zone: whoever plans its activities
  { name: 'PATCH /api/venues/:T', method: 'PATCH', path: () => `/venues/${T[0].venueId}`, allow: ACTIVITY_MANAGERS, body: () => ({ timeZone: 'Asia/Jakarta' }) },
  { name: 'PATCH /api/venues/:U', method: 'PATCH', path: () => `/venues/${U[0].venueId}`, allow: NATIONAL_ONLY, body: () => ({ timeZone: 'Asia/Jakarta' }) },
  // the exception to the registration lead time is the koordinator's alone (the admin plans, but does not override)
  {
    name: 'POST /api/sessions/:T/late-registration', method: 'POST', path: () => `/sessions/${plannedT}/late-registration`, allow: ['koordinator'],
    body: (who) => ({ reason: `pengecualian oleh ${who}` })
  },
  {
    name: 'POST /api/sessions/:U/late-registration', method: 'POST', path: () => `/sessions/${plannedU}/late-registration`, allow: NOBODY,
    body: (who) => ({ reason: `pengecualian oleh ${who}` })
  },
  // one participant file for a whole activity: whoever registers participants and sees the activity (the operator: its agency's)
  {
    name: 'POST /api/activities/:T/participants/import', method: 'POST', path: () => `/activities/${actT}/participants/import`, allow: REGISTRARS,
    raw: () => ({ type: 'text/csv', data: IMPORT_CSV })
  },
  {
    name: 'POST /api/activities/:U/participants/import', method: 'POST', path: () => `/activities/${actU}/participants/import`, allow: NOBODY,
    raw: () => ({ type: 'text/csv', data: IMPORT_CSV })
  },
  // the schedule: every role its own venues' sessions (the agency's operator: its agency's); another venue by name only for a national scope
  { name: 'GET /api/schedule', method: 'GET', path: () => '/schedule', allow: SIGNED_IN },
  { name: 'GET /api/schedule?venueId=T', method: 'GET', path: () => `/schedule?venueId=${T[0].venueId}&from=${farDate}&to=${farDate}`, allow: SIGNED_IN },
  { name: 'GET /api/schedule?venueId=U', method: 'GET', path: () => `/schedule?venueId=${U[0].venueId}`, allow: NATIONAL_ONLY },
  { name: 'GET /api/schedule/export?format=csv', method: 'GET', path: () => '/schedule/export?format=csv', allow: SIGNED_IN },
  { name: 'GET /api/schedule/export?format=xlsx&venueId=T', method: 'GET', path: () => `/schedule/export?format=xlsx&venueId=${T[0].venueId}`, allow: SIGNED_IN },
  { name: 'GET /api/schedule/export?format=csv&venueId=U', method: 'GET', path: () => `/schedule/export?format=csv&venueId=${U[0].venueId}`, allow: NATIONAL_ONLY },
  // the monitoring and evaluation report: the caller's venues; a venue of another region by a national scope only
  { name: 'GET /api/evaluation', method: 'GET', path: () => `/evaluation?from=${farDate}&to=${farDate}`, allow: EVALUATION_VIEWERS },
  { name: 'GET /api/evaluation?venueId=U', method: 'GET', path: () => `/evaluation?from=${farDate}&to=${farDate}&venueId=${U[0].venueId}`, allow: NATIONAL_ONLY },
  // issued as a document: by a koordinator over its own scope; read by whoever oversees every venue it covers
  { name: 'GET /api/evaluation/documents', method: 'GET', path: () => '/evaluation/documents', allow: EVALUATION_VIEWERS },
  {
    name: 'POST /api/evaluation/documents', method: 'POST', path: () => '/evaluation/documents', allow: ['koordinator'],
    body: () => ({ query: { from: farDate, to: farDate }, recommendations: SAMPLE_RECOMMENDATIONS, ketua: SAMPLE_TEAM.ketua, anggota: SAMPLE_TEAM.anggota })
  },
  { name: 'POST /api/evaluation/documents (venueId=U)', method: 'POST', path: () => '/evaluation/documents', allow: NOBODY, body: () => ({ query: { from: farDate, to: farDate, venueId: U[0].venueId }, recommendations: SAMPLE_RECOMMENDATIONS, ketua: SAMPLE_TEAM.ketua, anggota: SAMPLE_TEAM.anggota }) },
  { name: 'GET /api/documents/:T/xlsx', method: 'GET', path: () => `/documents/${monevT.id}/xlsx`, allow: EVALUATION_VIEWERS },
  { name: 'GET /api/documents/:U/xlsx', method: 'GET', path: () => `/documents/${monevU.id}/xlsx`, allow: NATIONAL_ONLY },
  { name: 'GET /api/documents/:T/pdf (monitoring and evaluation report)', method: 'GET', path: () => `/documents/${monevT.id}/pdf`, allow: EVALUATION_VIEWERS },
  // the admin's days off for the working-day calendar: a venue's own day by whoever plans it, a day everywhere by a national scope
  { name: 'GET /api/days-off', method: 'GET', path: () => '/days-off?from=2027-01-01', allow: SIGNED_IN },
  {
    name: 'POST /api/days-off (venue T)', method: 'POST', path: () => '/days-off', allow: ACTIVITY_MANAGERS,
    body: (_who, i) => ({ date: addDays('2027-06-02', i), name: 'Hari jadi kota', kind: 'local', venueId: T[0].venueId })
  },
  { name: 'POST /api/days-off (everywhere)', method: 'POST', path: () => '/days-off', allow: NATIONAL_ONLY, body: (_who, i) => ({ date: addDays('2027-06-20', i), name: 'Cuti bersama', kind: 'cuti_bersama' }) },
  { name: 'POST /api/days-off/:T/remove', method: 'POST', path: () => `/days-off/${dayOffId}/remove`, allow: ACTIVITY_MANAGERS, prepare: () => dayOffToRemove(T[0].venueId) },
  { name: 'POST /api/days-off/:U/remove', method: 'POST', path: () => `/days-off/${dayOffId}/remove`, allow: NATIONAL_ONLY, prepare: () => dayOffToRemove(U[0].venueId) },
  {
    name: 'POST /api/sessions/:T/cancel', method: 'POST', path: () => `/sessions/${toCancel}/cancel`, allow: ACTIVITY_MANAGERS,
    prepare: () => planToCancel(actT, roomT), body: (who) => ({ reason: `dibatalkan oleh ${who}` })
  },
  {
    name: 'POST /api/sessions/:U/cancel', method: 'POST', path: () => `/sessions/${toCancel}/cancel`, allow: NATIONAL_ONLY,
    prepare: () => planToCancel(actU, roomU), body: (who) => ({ reason: `dibatalkan oleh ${who}` })
  },
  // official documents: the list, the PDF and the page for whoever sees the session (or activity) they belong to;
  // the verification of a code or a PDF file is open to anyone (Perban BKN 4/2024 Lampiran I–III: a paper copy is checked by whoever holds it)
  // the list is open to participant.view or room.view; the documents themselves to the agency's operator only for its agency's activities (sessT has none)
  { name: 'GET /api/sessions/:T/documents', method: 'GET', path: () => `/sessions/${sessT}/documents`, allow: PARTICIPANT_VIEWERS /* participant.view or room.view */ },
  { name: 'GET /api/sessions/:U/documents', method: 'GET', path: () => `/sessions/${sessU}/documents`, allow: NATIONAL_ONLY },
  { name: 'GET /api/activities/:T/documents', method: 'GET', path: () => `/activities/${actT}/documents`, allow: SIGNED_IN },
  { name: 'GET /api/activities/:U/documents', method: 'GET', path: () => `/activities/${actU}/documents`, allow: NATIONAL_ONLY },
  { name: 'GET /api/documents/:T/pdf', method: 'GET', path: () => `/documents/${docT.id}/pdf`, allow: WATCHERS },
  { name: 'GET /api/documents/:U/pdf', method: 'GET', path: () => `/documents/${docU.id}/pdf`, allow: NATIONAL_ONLY },
  { name: 'GET /api/documents/:T/html', method: 'GET', path: () => `/documents/${docT.id}/html`, allow: WATCHERS },
  { name: 'GET /api/documents/:U/html', method: 'GET', path: () => `/documents/${docU.id}/html`, allow: NATIONAL_ONLY },
  { name: 'GET /api/verify/:T', method: 'GET', path: () => `/verify/${docT.code}`, allow: EVERYONE },
  { name: 'GET /api/verify/:U', method: 'GET', path: () => `/verify/${docU.code}`, allow: EVERYONE },
  // a correction: the next version, the koordinator's alone, with a reason
  { name: 'POST /api/documents/:T/correct', method: 'POST', path: () => `/documents/${docT.id}/correct`, allow: ['koordinator'], body: () => ({ reason: 'Nama penandatangan instansi salah ketik', signers: [{ index: 1, name: 'Nama Yang Benar' }] }) },
  { name: 'POST /api/documents/:U/correct', method: 'POST', path: () => `/documents/${docU.id}/correct`, allow: NOBODY, body: () => ({ reason: 'Nama penandatangan instansi salah ketik' }) },
  { name: 'POST /api/verify/:T (a PDF file)', method: 'POST', path: () => `/verify/${docT.code}`, allow: EVERYONE, raw: () => ({ type: 'application/pdf', data: '%PDF-1.7 bukan dokumen asli' }) },
  {
    // on a second session of the role, so the matrix session lives on for logout-all
    name: 'POST /api/auth/logout', method: 'POST', path: () => '/auth/logout', allow: SIGNED_IN,
    prepare: async (who) => (who === 'anonymous' || who === 'station' ? undefined : { session: await srv.login(who) })
  },
  {
    // as an account of its own per role: ending every session of the matrix's accounts would end the other cells' too
    name: 'POST /api/auth/logout-all', method: 'POST', path: () => '/auth/logout-all', allow: SIGNED_IN,
    prepare: async (who) => (who === 'anonymous' || who === 'station' ? undefined : { session: await freshSession(who) })
  }
];

describe('authorization matrix: HTTP routes', () => {
  it('the table covers every route the API serves', () => {
    // Read the routes out of server/http/*.ts — those registered from the route table
    // (`route(r, ROUTES.key, …)`, method and path from protocol/routes.ts) and any registered by
    // hand — : a route added without a row here is a route whose authorization nobody checked.
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../server/http');
    const served = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/\broute\(\s*r,\s*ROUTES\.(\w+)\b/g)) {
        const def = ROUTES[m[1] as keyof typeof ROUTES];
        expect(def, `${f}: ROUTES.${m[1]}`).toBeDefined();
        served.add(`${def.method} ${def.path.replace(/:\w+/g, ':id')}`);
      }
      for (const m of src.matchAll(/\br\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
        served.add(`${m[1].toUpperCase()} /api${m[2].replace(/:\w+/g, ':id')}`);
      }
    }
    // demo mode only (404 otherwise), public by design: covered in auth.test.ts
    const outsideMatrix = ['GET /api/auth/demo-accounts'];
    const inTable = new Set(HTTP_CELLS.map((c) => c.name.replace(/[?(].*$/, '').replace(/:[TU]\b/g, ':id').trim()));
    expect(served.size).toBeGreaterThan(15); // the scan found the routers
    expect([...served].filter((r) => !outsideMatrix.includes(r)).sort()).toEqual([...inTable].sort());
  });

  for (const cell of HTTP_CELLS) {
    it(cell.name, async () => {
      const problems: string[] = [];
      for (const [i, who] of EVERYONE.entries()) {
        const prepared = (await cell.prepare?.(who)) ?? {};
        const r = await request(who, cell.method, cell.path(who), prepared.body ?? cell.body?.(who, i), prepared.session, cell.raw?.());
        const m = mismatch(cell.name, who, cell.allow.includes(who), classifyHttp(r));
        if (m) problems.push(m);
        if (m === null && !cell.allow.includes(who)) {
          // refused callers learn nothing: an anonymous caller is told to sign in, a signed-in one is forbidden
          const want = who === 'anonymous' || who === 'station' || cell.name === 'GET /api/probe' ? 401 : 403;
          if (r.status !== want) problems.push(`${cell.name} × ${who}: refused with ${r.status}, expected ${want}`);
          if (typeof r.body?.message !== 'string' || typeof r.body?.pesan !== 'string') problems.push(`${cell.name} × ${who}: refusal without message/pesan`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('after logout-all none of the caller\'s sessions works any more', async () => {
    for (const r of ROLES_) {
      const first = await freshSession(r);
      const nip = (await api(srv.url, first, 'GET', '/auth/me')).body.user.nip as string;
      const second = await loginAs(srv.url, nip, FRESH_PASSWORD);
      expect((await api(srv.url, second, 'POST', '/auth/logout-all')).status, r).toBe(200);
      for (const s of [first, second]) expect((await api(srv.url, s, 'GET', '/auth/me')).status, r).toBe(401);
    }
  });
});

// ------------------------------------------------------------------ what an allowed caller gets
describe('scope of what is returned', () => {
  let s: Record<'admin' | 'koordinator' | 'pengawas' | 'operator_instansi', Session>;
  beforeAll(async () => {
    s = {
      admin: await srv.login('admin'), koordinator: await srv.login('koordinator'),
      pengawas: await srv.login('pengawas'), operator_instansi: await srv.login('operator_instansi')
    };
  });

  it('GET /api/rooms lists only the venues in the caller\'s scope', async () => {
    const venueIds = async (who: keyof typeof s) => (await api(srv.url, s[who], 'GET', '/rooms')).body.venues.map((v: any) => v.id).sort();
    const [vt, vu] = [T[0].venueId, U[0].venueId];
    expect(await venueIds('admin')).toEqual([vt, vu].sort());
    expect(await venueIds('koordinator')).toEqual([vt]);
    expect(await venueIds('pengawas')).toEqual([vt]);
    expect(await venueIds('operator_instansi')).toEqual([vt]);
  });

  it('GET /api/venues lists only the venues in the caller\'s scope', async () => {
    const venueIds = async (who: keyof typeof s) => (await api(srv.url, s[who], 'GET', '/venues')).body.venues.map((v: any) => v.id).sort();
    expect(await venueIds('admin')).toEqual([T[0].venueId, U[0].venueId].sort());
    expect(await venueIds('koordinator')).toEqual([T[0].venueId]);
    expect(await venueIds('operator_instansi')).toEqual([T[0].venueId]);
  });

  it('operator_instansi gets only its own agency\'s participants; the Tim Penyelenggara gets the whole roster', async () => {
    const all = await api(srv.url, s.pengawas, 'GET', `/rooms/${roomT}/participants`);
    expect(all.status).toBe(200);
    const seatedNips = T.filter((x) => x.participant).map((x) => x.participant!.nip).sort();
    expect(all.body.participants.map((p: any) => p.nip).sort()).toEqual(seatedNips);
    expect(new Set(all.body.participants.map((p: any) => p.instansi))).toEqual(new Set(['Instansi A', 'Instansi B']));

    const own = await api(srv.url, s.operator_instansi, 'GET', `/rooms/${roomT}/participants`);
    expect(own.status).toBe(200);
    const agencyA = all.body.participants.filter((p: any) => p.instansi === 'Instansi A');
    expect(agencyA.length).toBeGreaterThan(0);
    expect(own.body.participants).toEqual(agencyA);

    const koor = await api(srv.url, s.koordinator, 'GET', `/rooms/${roomT}/participants`);
    expect(koor.body.participants).toHaveLength(all.body.participants.length);

    // venue U also has 'Instansi A' participants, but it is outside the operator's venue
    for (const who of ['operator_instansi', 'koordinator', 'pengawas'] as const) {
      const r = await api(srv.url, s[who], 'GET', `/rooms/${roomU}/participants`);
      expect(r.status, who).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain(U[0].participant!.nip);
    }
    const national = await api(srv.url, s.admin, 'GET', `/rooms/${roomU}/participants`);
    expect(national.body.participants.map((p: any) => p.nip)).toContain(U[0].participant!.nip);
  });

  it('an operator whose agency changes sees the other agency at its next request', async () => {
    // an operator of its own (Instansi A): the seeded one keeps its agency for the other tests
    const op = await freshSession('operator_instansi');
    const opId = (await api(srv.url, op, 'GET', '/auth/me')).body.user.id as number;
    expect((await api(srv.url, s.admin, 'PATCH', `/users/${opId}`, { instansi: 'Instansi B' })).status).toBe(200);
    const r = await api(srv.url, op, 'GET', `/rooms/${roomT}/participants`);
    expect(r.body.participants.length).toBeGreaterThan(0);
    expect(new Set(r.body.participants.map((p: any) => p.instansi))).toEqual(new Set(['Instansi B']));
    expect((await api(srv.url, s.admin, 'PATCH', `/users/${opId}`, { instansi: null })).status).toBe(200);
    const none = await api(srv.url, op, 'GET', `/rooms/${roomT}/participants`);
    expect(none.body.participants).toEqual([]); // an operator without an agency sees no one
  });
});
