/**
 * Integrity: who sat the test must match who the desk let in (Perban BKN 4/2024 Pasal
 * 14(1)e, g, i, j and 14(2)a–b; Lampiran I.A 1.a; Pasal 13(2), 14(1)k). Over a real server, real
 * sockets and a real SQLite file:
 *   1  a login by someone not registered present is refused at the PIN (or, flag-only, flagged);
 *      every attempt is recorded; a login event from them is stored and flagged
 *   2  a login at another PC than the seat is flagged on both tiles and in the desk's list, and
 *      resolved by a move with a reason or by sending the participant back (a recorded decision)
 *   3  nobody logged in is recorded absent (the start skips them, the desk refuses), and the desk
 *      records nobody absent before the registration cut-off
 *   4  the PIN opens the test only once it is started (not_started before); whoever is working can
 *      be acted on at any stage
 *   6  what a step requires and does comes from the server (GET …/transition-preview)
 *   7  the checklist's signer NIPs follow the import's NIP rule
 *   8  nobody can still be recorded inside the room when the session is finalised
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts) and takes its rooms as far as
 * it needs with the steps in setup(): R1 a session 30 minutes ahead (past the cut-off), its roster
 * unseated; R2 running; R3 two hours ahead; R4 without a roster.
 */
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { PIN_OUTCOME_TEXT, type ParticipantEventInput, type SessionSummary, type StationView } from '../../protocol/index.ts';
import type { SeededStation } from '../../demo/seed.ts';
import {
  api, call, checklistBody, connected, openSession, roomSessionId, stationSocket, until, validFacts
} from '../helpers/server.ts';
import { closeAfterTest, venuePerTest } from '../helpers/per-test.ts';
import { postponeBody } from '../helpers/postpone.ts';
import { giveReasons } from '../helpers/session-walk.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50, writeMs: 100 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 1, cols: 6, spares: 1, session: 'scheduled', startsInMin: 30 },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 4, spares: 1, session: 'running' },
  { code: 'R3', name: 'Ruang CAT 3', rows: 1, cols: 2, session: 'scheduled', startsInMin: 120 },
  { code: 'R4', name: 'Ruang CAT 4', rows: 1, cols: 2, session: 'scheduled', startsInMin: 30, roster: false }
]);
const CHECKS = { idCard: true, participantCard: true, faceMatch: true };
type Seed = SeededStation;

/** A venue of the test's own: its proctor, the four rooms and their sessions, and the steps below. */
async function setup() {
  const v = await venues.venue();
  const { srv } = v;
  const [r1, r2, r3, r4] = v.roomIds;
  const room = { r1, r2, r3, r4 };
  const R1 = v.seeded.filter((s) => s.roomId === r1);
  const R2 = v.seeded.filter((s) => s.roomId === r2);
  const pengawas = await v.login('pengawas');
  const sess = {
    r1: await roomSessionId(srv.url, pengawas, r1), r2: await roomSessionId(srv.url, pengawas, r2),
    r3: await roomSessionId(srv.url, pengawas, r3), r4: await roomSessionId(srv.url, pengawas, r4)
  };
  const post = (sid: number, path: string, body: object = {}) => api(srv.url, pengawas, 'POST', `/sessions/${sid}${path}`, body);
  const attendance = async (sid: number) => {
    const r = await api(srv.url, pengawas, 'GET', `/sessions/${sid}/attendance`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.rows as any[];
  };
  const rowOf = async (sid: number, nip: string) => (await attendance(sid)).find((r) => r.nip === nip);
  const pidOf = async (sid: number, nip: string) => (await rowOf(sid, nip)).participantId as number;
  const view = (s: Seed): StationView => srv.hub.stations.get(s.stationId)!.view;
  const summary = (roomId: number): SessionSummary => srv.hub.rooms.get(roomId)!.summary!;
  const preview = async (sid: number, action: string) => {
    const r = await api(srv.url, pengawas, 'GET', `/sessions/${sid}/transition-preview?action=${action}`);
    expect(r.status).toBe(200);
    return r.body.preview;
  };
  /** the `after` of this venue's audit rows of `action`, oldest first */
  const auditOf = (action: string) => srv.db.$client.prepare('select after_json as after from audit_log where action = ? and venue_id = ? order by id').all(action, R1[0].venueId)
    .map((r: any) => JSON.parse(r.after));

  /** An agent at a seeded station: hello, then PIN checks and participant events as its exam application relays them. */
  async function agent(s: Seed) {
    const sock = stationSocket(srv.url, s.token);
    closeAfterTest(sock);
    await connected(sock);
    const stream = `integrity-${s.code}-${Date.now()}`;
    expect((await call(sock, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'test', stream, facts: validFacts })).ok).toBe(true);
    let seq = 0;
    return {
      sock,
      pin: (pin: string, nip: string | null) => call(sock, 'station:pin-verify', { v: 1, pin, ...(nip ? { nip } : {}) }),
      send: async (...events: ParticipantEventInput[]) => {
        const r = await call(sock, 'station:events', { v: 1, stream, events: events.map((e) => ({ at: Date.now(), ...e, seq: ++seq })) });
        expect(r.ok).toBe(true);
      }
    };
  }
  return { v, srv, room, sess, R1, R2, pengawas, post, attendance, rowOf, pidOf, view, summary, preview, auditOf, agent };
}

