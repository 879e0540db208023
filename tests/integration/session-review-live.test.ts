/**
 * Regression tests for the session-control review (live room side), over a real server, real sockets and
 * a real SQLite file: a proctor action waiting for a dead PC follows its participant to the spare
 * PC; the replay after a restart agrees with the live view even when a station's clock estimate is
 * off; the desk cannot mark someone at work "tidak hadir", move an arrival into the future, or undo
 * the 60-minute rule (Lampiran I.A 1.a) by registering again; visitors are a closed record once the
 * session is finalised (Pasal 14(1)k, l–m); a test can be ended after the session was closed.
 *
 * Room R1: A01–A05, B01, B02 with participants (seeded index 0–6), spares C1, C2, C3 (7, 8, 9).
 * Every test has a venue of its own with that room and its running session
 * (tests/helpers/per-test.ts); the closing tests take it to finished and finalised themselves.
 */
import { describe, expect, it } from 'vitest';
import type { ParticipantEventInput, StationCommand } from '../../protocol/index.ts';
import { workingParticipants } from '../../server/live/session-summary.ts';
import { api, call, connected, stationSocket, until, validFacts } from '../helpers/server.ts';
import { closeAfterTest, participantIdsAt, proctorRoom, venuePerTest } from '../helpers/per-test.ts';
import { giveReasons } from '../helpers/session-walk.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50, writeMs: 100 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 5, spares: 3, session: 'running' }
]);

