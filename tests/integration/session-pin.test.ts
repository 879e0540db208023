/**
 * The session PIN (Perban BKN 4/2024 Pasal 14(1)i; SE BKN 6/2026 §5.i.3) end to end: a proctor
 * issues it over HTTP, the exam application checks what a participant typed through the station's
 * agent (station:pin-verify), wrong guesses lock the station, the dashboard sees the lock, a
 * proctor unlocks, revokes, replaces; rotation runs on the server's own clock (moved forward here
 * with a faked Date — the server runs in this process — never by sleeping minutes).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PIN_OUTCOME_TEXT, PIN_RULES } from '../../protocol/session.ts';
import type { SessionSummary, StationPatch } from '../../protocol/index.ts';
import {
  api, call, connected, dashboardSocket, helloStation, roomSessionId, startTestServer, stationSocket, until,
  type DashboardClient, type Session, type StationClient, type TestServer
} from '../helpers/server.ts';

let srv: TestServer;
let roomId: number;
let sessionId: number;
let pengawas: Session;
let dash: DashboardClient;
const patches: StationPatch[] = [];
const summaries: SessionSummary[] = [];
/** every PIN the server gave out in this file: none may appear in the audit trail */
const issued = new Set<string>();
const stations: StationClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 50 }, [
    { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
    { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 1, session: null }
  ]);
  roomId = srv.seeded[0].roomId;
  pengawas = await srv.login('pengawas');
  sessionId = await roomSessionId(srv.url, pengawas, roomId);
  dash = dashboardSocket(srv.url, await srv.login('instruktur'));
  await connected(dash);
  expect((await call(dash, 'room:join', { roomId })).ok).toBe(true);
  dash.on('room:changes', (m) => patches.push(...m.patches));
  dash.on('room:session', (m) => m.session && summaries.push(m.session));
  for (const s of srv.seeded.slice(0, 5)) stations.push((await helloStation(srv.url, s.token, `stream-pin-${s.stationId}`)).st);
});

afterAll(async () => {
  vi.useRealTimers();
  for (const s of stations) s.close();
  dash?.close();
  await srv?.dispose();
});

const verify = (i: number, pin: string, nip: string | null = srv.seeded[i].participant?.nip ?? null) =>
  call(stations[i], 'station:pin-verify', { v: 1, pin, nip });
async function issue(body: object = { lifetimeMin: 30 }) {
  const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, body);
  expect(r.status).toBe(200);
  issued.add(r.body.pin.pin);
  return r.body.pin as { pin: string; generation: number; issuedAt: number; expiresAt: number; rotatesAt: number | null };
}
/** a PIN of the alphabet that is not `pin` */
const wrongFor = (pin: string) => (pin === 'AAAAAA' ? 'CCCCCC' : pin.startsWith('A') ? `C${pin.slice(1)}` : `A${pin.slice(1)}`);

