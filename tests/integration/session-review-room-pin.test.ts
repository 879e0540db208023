/**
 * Regression tests for the session-control review (one room, one session; the session PIN), over a real
 * server, real sockets and a real SQLite file:
 *  - a second session of the room cannot be prepared while the first runs, and the desk's work for
 *    it (seating, registration) leaves the running session's tiles alone;
 *  - a station's lock cannot be lifted through another session of the room;
 *  - the PIN (Pasal 14(1)i; SE BKN 6/2026 §5.i.3) is revoked for guessing only: typos at a station
 *    that had it right do not count; tries at a locked station are answered without being stored or
 *    pushed; a lock that ran out is no longer "in force"; checks are paced per station.
 * Every test has a venue of its own (tests/helpers/per-test.ts): R1 with A01–A03, B01, B02
 * with participants (seeded index 0–4) and the spare C1, its running session A, and tomorrow's B.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { lastUnlockAt } from '../../db/queries/pins.ts';
import { participants, sessions } from '../../db/schema.ts';
import { PIN_RULES } from '../../protocol/session.ts';
import { PIN_OUTCOME_TEXT } from '../../protocol/messages/pin-outcomes.ts';
import type { SeedRoom } from '../../demo/seed.ts';
import {
  api, call, helloStation, startTestServer, until, type StationClient, type TestVenue
} from '../helpers/server.ts';
import { closeAfterTest, proctorRoom, venuePerTest, watchRoom } from '../helpers/per-test.ts';

const CFG = { heartbeatMs: 1000, flushMs: 50 };
const ROOMS: SeedRoom[] = [{ code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' }];
const venues = venuePerTest(CFG, ROOMS);
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A venue of the test's own (or `given`): its proctor, the room's running session A, tomorrow's B
 * (added straight to the database), a dashboard watching the room and agents at its first five PCs.
 */
