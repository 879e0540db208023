/**
 * The session PIN (Perban BKN 4/2024 Pasal 14(1)i; SE BKN 6/2026 §5.i.3) end to end: a proctor
 * issues it over HTTP, the exam application checks what a participant typed through the station's
 * agent (station:pin-verify), wrong guesses lock the station, the dashboard sees the lock, a
 * proctor unlocks, revokes, replaces; rotation runs on the server's own clock (moved forward here
 * with a faked Date — the server runs in this process — never by sleeping minutes).
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts): room R1 (A01–A03, B01–B03;
 * seeded index 0–5) with a running session that already has a PIN in force, and R2 (index 6)
 * without a session.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PIN_RULES } from '../../protocol/session.ts';
import { PIN_OUTCOME_TEXT } from '../../protocol/messages/pin-outcomes.ts';
import {
  api, call, connected, helloStation, stationSocket, until, untilAsync, type StationClient
} from '../helpers/server.ts';
import { closeAfterTest, helloStations, proctorRoom, venuePerTest, watchRoom } from '../helpers/per-test.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 1, session: null }
]);
afterEach(() => {
  vi.useRealTimers();
});

type IssuedPin = { pin: string; generation: number; issuedAt: number; expiresAt: number; rotatesAt: number | null };

/** A venue of the test's own: its proctor, R1's running session, a dashboard watching R1, agents at R1's first five PCs. */
async function setup() {
  const v = await venues.venue();
  const { srv, seeded, roomId, pengawas, sessionId } = await proctorRoom(v);
  const watch = await watchRoom(srv, await v.login('instruktur'), roomId);
  const stations: StationClient[] = await helloStations(v, [0, 1, 2, 3, 4], 'stream-pin');
  /** every PIN the server gave out in this test: none may appear in the audit trail */
  const issued = new Set<string>();
  const verify = (i: number, pin: string, nip: string | null = seeded[i].participant?.nip ?? null) =>
    call(stations[i], 'station:pin-verify', { v: 1, pin, nip });
  async function issue(body: object = { lifetimeMin: 30 }) {
    const r = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/pin`, body);
    expect(r.status).toBe(200);
    issued.add(r.body.pin.pin);
    return r.body.pin as IssuedPin;
  }
  const current = async () => (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/pin`)).body.pin as IssuedPin | null;
  const unlock = (i: number) => api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/stations/${seeded[i].stationId}/pin-unlock`);
  /** PIN_RULES.maxStationFailures wrong tries at station i: the last one locks it */
  async function lock(i: number, pin: string) {
    let last: any = null;
    for (let k = 0; k < PIN_RULES.maxStationFailures; k++) last = await verify(i, wrongFor(pin));
    expect(last).toMatchObject({ outcome: 'wrong', attemptsLeft: 0, lockedUntil: expect.any(Number) });
    return last.lockedUntil as number;
  }
  /** a new connection for station i (as an agent restart makes) */
  async function reconnect(i: number, stream: string) {
    stations[i].close();
    stations[i] = (await helloStation(srv.url, seeded[i].token, stream)).st;
    closeAfterTest(stations[i]);
  }
  return { v, srv, seeded, roomId, sessionId, pengawas, ...watch, stations, issued, verify, issue, current, unlock, lock, reconnect };
}

/** a PIN of the alphabet that is not `pin` */
const wrongFor = (pin: string) => (pin === 'AAAAAA' ? 'CCCCCC' : pin.startsWith('A') ? `C${pin.slice(1)}` : `A${pin.slice(1)}`);

/**
 * Move the server's clock (same process) to `at` and wait for the PIN ticker (once a second) to
 * act. A socket.io client drops a connection whose heartbeat "expired" when the clock jumps: the
 * caller reconnects the stations it uses afterwards.
 */
function jumpClock(at: number) {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(at);
}

describe('session PIN', () => {
  it('before hello: refused; in a room without a session: not_running', async () => {
    const t = await setup();
    const silent = stationSocket(t.srv.url, t.seeded[5].token);
    closeAfterTest(silent);
    await connected(silent);
    expect(await call(silent, 'station:pin-verify', { v: 1, pin: 'AAAAAA' })).toMatchObject({ ok: false, code: 'NOT_READY' });
    // a station of a room without a session: nothing to log in to
    const lone = (await helloStations(t.v, [6], 'stream-pin-lone'))[6];
    expect(await call(lone, 'station:pin-verify', { v: 1, pin: 'AAAAAA' })).toMatchObject({ ok: true, valid: false, outcome: 'not_running' });
  });

  it('issued by a proctor; a station checks it (case, spaces and dashes do not matter)', async () => {
    const t = await setup();
    // the seeded running session already has a PIN in force (it got there the regular way)
    const gen0 = (await t.current())?.generation ?? 0;
    const p = await t.issue();
    expect(p.generation).toBe(gen0 + 1);
    expect(p.expiresAt - p.issuedAt).toBe(30 * 60_000);
    expect(await t.verify(0, p.pin)).toEqual({ ok: true, valid: true, outcome: 'ok', attemptsLeft: PIN_RULES.maxStationFailures, lockedUntil: null, text: PIN_OUTCOME_TEXT.ok });
    const typed = `${p.pin.slice(0, 3).toLowerCase()} -${p.pin.slice(3).toLowerCase()}`;
    expect(await t.verify(0, typed)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('wrong PINs count down, the third locks the station; the right PIN is then answered locked', async () => {
    const t = await setup();
    const { pin } = await t.issue();
    const wrong = wrongFor(pin);
    const a1 = await t.verify(1, wrong);
    expect(a1).toEqual({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 2, lockedUntil: null, text: PIN_OUTCOME_TEXT.wrong });
    expect((await t.verify(1, wrong)).attemptsLeft).toBe(1);
    const before = Date.now();
    const a3 = await t.verify(1, wrong);
    expect(a3).toMatchObject({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 0 });
    expect(a3.lockedUntil).toBeGreaterThanOrEqual(before + PIN_RULES.stationLockMs);
    expect(a3.lockedUntil).toBeLessThanOrEqual(Date.now() + PIN_RULES.stationLockMs);

    const locked = await t.verify(1, pin);
    expect(locked).toEqual({ ok: true, valid: false, outcome: 'locked', attemptsLeft: 0, lockedUntil: a3.lockedUntil, text: PIN_OUTCOME_TEXT.locked });

    // the dashboard sees the lock on the tile and in the session summary
    const st = t.seeded[1].stationId;
    await until(() => t.patches.find((p) => p.id === st && p.pinLockedUntil === a3.lockedUntil));
    const s = await until(() => t.summaries.findLast((x) => x.pin.lockedStations === 1));
    expect(s.pin).toMatchObject({ active: true, failures: 3, lockedStations: 1 });
    // another station is not affected
    expect(await t.verify(2, pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('the attempts list shows every try, with station and outcome (for session.control only)', async () => {
    const t = await setup();
    const { pin } = await t.issue();
    await t.lock(1, pin);
    expect(await t.verify(1, pin)).toMatchObject({ outcome: 'locked' });
    const r = await api(t.srv.url, t.pengawas, 'GET', `/sessions/${t.sessionId}/pin/attempts`);
    expect(r.status).toBe(200);
    const t1 = r.body.attempts.filter((a: any) => a.stationId === t.seeded[1].stationId).map((a: any) => a.outcome).reverse();
    // tries at a locked station are answered from memory and not stored: the lock itself is the record
    expect(t1).toEqual(['wrong', 'wrong', 'wrong']);
    expect(r.body.attempts.find((a: any) => a.stationId === t.seeded[1].stationId)).toMatchObject({ stationCode: t.seeded[1].code, nip: t.seeded[1].participant!.nip });
    expect(JSON.stringify(r.body)).not.toContain(pin);
    const koor = await api(t.srv.url, await t.v.login('koordinator'), 'GET', `/sessions/${t.sessionId}/pin/attempts`);
    expect(koor.status).toBe(403);
  });

  it('a proctor unlocks the station: the tile clears, and the right PIN works there again', async () => {
    const t = await setup();
    const { pin } = await t.issue();
    const lockedUntil = await t.lock(1, pin);
    const st = t.seeded[1].stationId;
    await until(() => t.patches.find((p) => p.id === st && p.pinLockedUntil === lockedUntil));
    await until(() => t.summaries.findLast((x) => x.pin.lockedStations === 1));
    const mark = t.patches.length;
    const pushed = t.summaries.length;
    const r = await t.unlock(1);
    expect(r.status).toBe(200);
    await until(() => t.patches.slice(mark).find((p) => p.id === st && p.pinLockedUntil === null));
    await until(() => t.summaries.slice(pushed).findLast((x) => x.pin.lockedStations === 0));
    expect(await t.verify(1, pin)).toMatchObject({ valid: true, outcome: 'ok', attemptsLeft: 3, lockedUntil: null });
    // the count starts afresh after an unlock
    expect((await t.verify(1, wrongFor(pin))).attemptsLeft).toBe(2);
  });

  it('unlocking a station of another room is refused', async () => {
    const t = await setup();
    const r = await t.unlock(6); // R2's only PC
    expect(r.status).toBe(404);
  });

  it('the PIN is shown only to session.control: koordinator and petugas_ti are refused', async () => {
    const t = await setup();
    const { pin, generation } = await t.issue();
    const shown = await api(t.srv.url, t.pengawas, 'GET', `/sessions/${t.sessionId}/pin`);
    expect(shown.status).toBe(200);
    expect(shown.body.pin).toMatchObject({ pin, generation });
    for (const role of ['koordinator', 'petugas_ti', 'operator_instansi'] as const) {
      const r = await api(t.srv.url, await t.v.login(role), 'GET', `/sessions/${t.sessionId}/pin`);
      expect(r.status, role).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain(pin);
    }
    // what every watcher gets (snapshot, room:session) says a PIN is active, never which
    await until(() => t.summaries.find((x) => x.pin.generation === generation));
    const snap = await call(t.dash, 'room:join', { roomId: t.roomId });
    expect(snap.snapshot.session.pin.active).toBe(true);
    expect(JSON.stringify(snap)).not.toContain(pin);
    expect(JSON.stringify(t.summaries)).not.toContain(pin);
  });

  it('a new PIN replaces the old: the old is answered revoked', async () => {
    const t = await setup();
    const first = await t.issue();
    const next = await t.issue();
    expect(next.generation).toBe(first.generation + 1);
    expect(next.pin).not.toBe(first.pin); // 18^6 codes: equal only by a one-in-34-million chance
    expect(await t.verify(3, first.pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    expect(await t.verify(3, next.pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('revoked: the PIN is refused as revoked, no PIN is active, and a second revoke finds nothing', async () => {
    const t = await setup();
    const { pin, generation } = await t.issue();
    await until(() => t.summaries.find((x) => x.pin.active && x.pin.generation === generation));
    const pushed = t.summaries.length;
    const r = await api(t.srv.url, t.pengawas, 'POST', `/sessions/${t.sessionId}/pin/revoke`, { reason: 'PIN terlihat dari luar ruang' });
    expect(r.status).toBe(200);
    await until(() => t.summaries.slice(pushed).findLast((x) => x.pin.active === false));
    expect(await t.verify(4, pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    expect(await t.current()).toBeNull();
    const again = await api(t.srv.url, t.pengawas, 'POST', `/sessions/${t.sessionId}/pin/revoke`, {});
    expect(again.status).toBe(404);
  });

  it('twenty wrong guesses across the room revoke the PIN: someone is trying codes', async () => {
    const t = await setup();
    const p = await t.issue();
    const wrong = wrongFor(p.pin);
    let last: any = null;
    let n = 0;
    // stations 1–4 guess in turn; a proctor unlocks each one that locks, so the guessing goes on
    while (n < PIN_RULES.maxSessionFailures) {
      const i = 1 + (Math.floor(n / PIN_RULES.maxStationFailures) % 4);
      last = await t.verify(i, wrong);
      n++;
      expect(last.outcome, `attempt ${n}`).toBe('wrong');
      if (last.lockedUntil) expect((await t.unlock(i)).status).toBe(200);
    }
    expect(await t.current()).toBeNull();
    expect(await t.verify(0, p.pin)).toMatchObject({ valid: false, outcome: 'revoked' });
    const audit = await api(t.srv.url, t.pengawas, 'GET', '/audit?action=session.pin_revoked');
    expect(audit.body.rows[0]).toMatchObject({ actorRole: 'system', targetId: String(t.sessionId), after: { reason: 'too many wrong attempts' } });
    await until(() => t.summaries.findLast((x) => x.pin.active === false && x.pin.generation === 0));
  });

  it('a lock runs out by itself after five minutes; the count then starts afresh', async () => {
    const t = await setup();
    const p = await t.issue();
    await t.lock(4, p.pin);
    const locked = await t.verify(4, p.pin);
    expect(locked.outcome).toBe('locked');
    const st = t.seeded[4].stationId;
    const mark = t.patches.length;
    jumpClock(locked.lockedUntil + 1000);
    // the once-a-second ticker clears the tile
    await until(() => t.patches.slice(mark).find((x) => x.id === st && x.pinLockedUntil === null), 4000);
    await t.reconnect(4, 'stream-pin-lock-2');
    expect(await t.verify(4, wrongFor(p.pin))).toMatchObject({ outcome: 'wrong', attemptsLeft: 2, lockedUntil: null });
    expect(await t.verify(4, p.pin)).toMatchObject({ valid: true, outcome: 'ok' });
  });

  it('rotation: after rotateMin the server replaces the PIN by itself; the old one has a grace minute, then is expired', async () => {
    const t = await setup();
    const first = await t.issue({ lifetimeMin: 60, rotateMin: 2 });
    expect(first.rotatesAt).toBe(first.issuedAt + 2 * 60_000);
    // move the server's clock past the rotation; the PIN ticker runs every second
    jumpClock(first.rotatesAt! + 500);
    const rotated = await untilAsync(async () => {
      const r = await t.current();
      return r?.generation === first.generation + 1 ? r : null;
    }, 4000, 100).catch(() => {
      throw new Error('the PIN was not rotated within 4 s of the rotation time');
    });
    t.issued.add(rotated.pin);
    expect(rotated.expiresAt).toBe(first.expiresAt); // the window the proctor chose is kept
    expect(rotated.pin).not.toBe(first.pin);
    // the clock jump dropped the stations' connections: a new connection replaces the old one
    await t.reconnect(0, 'stream-pin-rot-1');
    expect(await t.verify(0, rotated.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    // someone still typing the old code within the grace period is let in
    expect(await t.verify(0, first.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    // after the grace period it is expired ("look at the screen for the new PIN")
    vi.setSystemTime(Date.now() + PIN_RULES.rotationGraceMs + 1000);
    await t.reconnect(0, 'stream-pin-rot-2');
    expect(await t.verify(0, first.pin)).toMatchObject({ valid: false, outcome: 'expired', attemptsLeft: 2 });
    expect(await t.verify(0, rotated.pin)).toMatchObject({ valid: true, outcome: 'ok' });
    const audit = await api(t.srv.url, t.pengawas, 'GET', '/audit?action=session.pin_rotated');
    expect(audit.body.rows).toHaveLength(1);
    expect(audit.body.rows[0]).toMatchObject({ actorRole: 'system', targetId: String(t.sessionId), after: { generation: first.generation + 1 } });
  });

  it('no PIN ever appears in the audit trail: issued, mistyped into a lock, replaced, revoked, rotated', async () => {
    const t = await setup();
    const first = await t.issue();
    await t.lock(1, first.pin);
    await t.issue(); // replaces the first
    expect((await api(t.srv.url, t.pengawas, 'POST', `/sessions/${t.sessionId}/pin/revoke`, { reason: 'PIN terlihat dari luar ruang' })).status).toBe(200);
    const rotating = await t.issue({ lifetimeMin: 60, rotateMin: 2 });
    jumpClock(rotating.rotatesAt! + 500);
    const rotated = await untilAsync(async () => {
      const r = await t.current();
      return r?.generation === rotating.generation + 1 ? r : null;
    }, 4000, 100);
    t.issued.add(rotated.pin);
    vi.useRealTimers();

    const admin = await t.v.login('admin');
    const r = await api(t.srv.url, admin, 'GET', `/audit?limit=500&venueId=${t.seeded[0].venueId}`);
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body.rows);
    expect(r.body.rows.some((x: any) => x.action === 'session.pin_issued' && x.targetId === String(t.sessionId))).toBe(true);
    expect(r.body.rows.some((x: any) => x.action === 'station.pin_locked' && x.targetId === String(t.seeded[1].stationId))).toBe(true);
    expect(r.body.rows.some((x: any) => x.action === 'session.pin_rotated' && x.targetId === String(t.sessionId))).toBe(true);
    expect(t.issued.size).toBeGreaterThanOrEqual(4);
    for (const p of t.issued) expect(text, p).not.toContain(p);
    // nor in the database's audit rows at all (before/after JSON)
    const raw = t.srv.db.$client.prepare('select before_json as b, after_json as a from audit_log').all() as { a: string | null; b: string | null }[];
    for (const p of t.issued) expect(raw.some((x) => `${x.a}${x.b}`.includes(p)), p).toBe(false);
  });
});