describe('session PIN', () => {
  let pin: string;

  let gen0 = 0;

  it('before hello: refused; in a room without a session: not_running', async () => {
    // the seeded running session already has a PIN in force (it got there the regular way)
    gen0 = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin?.generation ?? 0;
    const silent = stationSocket(srv.url, srv.seeded[5].token);
    try {
      await connected(silent);
      expect(await call(silent, 'station:pin-verify', { v: 1, pin: 'AAAAAA' })).toMatchObject({ ok: false, code: 'NOT_READY' });
    } finally {
      silent.close();
    }
    // a station of a room without a session: nothing to log in to
    const lone = (await helloStation(srv.url, srv.seeded[6].token, 'stream-pin-lone')).st;
    try {
      expect(await call(lone, 'station:pin-verify', { v: 1, pin: 'AAAAAA' })).toMatchObject({ ok: true, valid: false, outcome: 'not_running' });
    } finally {
      lone.close();
    }
  });

  it('issued by a proctor; a station checks it (case, spaces and dashes do not matter)', async () => {
    const p = await issue();
    pin = p.pin;
    expect(p.generation).toBe(gen0 + 1);
    expect(p.expiresAt - p.issuedAt).toBe(30 * 60_000);
    expect(await verify(0, pin)).toEqual({ ok: true, valid: true, outcome: 'ok', attemptsLeft: PIN_RULES.maxStationFailures, lockedUntil: null, text: PIN_OUTCOME_TEXT.ok });
    const typed = `${pin.slice(0, 3).toLowerCase()} -${pin.slice(3).toLowerCase()}`;
    expect(await verify(0, typed)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('wrong PINs count down, the third locks the station; the right PIN is then answered locked', async () => {
    const wrong = wrongFor(pin);
    const a1 = await verify(1, wrong);
    expect(a1).toEqual({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 2, lockedUntil: null, text: PIN_OUTCOME_TEXT.wrong });
    expect((await verify(1, wrong)).attemptsLeft).toBe(1);
    const before = Date.now();
    const a3 = await verify(1, wrong);
    expect(a3).toMatchObject({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 0 });
    expect(a3.lockedUntil).toBeGreaterThanOrEqual(before + PIN_RULES.stationLockMs);
    expect(a3.lockedUntil).toBeLessThanOrEqual(Date.now() + PIN_RULES.stationLockMs);

    const locked = await verify(1, pin);
    expect(locked).toEqual({ ok: true, valid: false, outcome: 'locked', attemptsLeft: 0, lockedUntil: a3.lockedUntil, text: PIN_OUTCOME_TEXT.locked });

    // the dashboard sees the lock on the tile and in the session summary
    const st = srv.seeded[1].stationId;
    await until(() => patches.find((p) => p.id === st && p.pinLockedUntil === a3.lockedUntil));
    const s = await until(() => summaries.findLast((x) => x.pin.lockedStations === 1));
    expect(s.pin).toMatchObject({ active: true, failures: 3, lockedStations: 1 });
    // another station is not affected
    expect(await verify(2, pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('the attempts list shows every try, with station and outcome (for session.control only)', async () => {
    const r = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin/attempts`);
    expect(r.status).toBe(200);
    const t1 = r.body.attempts.filter((a: any) => a.stationId === srv.seeded[1].stationId).map((a: any) => a.outcome).reverse();
    // tries at a locked station are answered from memory and not stored: the lock itself is the record
    expect(t1).toEqual(['wrong', 'wrong', 'wrong']);
    expect(r.body.attempts.find((a: any) => a.stationId === srv.seeded[1].stationId)).toMatchObject({ stationCode: srv.seeded[1].code, nip: srv.seeded[1].participant!.nip });
    expect(JSON.stringify(r.body)).not.toContain(pin);
    const koor = await api(srv.url, await srv.login('koordinator'), 'GET', `/sessions/${sessionId}/pin/attempts`);
    expect(koor.status).toBe(403);
  });

  it('a proctor unlocks the station: the tile clears, and the right PIN works there again', async () => {
    const st = srv.seeded[1].stationId;
    const mark = patches.length;
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/stations/${st}/pin-unlock`);
    expect(r.status).toBe(200);
    await until(() => patches.slice(mark).find((p) => p.id === st && p.pinLockedUntil === null));
    await until(() => summaries.findLast((x) => x.pin.lockedStations === 0));
    expect(await verify(1, pin)).toMatchObject({ valid: true, outcome: 'ok', attemptsLeft: 3, lockedUntil: null });
    // the count starts afresh after an unlock
    expect((await verify(1, wrongFor(pin))).attemptsLeft).toBe(2);
  });

  it('unlocking a station of another room is refused', async () => {
    const other = srv.seeded[6].stationId; // R2's only PC
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/stations/${other}/pin-unlock`);
    expect(r.status).toBe(404);
  });

  it('the PIN is shown only to session.control: koordinator and petugas_ti are refused', async () => {
    const shown = await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`);
    expect(shown.status).toBe(200);
    expect(shown.body.pin).toMatchObject({ pin, generation: gen0 + 1 });
    for (const role of ['koordinator', 'petugas_ti', 'operator_instansi'] as const) {
      const r = await api(srv.url, await srv.login(role), 'GET', `/sessions/${sessionId}/pin`);
      expect(r.status, role).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain(pin);
    }
    // what every watcher gets (snapshot, room:session) says a PIN is active, never which
    const snap = await call(dash, 'room:join', { roomId });
    expect(snap.snapshot.session.pin.active).toBe(true);
    expect(JSON.stringify(snap)).not.toContain(pin);
    expect(JSON.stringify(summaries)).not.toContain(pin);
  });

  it('a new PIN replaces the old: the old is answered revoked', async () => {
    const next = await issue();
    expect(next.generation).toBe(gen0 + 2);
    expect(next.pin).not.toBe(pin); // 18^6 codes: equal only by a one-in-34-million chance
    expect(await verify(3, pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    expect(await verify(3, next.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    pin = next.pin;
  });

  it('revoked: the PIN is refused as revoked, no PIN is active, and a second revoke finds nothing', async () => {
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin/revoke`, { reason: 'PIN terlihat dari luar ruang' });
    expect(r.status).toBe(200);
    await until(() => summaries.findLast((x) => x.pin.active === false));
    expect(await verify(4, pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin).toBeNull();
    const again = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin/revoke`, {});
    expect(again.status).toBe(404);
  });

  it('twenty wrong guesses across the room revoke the PIN: someone is trying codes', async () => {
    const p = await issue();
    const wrong = wrongFor(p.pin);
    let last: any = null;
    let n = 0;
    // stations 1–4 guess in turn; a proctor unlocks each one that locks, so the guessing goes on
    while (n < PIN_RULES.maxSessionFailures) {
      const i = 1 + (Math.floor(n / PIN_RULES.maxStationFailures) % 4);
      last = await verify(i, wrong);
      n++;
      expect(last.outcome, `attempt ${n}`).toBe('wrong');
      if (last.lockedUntil) {
        const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/stations/${srv.seeded[i].stationId}/pin-unlock`);
        expect(r.status).toBe(200);
      }
    }
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin).toBeNull();
    expect(await verify(0, p.pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    const audit = await api(srv.url, pengawas, 'GET', '/audit?action=session.pin_revoked');
    expect(audit.body.rows[0]).toMatchObject({ actorRole: 'system', after: { reason: 'too many wrong attempts' } });
    await until(() => summaries.findLast((x) => x.pin.active === false && x.pin.generation === 0));
  });

  it('a lock runs out by itself after five minutes; the count then starts afresh', async () => {
    const p = await issue();
    const wrong = wrongFor(p.pin);
    for (let k = 0; k < PIN_RULES.maxStationFailures; k++) await verify(4, wrong);
    const locked = await verify(4, p.pin);
    expect(locked.outcome).toBe('locked');
    const st = srv.seeded[4].stationId;
    const mark = patches.length;
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(locked.lockedUntil + 1000);
    // the once-a-second ticker clears the tile
    await until(() => patches.slice(mark).find((x) => x.id === st && x.pinLockedUntil === null), 4000);
    stations[4].close(); // see the rotation test: a clock jump drops the client's connection
    stations[4] = (await helloStation(srv.url, srv.seeded[4].token, 'stream-pin-lock-2')).st;
    expect(await verify(4, wrong)).toMatchObject({ outcome: 'wrong', attemptsLeft: 2, lockedUntil: null });
    expect(await verify(4, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    vi.useRealTimers();
  });

  it('rotation: after rotateMin the server replaces the PIN by itself; the old one has a grace minute, then is expired', async () => {
    const first = await issue({ lifetimeMin: 60, rotateMin: 2 });
    expect(first.rotatesAt).toBe(first.issuedAt + 2 * 60_000);
    // move the server's clock (same process) past the rotation; the PIN ticker runs every second
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(first.rotatesAt! + 500);
    let rotated: typeof first | null = null;
    for (let i = 0; i < 40 && !rotated; i++) {
      const r = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin;
      if (r?.generation === first.generation + 1) rotated = r;
      else await new Promise((ok) => setTimeout(ok, 100));
    }
    if (!rotated) throw new Error('the PIN was not rotated within 4 s of the rotation time');
    issued.add(rotated.pin);
    expect(rotated.expiresAt).toBe(first.expiresAt); // the window the proctor chose is kept
    expect(rotated.pin).not.toBe(first.pin);
    // a socket.io client drops a connection whose heartbeat "expired" when the clock jumps: reconnect
    // (a new connection replaces the old one, as an agent restart does)
    stations[0] = (await helloStation(srv.url, srv.seeded[0].token, 'stream-pin-rot-1')).st;
    expect(await verify(0, rotated.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    // someone still typing the old code within the grace period is let in
    expect(await verify(0, first.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    // after the grace period it is expired ("look at the screen for the new PIN")
    vi.setSystemTime(Date.now() + PIN_RULES.rotationGraceMs + 1000);
    stations[0].close();
    stations[0] = (await helloStation(srv.url, srv.seeded[0].token, 'stream-pin-rot-2')).st;
    expect(await verify(0, first.pin)).toMatchObject({ valid: false, outcome: 'expired', attemptsLeft: 2 });
    expect(await verify(0, rotated.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    const audit = await api(srv.url, pengawas, 'GET', '/audit?action=session.pin_rotated');
    expect(audit.body.rows).toHaveLength(1);
    expect(audit.body.rows[0]).toMatchObject({ actorRole: 'system', targetId: String(sessionId), after: { generation: first.generation + 1 } });
    vi.useRealTimers();
  });

  it('no PIN ever appears in the audit trail', async () => {
    const admin = await srv.login('admin');
    const r = await api(srv.url, admin, 'GET', '/audit?limit=500');
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body.rows);
    expect(r.body.rows.some((x: any) => x.action === 'session.pin_issued')).toBe(true);
    expect(r.body.rows.some((x: any) => x.action === 'station.pin_locked')).toBe(true);
    expect(issued.size).toBeGreaterThanOrEqual(4);
    for (const p of issued) expect(text, p).not.toContain(p);
    // nor in the database's audit rows at all (before/after JSON)
    const raw = srv.db.$client.prepare('select before_json as b, after_json as a from audit_log').all() as { a: string | null; b: string | null }[];
    for (const p of issued) expect(raw.some((x) => `${x.a}${x.b}`.includes(p)), p).toBe(false);
  });
});