async function setup(given?: TestVenue) {
  const v = given ?? (await venues.venue());
  const { srv, seeded, roomId, pengawas, sessionId: A } = await proctorRoom(v);
  const B = srv.db.insert(sessions).values({
    roomId, code: 'R1-S2', name: 'Sesi 2 ProASN', state: 'scheduled', scheduledAt: Date.now() + 3 * 3600_000, durationMin: 180, stateChangedAt: Date.now()
  }).returning().get().id;
  const { summaries } = await watchRoom(srv, await v.login('instruktur'), roomId);
  /** seeded station index → its agent's socket */
  const st: StationClient[] = [];
  const streams: string[] = [];
  async function connect(i: number) {
    st[i]?.close();
    streams[i] = `stream-rp-${i}-${Date.now()}`;
    st[i] = (await helloStation(srv.url, seeded[i].token, streams[i])).st;
    closeAfterTest(st[i]);
    return st[i];
  }
  for (let i = 0; i < 5; i++) await connect(i);
  const view = (i: number) => srv.hub.stations.get(seeded[i].stationId)!.view;
  const nip = (i: number) => seeded[i].participant!.nip;
  const post = (session: number, path: string, body: object = {}) => api(srv.url, pengawas, 'POST', `/sessions/${session}${path}`, body);
  const verify = (i: number, pin: string) => call(st[i], 'station:pin-verify', { v: 1, pin, nip: nip(i) });
  const unlock = (i: number, session = A) => post(session, `/stations/${seeded[i].stationId}/pin-unlock`);
  async function issue() {
    const r = await post(A, '/pin', { lifetimeMin: 30 });
    expect(r.status).toBe(200);
    return r.body.pin as { pin: string; generation: number; issuedAt: number };
  }
  const activePin = async () => (await api(srv.url, pengawas, 'GET', `/sessions/${A}/pin`)).body.pin as { pin: string; generation: number } | null;
  const attemptsOf = async (i: number) =>
    ((await api(srv.url, pengawas, 'GET', `/sessions/${A}/pin/attempts`)).body.attempts as { stationId: number; outcome: string }[])
      .filter((a) => a.stationId === seeded[i].stationId);
  /** PIN_RULES.maxStationFailures wrong tries at station i: the last one locks it */
  async function lock(i: number, pin: string) {
    for (let k = 0; k < PIN_RULES.maxStationFailures; k++) await verify(i, wrongFor(pin));
    const lockedUntil = view(i).pinLockedUntil!;
    expect(lockedUntil).toBeGreaterThan(Date.now());
    return lockedUntil;
  }
  return { v, srv, seeded, roomId, pengawas, A, B, summaries, st, streams, connect, view, nip, post, verify, unlock, issue, activePin, attemptsOf, lock };
}
const wrongFor = (pin: string) => (pin.startsWith('A') ? `C${pin.slice(1)}` : `A${pin.slice(1)}`);
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('one session per room in progress', () => {
  /** tomorrow's people in B (as an import would have added them), and today's participant at A01 at work */
  async function twoSessions() {
    const t = await setup();
    const pB = ['199001012015011001', '199202022016022002'].map((n, k) =>
      t.srv.db.insert(participants).values({ sessionId: t.B, nip: n, name: `Peserta Besok ${k + 1}`, instansi: 'Instansi A', nomorPeserta: `B-${k + 1}` }).returning().get().id);
    const r = await call(t.st[0], 'station:events', { v: 1, stream: t.streams[0], events: [{ seq: 1, at: Date.now(), type: 'login', nip: t.nip(0) }] });
    expect(r.ok).toBe(true);
    return { ...t, pB };
  }

  it('a second session of the room cannot be prepared while the first runs (409 naming the running one)', async () => {
    const { srv, pengawas, roomId, A, B, post } = await twoSessions();
    const r = await post(B, '/transition', { action: 'prepare' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(r.body.message).toMatch(/R1-S1/);
    expect(r.body.pesan).toMatch(/R1-S1/);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${B}`)).body.session.state).toBe('scheduled');
    // the running session is unaffected
    expect((await api(srv.url, pengawas, 'GET', `/rooms/${roomId}/session`)).body.session).toMatchObject({ id: A, state: 'running' });
  });

  it('seating tomorrow\'s participant at a PC in use today leaves today\'s tile as it is', async () => {
    const { seeded, B, pB, view, nip, post } = await twoSessions();
    const before = structuredClone(view(0).participant);
    expect(before).toMatchObject({ nip: nip(0), loggedIn: true });
    const r = await post(B, `/participants/${pB[0]}/seat`, { stationId: seeded[0].stationId });
    expect(r.status).toBe(200);
    expect(r.body.row.stationId).toBe(seeded[0].stationId);
    expect(view(0).participant).toEqual(before);
  });

  it('registering tomorrow\'s participant with a seat leaves today\'s tile as it is', async () => {
    const { srv, seeded, B, pB, view, nip, post } = await twoSessions();
    // a second session already open in the room (a record from before the rule): its desk still
    // must not write over the running session's tiles
    // (scheduled within the hour: past the registration cut-off, so an absence may be recorded)
    srv.db.update(sessions).set({ state: 'open', scheduledAt: Date.now() + 30 * 60_000 }).where(eq(sessions.id, B)).run();
    const before = structuredClone(view(1).participant);
    expect(before).toMatchObject({ nip: nip(1) });
    const r = await post(B, `/participants/${pB[1]}/check-in`, { idCard: true, participantCard: true, faceMatch: true, stationId: seeded[1].stationId });
    expect(r.status).toBe(200);
    expect(r.body.row).toMatchObject({ status: 'present', stationId: seeded[1].stationId });
    expect(view(1).participant).toEqual(before);
    const absent = await post(B, `/participants/${pB[1]}/absent`, {});
    expect(absent.status).toBe(200);
    expect(view(1).participant).toEqual(before);
  });

  it('a station locked in the running session cannot be unlocked through the other session', async () => {
    const { B, view, verify, unlock, issue, lock } = await twoSessions();
    const p = await issue();
    const until0 = await lock(2, p.pin);
    const r = await unlock(2, B);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(view(2).pinLockedUntil).toBe(until0);
    expect(await verify(2, p.pin)).toMatchObject({ valid: false, outcome: 'locked', lockedUntil: until0 });
    // through its own session it works, and the count starts afresh
    expect((await unlock(2)).status).toBe(200);
    expect(await verify(2, wrongFor(p.pin))).toMatchObject({ outcome: 'wrong', attemptsLeft: 2 });
  });
});

describe('PIN guessing and locks', () => {
  it('a station that typed the PIN right, then 25 wrong ones (a proctor unlocking it), does not get the PIN revoked', async () => {
    const { verify, unlock, issue, activePin } = await setup();
    const p = await issue();
    expect(await verify(0, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    for (let n = 1; n <= 25; n++) {
      const a = await verify(0, wrongFor(p.pin));
      expect(a.outcome, `wrong PIN ${n}`).toBe('wrong');
      if (a.lockedUntil) expect((await unlock(0)).status).toBe(200);
    }
    expect(await activePin()).toMatchObject({ pin: p.pin, generation: p.generation });
    expect(await verify(1, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('20 wrong PINs from stations that never had it right still revoke it', async () => {
    const { verify, unlock, issue, activePin } = await setup();
    const p = await issue();
    const wrong = wrongFor(p.pin);
    for (let n = 1; n <= PIN_RULES.maxSessionFailures; n++) {
      const i = 1 + (Math.floor((n - 1) / PIN_RULES.maxStationFailures) % 4); // stations 1–4 in turn
      if (n === PIN_RULES.maxSessionFailures) expect(await activePin(), 'still active after 19').toMatchObject({ pin: p.pin });
      const a = await verify(i, wrong);
      expect(a.outcome, `wrong PIN ${n}`).toBe('wrong');
      if (a.lockedUntil) expect((await unlock(i)).status).toBe(200);
    }
    expect(await activePin()).toBeNull();
    expect(await verify(0, p.pin)).toMatchObject({ valid: false, outcome: 'revoked' });
  });

  it('tries at a locked station are answered "locked", but neither stored in the attempts list nor pushed to the room', async () => {
    const { summaries, verify, issue, attemptsOf, lock } = await setup();
    const p = await issue();
    const lockedUntil = await lock(4, p.pin);
    await until(() => summaries.findLast((s) => s.pin.lockedStations === 1 && s.pin.generation === p.generation));
    await settle();
    const pushes = summaries.length;
    const stored = (await attemptsOf(4)).length;
    for (const pin of [wrongFor(p.pin), p.pin, 'XXXXXX', wrongFor(p.pin), p.pin]) {
      expect(await verify(4, pin)).toEqual({ ok: true, valid: false, outcome: 'locked', attemptsLeft: 0, lockedUntil, text: PIN_OUTCOME_TEXT.locked });
    }
    await settle(400); // several flushes (flushMs 50)
    expect((await attemptsOf(4)).length).toBe(stored);
    expect(summaries.length).toBe(pushes);
  });

  it('a lock in force is not an "ended" lock; once it has run out, the station\'s failures are counted afresh', async () => {
    const { srv, seeded, A, view, connect, verify, issue, lock } = await setup();
    const p = await issue();
    const lockedUntil = await lock(4, p.pin);
    const station = seeded[4].stationId;
    // while the lock holds, the failures before it still stand (it has not ended)
    expect(lastUnlockAt(srv.db, A, station, Date.now())).toBeLessThan(Date.now());
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(lockedUntil + 1000);
    expect(lastUnlockAt(srv.db, A, station, Date.now())).toBe(lockedUntil);
    await until(() => view(4).pinLockedUntil === null, 4000); // the once-a-second ticker
    await connect(4); // a socket.io client drops its connection when the clock jumps
    expect(await verify(4, wrongFor(p.pin))).toMatchObject({ outcome: 'wrong', attemptsLeft: 2, lockedUntil: null });
    expect(await verify(4, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('with pinCheckGapMs 1000, a second check from the same station within a second answers RATE_LIMITED', async () => {
    // a server of its own: the pacing is configured per server
    const own = await startTestServer({ ...CFG, pinCheckGapMs: 1000 }, ROOMS);
    onTestFinished(() => own.dispose());
    const { verify, issue, attemptsOf } = await setup(own.venues[0]);
    const p = await issue();
    const tries = (await attemptsOf(0)).length;
    expect(await verify(0, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    expect(await verify(0, p.pin)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await verify(0, wrongFor(p.pin))).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // another station is not held up by this one
    expect(await verify(1, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    // a refused check is not a try: it is neither stored nor counted
    expect((await attemptsOf(0)).length).toBe(tries + 1);
    await settle(1050);
    expect(await verify(0, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });
});