/** A venue of the test's own: its proctor, R1's running session, and what the tests do there. */
async function setup() {
  const v = await venues.venue();
  const { srv, seeded, roomId, pengawas, sessionId } = await proctorRoom(v);
  /** participant id of the person seeded at station index i */
  const pid = await participantIdsAt(v, pengawas, sessionId, seeded.slice(0, 7));
  expect(seeded.slice(7).map((s) => s.code)).toEqual(['R1-C1', 'R1-C2', 'R1-C3']);

  /**
   * An agent at seeded station i: listens for commands before its hello (the resend follows the
   * hello ack at once). `clockMs` is what its clock said at hello minus the truth (the server's offset
   * estimate is taken from it); its events are then stamped with the right time (NTP fixed it since).
   */
  async function agent(i: number, clockMs = 0) {
    const commands: StationCommand[] = [];
    const sock = stationSocket(srv.url, seeded[i].token);
    closeAfterTest(sock);
    sock.on('station:command', (c) => commands.push(c));
    await connected(sock);
    const stream = `stream-review-${i}-${Date.now()}`;
    const hello = await call(sock, 'station:hello', { v: 1, t: Date.now() + clockMs, agentVersion: 'test', stream, facts: validFacts });
    expect(hello.ok).toBe(true);
    let seq = 0;
    const send = async (...events: ParticipantEventInput[]) => {
      const r = await call(sock, 'station:events', { v: 1, stream, events: events.map((e) => ({ at: Date.now(), ...e, seq: ++seq })) });
      expect(r.ok).toBe(true);
    };
    const ack = (id: number) => call(sock, 'station:command-ack', { v: 1, id, result: 'applied' });
    return { sock, commands, send, ack };
  }
  const nip = (i: number) => seeded[i].participant!.nip;
  const view = (i: number) => srv.hub.stations.get(seeded[i].stationId)!.view;
  const post = (path: string, body: object = {}) => api(srv.url, pengawas, 'POST', `/sessions/${sessionId}${path}`, body);
  const get = async (path: string) => (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}${path}`)).body;
  const actionRow = async (id: number) => (await get('/actions')).actions.find((a: any) => a.id === id);
  /** where everyone sits and how far they are, as the room shows it (compared live vs replayed) */
  const roomPicture = () => srv.hub.rooms.get(roomId)!.stations
    .map((st) => ({ code: st.view.code, p: st.view.participant && {
      id: st.view.participant.participantId, loggedIn: st.view.participant.loggedIn, startedAt: st.view.participant.startedAt,
      pausedAt: st.view.participant.pausedAt, percent: st.view.participant.percent, endedAt: st.view.participant.endedAt
    } }))
    .sort((a, b) => a.code.localeCompare(b.code));

  /**
   * B01's participant logs in on a PC whose clock estimate is 5 min off, the PC hangs, they are moved to
   * the spare C1 and go on there (login, 40 % of potensi).
   */
  async function moveB01ToC1() {
    // its clock said 5 minutes too little at hello; NTP fixed it since: its events land 5 min "ahead"
    const b01 = await agent(5, -5 * 60_000);
    await b01.send({ type: 'login', nip: nip(5) }, { type: 'instrument', instrument: 'potensi' });
    expect(view(5).participant).toMatchObject({ participantId: pid[5], loggedIn: true });
    // an event is never dated after it arrived: the 5 min "ahead" are clamped to the arrival
    expect(view(5).participant!.startedAt!).toBeLessThanOrEqual(Date.now());
    b01.sock.close();

    const mv = await post(`/participants/${pid[5]}/seat`, { stationId: seeded[7].stationId, reason: 'PC B01 hang, pindah ke cadangan C1' });
    expect(mv.status).toBe(200);
    const c1 = await agent(7);
    await c1.send({ type: 'login', nip: nip(5) }, { type: 'progress', instrument: 'potensi', percent: 40 });
    return c1;
  }
  /** a visitor let in (Pasal 14(1)k), still inside */
  async function visitorIn() {
    const v = await post('/visitors', { name: 'Teknisi PLN', affiliation: 'PLN ULP Sleman', purpose: 'memeriksa genset' });
    expect(v.status).toBe(200);
    return v.body.visitor.id as number;
  }
  const finish = async () => {
    const r = await post('/transition', { action: 'finish', reason: 'waktu habis, semua peserta ditutup' });
    expect(r.status).toBe(200);
    expect(r.body.session.state).toBe('finished');
    return r;
  };
  return { v, srv, seeded, roomId, sessionId, pengawas, pid, agent, nip, view, post, get, actionRow, roomPicture, moveB01ToC1, visitorIn, finish };
}

describe('a pending action follows a moved participant', () => {
  it('pause asked while the PC is dead; moved to the spare: the spare gets it after its hello, and its ack pauses the participant', async () => {
    const { seeded, pid, agent, nip, view, post, actionRow } = await setup();
    const a04 = await agent(3);
    await a04.send({ type: 'login', nip: nip(3) });
    a04.sock.close(); // the PC dies
    const r = await post('/actions', { kind: 'pause', participantIds: [pid[3]], reason: 'listrik padam di meja A04' });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id as number;
    expect(view(3).pending.map((p) => p.id)).toEqual([id]);

    const mv = await post(`/participants/${pid[3]}/seat`, { stationId: seeded[8].stationId, reason: 'PC A04 mati, pindah ke cadangan C2' });
    expect(mv.status).toBe(200);
    // the waiting badge moved with the participant
    expect(view(3).pending).toEqual([]);
    expect(view(8).participant?.participantId).toBe(pid[3]);
    expect(view(8).pending.map((p) => p.id)).toEqual([id]);

    const c2 = await agent(8);
    const cmd = await until(() => c2.commands.find((c) => c.id === id), 3000);
    expect(cmd).toMatchObject({ kind: 'pause', nip: nip(3) });
    expect(await c2.ack(id)).toEqual({ ok: true });
    expect(view(8).pending).toEqual([]);
    expect(view(8).participant?.pausedAt).toEqual(expect.any(Number));
    expect(await actionRow(id)).toMatchObject({ stationCode: 'R1-C2', result: 'applied', ackedAt: expect.any(Number) });
  });

  it('the old PC answering an action sent to it before the move is accepted, and pauses the participant on the new PC', async () => {
    const { seeded, pid, agent, nip, view, post, actionRow } = await setup();
    const a05 = await agent(4);
    await a05.send({ type: 'login', nip: nip(4) });
    const r = await post('/actions', { kind: 'pause', participantIds: [pid[4]], reason: 'peserta izin ke toilet' });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id as number;
    await until(() => a05.commands.find((c) => c.id === id), 3000);
    // the participant is moved before A05's answer comes in (it applied the pause meanwhile)
    const mv = await post(`/participants/${pid[4]}/seat`, { stationId: seeded[9].stationId, reason: 'layar A05 bergaris, pindah ke C3' });
    expect(mv.status).toBe(200);
    expect(view(9).pending.map((p) => p.id)).toEqual([id]);
    expect(await a05.ack(id)).toEqual({ ok: true });
    expect(view(9).pending).toEqual([]);
    expect(view(9).participant).toMatchObject({ participantId: pid[4], pausedAt: expect.any(Number) });
    expect(view(4).participant).toBeNull();
    expect(await actionRow(id)).toMatchObject({ result: 'applied', ackedAt: expect.any(Number) });
  });
});

describe('replay after a restart agrees with the live view', () => {
  it('a station whose clock estimate is 5 min off: login at B01, moved to C1, more events at C1 — same room before and after a restart', async () => {
    const { srv, pid, moveB01ToC1, roomPicture } = await setup();
    const c1 = await moveB01ToC1();

    const live = roomPicture();
    const onC1 = live.find((s) => s.code === 'R1-C1')!.p;
    expect(onC1).toMatchObject({ id: pid[5], loggedIn: true, percent: 40 });
    expect(live.find((s) => s.code === 'R1-B01')!.p).toBeNull();
    expect(live.filter((s) => s.p?.id === pid[5])).toHaveLength(1);

    c1.sock.close();
    await srv.restart();
    expect(roomPicture()).toEqual(live);
  });
});

describe('the desk', () => {
  it('marking absent someone logged in at a PC is refused (409): they are present', async () => {
    const { pid, agent, nip, view, post, get } = await setup();
    const a01 = await agent(0);
    await a01.send({ type: 'login', nip: nip(0) });
    const r = await post(`/participants/${pid[0]}/absent`, { note: 'tidak terlihat di ruang' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    const row = (await get('/attendance')).rows.find((x: any) => x.participantId === pid[0]);
    expect(row.status).toBe('present');
    expect(view(0).participant).toMatchObject({ attendance: 'present', loggedIn: true });
  });

  it('an arrival an hour in the future is refused; registering again with an earlier time keeps the first arrival and its late flag', async () => {
    const { pid, post, get } = await setup();
    const checks = { idCard: true, participantCard: true, faceMatch: true };
    const future = await post(`/participants/${pid[2]}/check-in`, { ...checks, arrivedAt: Date.now() + 3600_000 });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('INVALID_PAYLOAD');
    expect(future.body.issues).toEqual([expect.objectContaining({ path: 'arrivedAt' })]);

    // A03 was seeded present; the desk corrects it to absent, then they turn up during the test: late
    expect((await post(`/participants/${pid[2]}/absent`, { note: 'belum datang' })).status).toBe(200);
    const first = await post(`/participants/${pid[2]}/check-in`, checks);
    expect(first.status).toBe(200);
    expect(first.body.row).toMatchObject({ status: 'present', late: true });
    const arrivedAt = first.body.row.arrivedAt as number;
    expect(Math.abs(arrivedAt - Date.now())).toBeLessThan(10_000);

    const { lateAfter } = await get('/attendance');
    const again = await post(`/participants/${pid[2]}/check-in`, { ...checks, arrivedAt: lateAfter - 30 * 60_000 });
    expect(again.status).toBe(200);
    expect(again.body.row).toMatchObject({ status: 'present', arrivedAt, late: true });
    const row = (await get('/attendance')).rows.find((x: any) => x.participantId === pid[2]);
    expect(row).toMatchObject({ arrivedAt, late: true });
  });

  it('a visitor cannot be recorded leaving in the future', async () => {
    const { post, get, visitorIn } = await setup();
    const visitorId = await visitorIn();
    const r = await post(`/visitors/${visitorId}/out`, { outAt: Date.now() + 3600_000 });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([expect.objectContaining({ path: 'outAt' })]);
    const list = (await get('/visitors')).visitors;
    expect(list.find((x: any) => x.id === visitorId).outAt).toBeNull();
  });
});

describe('closing the session', () => {
  it('finish with a reason: the reloaded room still has them on C1 only, and nobody is left working (finalise is not blocked)', async () => {
    const { srv, roomId, pid, agent, nip, moveB01ToC1, roomPicture, finish } = await setup();
    await moveB01ToC1();
    await (await agent(0)).send({ type: 'login', nip: nip(0) });
    const before = roomPicture();
    await finish();
    // the finish reloads the room from the record
    const after = roomPicture();
    expect(after.map((s) => [s.code, s.p?.id ?? null])).toEqual(before.map((s) => [s.code, s.p?.id ?? null]));
    expect(after.filter((s) => s.p?.id === pid[5]).map((s) => s.code)).toEqual(['R1-C1']);
    expect(workingParticipants(srv.hub.rooms.get(roomId)!)).toEqual([]);
  });

  it('someone who logs in after the close blocks finalising; ending their test is allowed in finished; then finalise works', async () => {
    const { srv, pengawas, sessionId, pid, agent, nip, view, post, visitorIn, finish } = await setup();
    const visitorId = await visitorIn();
    await finish();
    const a02 = await agent(1);
    await a02.send({ type: 'login', nip: nip(1) });
    const blocked = await post('/transition', { action: 'finalise' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/1 participant is still working/);

    const end = await post('/actions', { kind: 'end', participantIds: [pid[1]], reason: 'login setelah sesi ditutup' });
    expect(end.status).toBe(200);
    const id = end.body.actions[0].id as number;
    await until(() => a02.commands.find((c) => c.id === id && c.kind === 'end'), 3000);
    expect(await a02.ack(id)).toEqual({ ok: true });
    expect(view(1).participant?.endedAt).toEqual(expect.any(Number));

    // the visitor let in earlier is still recorded inside: the record cannot be closed with them
    // "in the room"; the proctor records when they left, then finalises
    const inside = await post('/transition', { action: 'finalise' });
    expect(inside.status).toBe(409);
    expect(inside.body.message).toMatch(/still recorded inside the room \(Teknisi PLN\)/);
    const out = await post(`/visitors/${visitorId}/out`, {});
    expect(out.status).toBe(200);
    expect(out.body.visitor.outAt).toEqual(expect.any(Number));

    // a reason for each one who did not complete the whole series (SE BKN 6/2026 §5.g.2)
    await giveReasons(srv.url, pengawas, sessionId);
    const fin = await post('/transition', { action: 'finalise' });
    expect(fin.status).toBe(200);
    expect(fin.body.session.state).toBe('finalised');
    expect(fin.body.session.visitorsInside).toBe(0);
  });

  it('after finalising, a visitor can no longer be recorded leaving (409): the record is closed', async () => {
    const { srv, pengawas, sessionId, agent, nip, post, get, visitorIn, finish } = await setup();
    const visitorId = await visitorIn();
    const out = await post(`/visitors/${visitorId}/out`, {});
    expect(out.status).toBe(200);
    const visitorOutAt = out.body.visitor.outAt as number;
    // someone started (a session nobody started is not finalised); closing the test ends theirs
    await (await agent(0)).send({ type: 'login', nip: nip(0) });
    await finish();
    await giveReasons(srv.url, pengawas, sessionId);
    expect((await post('/transition', { action: 'finalise' })).status).toBe(200);

    const r = await post(`/visitors/${visitorId}/out`, {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    const list = (await get('/visitors')).visitors;
    expect(list.find((x: any) => x.id === visitorId).outAt).toBe(visitorOutAt);
  });
});