describe('R1: before the start, unregistered logins, the start (items 1, 3, 4, 6)', () => {
  const nipOf = (R1: Seed[]) => (i: number) => R1[i].participant!.nip;

  /** registration open, participants 0 and 1 registered and seated, 2–4 not; a PIN issued while registration is open; agents at A01–A06 */
  async function r1Open() {
    const t = await setup();
    const { sess, R1, post, pidOf, agent } = t;
    const nip = nipOf(R1);
    await openSession(t.srv.url, t.pengawas, sess.r1);
    for (const i of [0, 1]) {
      const r = await post(sess.r1, `/participants/${await pidOf(sess.r1, nip(i))}/check-in`, { ...CHECKS, stationId: R1[i].stationId });
      expect(r.status).toBe(200);
    }
    const issued = await post(sess.r1, '/pin', { lifetimeMin: 60 });
    expect(issued.status).toBe(200);
    const a = await Promise.all(R1.slice(0, 6).map((s) => agent(s)));
    return { ...t, nip, a, pin: issued.body.pin.pin as string };
  }
  /** … and participant 2, never registered, logged in at their PC without asking for the PIN */
  async function r1Unregistered() {
    const t = await r1Open();
    await t.a[2].send({ type: 'login', nip: t.nip(2) });
    await until(() => t.summary(t.room.r1).integrity.unregistered === 1);
    return t;
  }
  /** … and started with "mark the rest absent" */
  async function r1Started() {
    const t = await r1Unregistered();
    const r = await t.post(t.sess.r1, '/transition', { action: 'start', markAbsent: true });
    expect(r.status).toBe(200);
    return t;
  }

  it('set-up: registration open, two registered and seated, three not; a PIN issued while registration is open', async () => {
    const { sess, R1, nip, attendance, pin } = await r1Open();
    const rows = await attendance(sess.r1);
    const row = (i: number) => rows.find((x) => x.nip === nip(i));
    expect([0, 1, 2, 3, 4].map((i) => row(i).status)).toEqual(['present', 'present', 'expected', 'expected', 'expected']);
    expect([0, 1].map((i) => row(i).stationId)).toEqual([R1[0].stationId, R1[1].stationId]);
    expect(pin).toEqual(expect.any(String));
  });

  it('item 4: a PIN typed before "Mulai tes" answers not_started — the test has not begun — and nothing is stored', async () => {
    const { srv, sess, R1, pengawas, view, a, nip, pin } = await r1Open();
    expect(await a[0].pin(pin, nip(0))).toEqual({
      ok: true, valid: false, outcome: 'not_started', attemptsLeft: 3, lockedUntil: null, text: PIN_OUTCOME_TEXT.not_started
    });
    expect(PIN_OUTCOME_TEXT.not_started.id).toMatch(/Tes belum dimulai/);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sess.r1}/pin/attempts`)).body.attempts).toEqual([]);
    // nobody logged in, no countdown on any tile while the session says "registrasi dibuka"
    expect(R1.map((s) => view(s).participant?.deadlineAt ?? null).every((d) => d === null)).toBe(true);
  });

  it('item 1: a login event from someone the desk never registered is stored and flagged on the PC used', async () => {
    const { srv, room, sess, R1, view, summary, rowOf, a, nip } = await r1Open();
    // the exam application logged participant 2 in at their PC without asking us for the PIN
    await a[2].send({ type: 'login', nip: nip(2) });
    const stored = srv.db.$client.prepare("select count(*) as n from participant_events where station_id = ? and type = 'login'").get(R1[2].stationId) as { n: number };
    expect(stored.n).toBe(1);
    await until(() => view(R1[2]).integrity.length > 0);
    expect(view(R1[2]).integrity).toEqual([expect.objectContaining({ kind: 'unregistered', nip: nip(2) })]);
    await until(() => summary(room.r1).integrity.unregistered === 1);
    expect(summary(room.r1).integrity).toEqual({ policy: 'refuse', unregistered: 1, wrongPc: 0 });
    expect(await rowOf(sess.r1, nip(2))).toMatchObject({ status: 'expected', loginStationCode: R1[2].code, integrity: ['unregistered'] });
  });

  it('item 4: someone working can be paused before the start; someone not working cannot (INVALID_STATE)', async () => {
    const { sess, post, pidOf, nip } = await r1Unregistered();
    const working = await post(sess.r1, '/actions', { kind: 'pause', participantIds: [await pidOf(sess.r1, nip(2))] });
    expect(working.status).toBe(200);
    const idle = await post(sess.r1, '/actions', { kind: 'pause', participantIds: [await pidOf(sess.r1, nip(0))] });
    expect(idle.status).toBe(409);
    expect(idle.body.code).toBe('INVALID_STATE');
  });

  it('item 3: the desk cannot record absent someone logged in at a PC', async () => {
    const { sess, post, pidOf, rowOf, nip } = await r1Unregistered();
    const r = await post(sess.r1, `/participants/${await pidOf(sess.r1, nip(2))}/absent`, {});
    expect(r.status).toBe(409);
    expect(r.body.pesan).toMatch(/sudah login/);
    expect((await rowOf(sess.r1, nip(2))).status).toBe('expected');
  });

  it('item 6: the start\'s preview says what the server will do — the PIN, who "mark the rest absent" records, who it leaves alone', async () => {
    const { sess, post, preview } = await r1Unregistered();
    const p = await preview(sess.r1, 'start');
    expect(p).toMatchObject({
      action: 'start', from: 'open', to: 'running', reason: 'none', pinActive: true,
      counts: { participants: 5, present: 2, absent: 0, expected: 3 },
      markAbsent: { count: 2, loggedIn: 1 },
      verdicts: { plain: { ok: false, pesan: expect.stringMatching(/^2 peserta dalam daftar belum diregistrasi/) }, withMarkAbsent: { ok: true } }
    });
    // and the server answers the plain start with those very words
    const plain = await post(sess.r1, '/transition', { action: 'start' });
    expect(plain.status).toBe(409);
    expect(plain.body.pesan).toBe(p.verdicts.plain.pesan);
  });

  it('item 3: starting with "mark the rest absent" records absent only those never seen; the one logged in is not absent', async () => {
    const { sess, post, attendance, auditOf, nip } = await r1Unregistered();
    const r = await post(sess.r1, '/transition', { action: 'start', markAbsent: true });
    expect(r.status).toBe(200);
    expect(r.body.session.state).toBe('running');
    const rows = await attendance(sess.r1);
    const status = (i: number) => rows.find((x) => x.nip === nip(i)).status;
    expect([0, 1, 2, 3, 4].map(status)).toEqual(['present', 'present', 'expected', 'absent', 'absent']);
    expect(auditOf('session.start').at(-1)).toMatchObject({ state: 'running', markedAbsent: 2 });
  });

  it('item 4: once started, the PIN opens the test', async () => {
    const { a, nip, pin } = await r1Started();
    expect(await a[0].pin(pin, nip(0))).toMatchObject({ ok: true, valid: true, outcome: 'ok', text: PIN_OUTCOME_TEXT.ok });
  });

  it('item 1: the right PIN from someone not registered present is refused with words for the exam application; the attempt is on record', async () => {
    const { srv, sess, R1, pengawas, auditOf, a, nip, pin } = await r1Started();
    const r = await a[3].pin(pin, nip(3));
    expect(r).toEqual({ ok: true, valid: false, outcome: 'unregistered', attemptsLeft: 3, lockedUntil: null, text: PIN_OUTCOME_TEXT.unregistered });
    expect(r.text.id).toMatch(/belum registrasi di meja registrasi/);
    expect(r.text.en).toMatch(/not registered at the registration desk/);
    const attempts = (await api(srv.url, pengawas, 'GET', `/sessions/${sess.r1}/pin/attempts`)).body.attempts;
    expect(attempts[0]).toMatchObject({ stationCode: R1[3].code, nip: nip(3), outcome: 'unregistered' });
    expect(auditOf('participant.login_unregistered').at(-1)).toEqual({ code: R1[3].code, nip: nip(3), attendance: 'absent', outcome: 'refused' });
    // nor does it count towards locking the PC: it was the right PIN
    expect(await a[3].pin('WRONG9', nip(3))).toMatchObject({ outcome: 'wrong', attemptsLeft: 2 });
  });

  it('item 1: a flag-only venue lets them in, records it, and flags the tile until the desk registers them', async () => {
    const { v, srv, room, sess, R1, pengawas, post, pidOf, view, summary, auditOf, a, nip, pin } = await r1Started();
    const set = await api(srv.url, pengawas, 'PUT', `/venues/${R1[0].venueId}/login-policy`, { unregisteredLogin: 'flag' });
    expect(set.status).toBe(200);
    await until(() => summary(room.r1).integrity.policy === 'flag');
    expect(await a[4].pin(pin, nip(4))).toMatchObject({ valid: true, outcome: 'ok' });
    expect(auditOf('participant.login_unregistered').at(-1)).toEqual({ code: R1[4].code, nip: nip(4), attendance: 'absent', outcome: 'flagged' });
    expect(auditOf('venue.login_policy_changed').at(-1)).toEqual({ unregisteredLogin: 'flag' });
    await a[4].send({ type: 'login', nip: nip(4) });
    await until(() => view(R1[4]).integrity.some((f) => f.kind === 'unregistered'));
    await until(() => summary(room.r1).integrity.unregistered === 2);

    // the desk checks them and registers them present: the flag goes
    const ci = await post(sess.r1, `/participants/${await pidOf(sess.r1, nip(4))}/check-in`, CHECKS);
    expect(ci.status).toBe(200);
    expect(view(R1[4]).integrity).toEqual([]);
    await until(() => summary(room.r1).integrity.unregistered === 1);
    // only those who run the venue's sessions choose the rule
    const koor = await api(srv.url, await v.login('koordinator'), 'PUT', `/venues/${R1[0].venueId}/login-policy`, { unregisteredLogin: 'refuse' });
    expect(koor.status).toBe(403);
    expect((await api(srv.url, pengawas, 'PUT', `/venues/${R1[0].venueId}/login-policy`, { unregisteredLogin: 'refuse' })).status).toBe(200);
  });
});

describe('R2: a login at another PC than the seat (item 2)', () => {
  /** participant 0 (seat A01) logs in at the spare C1 */
  async function atSpare() {
    const t = await setup();
    const nip = (i: number) => t.R2[i].participant!.nip;
    const spare = t.R2.find((s) => s.code === 'R2-C1')!;
    const c1 = await t.agent(spare);
    await c1.send({ type: 'login', nip: nip(0) });
    await until(() => t.view(spare).integrity.length > 0);
    return { ...t, nip, spare };
  }

  it('is flagged on both tiles and in the desk\'s list', async () => {
    const { srv, room, sess, R2, pengawas, view, summary, rowOf, nip, spare } = await atSpare();
    expect(view(spare).integrity).toEqual([expect.objectContaining({ kind: 'wrong_pc', nip: nip(0), otherStationId: R2[0].stationId, otherCode: R2[0].code })]);
    expect(view(R2[0]).integrity).toEqual([expect.objectContaining({ kind: 'seated_here', nip: nip(0), otherStationId: spare.stationId, otherCode: 'R2-C1' })]);
    expect(await rowOf(sess.r2, nip(0))).toMatchObject({ stationCode: R2[0].code, loginStationCode: 'R2-C1', integrity: ['wrong_pc'] });
    // the room's participant list (the page an agency's operator reads for its own people) says it too
    const all = (await api(srv.url, pengawas, 'GET', `/rooms/${room.r2}/participants`)).body.participants;
    expect(all.find((x: any) => x.nip === nip(0))).toMatchObject({ stationCode: R2[0].code, loginStationCode: 'R2-C1', integrity: ['wrong_pc'] });
    await until(() => summary(room.r2).integrity.wrongPc === 1);
  });

  it('resolved by a move with a reason: the seat is the PC used, the flags go, and stay gone after a restart', async () => {
    const { room, sess, R2, post, pidOf, view, summary, nip, spare } = await atSpare();
    await until(() => summary(room.r2).integrity.wrongPc === 1);
    const pid = await pidOf(sess.r2, nip(0));
    const r = await post(sess.r2, `/participants/${pid}/seat`, { stationId: spare.stationId, reason: 'duduk di PC cadangan, dipindahkan' });
    expect(r.status).toBe(200);
    expect(r.body.row).toMatchObject({ stationCode: 'R2-C1', loginStationCode: 'R2-C1', integrity: [] });
    expect(view(spare).integrity).toEqual([]);
    expect(view(R2[0]).integrity).toEqual([]);
    // their seat no longer shows them: they are at C1 only
    expect(view(R2[0]).participant).toBeNull();
    expect(view(spare).participant).toMatchObject({ participantId: pid, loggedIn: true });
    await until(() => summary(room.r2).integrity.wrongPc === 0);
  });

  it('resolved by sending the participant back: the decision is recorded, clears the flag, survives a restart; a new login there flags again', async () => {
    const { srv, sess, R2, post, pidOf, view, auditOf, agent } = await setup();
    const nip = (i: number) => R2[i].participant!.nip;
    // participant 1 (seat A02) logs in at A03, participant 2's seat
    const a03 = await agent(R2[2]);
    await a03.send({ type: 'login', nip: nip(1) });
    await until(() => view(R2[2]).integrity.some((f) => f.kind === 'wrong_pc'));
    expect(view(R2[1]).integrity).toEqual([expect.objectContaining({ kind: 'seated_here', otherCode: R2[2].code })]);
    const pid = await pidOf(sess.r2, nip(1));
    // only a flagged login can be sent back
    expect((await post(sess.r2, `/participants/${pid}/send-back`, { stationId: R2[3].stationId })).status).toBe(409);
    const r = await post(sess.r2, `/participants/${pid}/send-back`, { stationId: R2[2].stationId, note: 'kembali ke A02' });
    expect(r.status).toBe(200);
    expect(view(R2[2]).integrity).toEqual([]);
    expect(view(R2[1]).integrity).toEqual([]);
    expect(auditOf('participant.sent_back').at(-1)).toMatchObject({ nip: nip(1), stationId: R2[2].stationId, code: R2[2].code, note: 'kembali ke A02' });

    await srv.restart();
    expect(view(R2[2]).integrity).toEqual([]);
    expect(view(R2[1]).integrity).toEqual([]);

    const again = await agent(R2[2]);
    await again.send({ type: 'login', nip: nip(1), at: Date.now() + 5 });
    await until(() => view(R2[2]).integrity.some((f) => f.kind === 'wrong_pc'));
  });
});

describe('R3, R4: the cut-off, an empty roster, the NIP rule (items 3, 6, 7)', () => {
  it('item 3: two hours before the test nobody is recorded absent yet (Lampiran I.A 1.a)', async () => {
    const { srv, sess, pengawas, post, attendance } = await setup();
    await openSession(srv.url, pengawas, sess.r3);
    const pid = (await attendance(sess.r3))[0].participantId;
    const r = await post(sess.r3, `/participants/${pid}/absent`, {});
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/cut-off/);
    // once past the cut-off it is recorded
    srv.db.update(sessions).set({ scheduledAt: Date.now() + 30 * 60_000 }).where(eq(sessions.id, sess.r3)).run();
    expect((await post(sess.r3, `/participants/${pid}/absent`, {})).status).toBe(200);
  });

  it('item 6: with nobody imported the start says so, not "everyone accounted for"', async () => {
    const { srv, sess, pengawas, post, preview } = await setup();
    await openSession(srv.url, pengawas, sess.r4);
    expect((await post(sess.r4, '/pin', { lifetimeMin: 30 })).status).toBe(200);
    const p = await preview(sess.r4, 'start');
    expect(p.counts).toEqual({ participants: 0, present: 0, absent: 0, expected: 0 });
    expect(p.verdicts.plain).toMatchObject({ ok: false, pesan: expect.stringMatching(/belum memiliki peserta/) });
    expect(p.verdicts.withMarkAbsent).toMatchObject({ ok: false });
    expect((await post(sess.r4, '/transition', { action: 'start', markAbsent: true })).status).toBe(409);
  });

  it('item 7: a signer NIP the import refuses (month 13, day 45) is refused on the checklist too', async () => {
    const { srv, sess, pengawas, post } = await setup();
    // R4 opened, then postponed: its checklist can be filled in again
    await openSession(srv.url, pengawas, sess.r4);
    expect((await post(sess.r4, '/postpone', postponeBody({ reason: 'uji NIP penanda tangan' }))).status).toBe(201);
    const { version } = (await api(srv.url, pengawas, 'GET', `/sessions/${sess.r4}/checklist`)).body.checklist;
    const body = checklistBody(version, { filled: true });
    body.signers.instansi.nip = '198013452005012001';
    const r = await api(srv.url, pengawas, 'PUT', `/sessions/${sess.r4}/checklist`, body);
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([expect.objectContaining({ path: 'signers.instansi.nip' })]);
    body.signers.instansi.nip = '198703152012122002';
    expect((await api(srv.url, pengawas, 'PUT', `/sessions/${sess.r4}/checklist`, body)).status).toBe(200);
  });
});

describe('R2 at the close: others still in the room (item 8)', () => {
  it('the finish lists them; the finalise refuses while they are recorded inside, names them, and goes once they are out', async () => {
    const { srv, pengawas, room, sess, R2, post, preview, summary, agent } = await setup();
    // someone started the test (a session nobody started is not finalised)
    await (await agent(R2[0])).send({ type: 'login', nip: R2[0].participant!.nip });
    const v = await post(sess.r2, '/visitors', { name: 'Teknisi Jaringan', affiliation: 'Diskominfo', purpose: 'memeriksa switch ruang' });
    expect(v.status).toBe(200);
    const fp = await preview(sess.r2, 'finish');
    expect(fp.visitorsInside).toEqual([expect.objectContaining({ id: v.body.visitor.id, name: 'Teknisi Jaringan', affiliation: 'Diskominfo' })]);
    expect((await post(sess.r2, '/transition', { action: 'finish', reason: 'uji penutupan sesi' })).status).toBe(200);

    const p = await preview(sess.r2, 'finalise');
    expect(p.verdicts.plain).toMatchObject({ ok: false, pesan: expect.stringMatching(/masih tercatat di dalam ruang \(Teknisi Jaringan\)/) });
    const refused = await post(sess.r2, '/transition', { action: 'finalise' });
    expect(refused.status).toBe(409);
    expect(summary(room.r2).visitorsInside).toBe(1);

    expect((await post(sess.r2, `/visitors/${v.body.visitor.id}/out`, {})).status).toBe(200);
    // and a reason for each one who did not complete the whole series (SE BKN 6/2026 §5.g.2)
    expect((await preview(sess.r2, 'finalise')).verdicts.plain).toMatchObject({ ok: false, messageCode: 'session.completionMissing' });
    await giveReasons(srv.url, pengawas, sess.r2);
    expect((await preview(sess.r2, 'finalise')).verdicts.plain).toEqual({ ok: true });
  });
});
