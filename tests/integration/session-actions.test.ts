/**
 * Proctor actions on a participant (pause, resume, add time, end) end to end: requested over HTTP,
 * stored, sent to the station as station:command, shown as pending on the dashboard until the
 * station acknowledges; the acknowledgement changes the participant's clock. Unacknowledged
 * commands are sent again after a reconnect; a restart rebuilds the clock from the record.
 *
 * Every test has a venue of its own (tests/helpers/per-test.ts): R1 (T0–T4 with participants,
 * T5 a spare) with a running session where the participants at T0, T1 and T2 have logged in, and R2
 * (index 6) with a session in preparation.
 */
import { describe, expect, it } from 'vitest';
import type { StationCommand } from '../../protocol/index.ts';
import {
  api, call, connected, dashboardSocket, helloStation, roomSessionId, stationSocket, until, validFacts, type StationClient
} from '../helpers/server.ts';
import { giveReasons } from '../helpers/session-walk.ts';
import { closeAfterTest, participantIdsAt, proctorRoom, venuePerTest, watchRoom } from '../helpers/per-test.ts';

const venues = venuePerTest({ heartbeatMs: 1000, flushMs: 50, writeMs: 100 }, [
  { code: 'R1', name: 'Ruang CAT 1', rows: 2, cols: 3, spares: 1, session: 'running' },
  { code: 'R2', name: 'Ruang CAT 2', rows: 1, cols: 1, session: 'preparation' }
]);

/** A venue of the test's own: its proctor, R1's running session, a dashboard watching R1, T0–T2 logged in. */
async function setup() {
  const v = await venues.venue();
  const { srv, seeded, roomId, pengawas, sessionId } = await proctorRoom(v);
  const prepSession = await roomSessionId(srv.url, pengawas, v.roomIds[1]);
  /** participant id at seeded station i */
  const pid = await participantIdsAt(v, pengawas, sessionId, seeded.slice(0, 5));
  const { patches, pushes: summaries } = await watchRoom(srv, await v.login('instruktur'), roomId);
  /** station index → its socket and the commands it received */
  const st: { sock: StationClient; commands: StationCommand[] }[] = [];

  async function connectStation(i: number, stream = `stream-act-${i}-${Date.now()}`) {
    const commands: StationCommand[] = [];
    const s = (await helloStation(srv.url, seeded[i].token, stream)).st;
    closeAfterTest(s);
    s.on('station:command', (c) => commands.push(c));
    st[i] = { sock: s, commands };
    return { stream, commands };
  }
  /** the hello's resend happens just after the hello ack: listen before it (see connectStation) */
  async function connectStationListening(i: number) {
    const commands: StationCommand[] = [];
    const s = stationSocket(srv.url, seeded[i].token);
    closeAfterTest(s);
    s.on('station:command', (c) => commands.push(c));
    await connected(s);
    const ack = await call(s, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'test', stream: `stream-act-re-${i}-${Date.now()}`, facts: validFacts });
    expect(ack.ok).toBe(true);
    st[i] = { sock: s, commands };
    return commands;
  }
  const tile = (i: number) => srv.hub.snapshot(roomId)!.stations.find((s) => s.id === seeded[i].stationId)!;
  const act = (body: object, session = sessionId) => api(srv.url, pengawas, 'POST', `/sessions/${session}/actions`, body);
  const ack = (i: number, id: number, result: 'applied' | 'refused' = 'applied', message?: string) =>
    call(st[i].sock, 'station:command-ack', { v: 1, id, result, ...(message ? { message } : {}) });
  /** an action for the participant at station i, delivered and acknowledged `result` by it */
  async function applied(i: number, body: object, result: 'applied' | 'refused' = 'applied', message?: string) {
    const r = await act({ participantIds: [pid[i]], ...body });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id as number;
    await until(() => st[i].commands.find((c) => c.id === id));
    expect(await ack(i, id, result, message)).toEqual({ ok: true });
    return id;
  }
  /** station i's socket (and what was sent to it) goes away: the PC is off */
  const gone = (i: number) => st[i].sock.close();

  // participants at T0, T1 and T2 log in
  for (const i of [0, 1, 2]) {
    const { stream } = await connectStation(i);
    const r = await call(st[i].sock, 'station:events', { v: 1, stream, events: [{ seq: 1, at: Date.now(), type: 'login', nip: seeded[i].participant!.nip }] });
    expect(r.ok).toBe(true);
  }
  return { v, srv, seeded, roomId, sessionId, prepSession, pengawas, pid, patches, summaries, st, connectStation, connectStationListening, tile, act, ack, applied, gone };
}

describe('participant actions', () => {
  it('are refused when the session is not running (INVALID_STATE)', async () => {
    const { srv, pengawas, prepSession, act } = await setup();
    const other = (await api(srv.url, pengawas, 'GET', `/sessions/${prepSession}/attendance`)).body.rows[0].participantId;
    const r = await act({ kind: 'pause', participantIds: [other] }, prepSession);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('INVALID_STATE');
    expect(r.body.message).toMatch(/running/);
  });

  it('end needs a reason; add_time needs minutes and a reason; a participant of another session is refused', async () => {
    const { srv, pengawas, sessionId, prepSession, pid, st, act } = await setup();
    const end = await act({ kind: 'end', participantIds: [pid[0]] });
    expect(end.status).toBe(400);
    expect(end.body.issues.map((i: any) => i.path)).toContain('reason');
    const add = await act({ kind: 'add_time', participantIds: [pid[0]], reason: 'listrik padam' });
    expect(add.status).toBe(400);
    const tooMuch = await act({ kind: 'add_time', participantIds: [pid[0]], minutes: 61, reason: 'listrik padam' });
    expect(tooMuch.status).toBe(400);
    const other = (await api(srv.url, pengawas, 'GET', `/sessions/${prepSession}/attendance`)).body.rows[0].participantId;
    const foreign = await act({ kind: 'pause', participantIds: [pid[0], other] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues).toEqual([expect.objectContaining({ path: 'participantIds.1' })]);
    // nothing was sent for the valid one either: all or nothing
    expect(st[0].commands).toEqual([]);
    expect((await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/actions`)).body.actions).toEqual([]);
  });

  it('pause: sent to the station, pending on the dashboard until acknowledged, then the participant is paused', async () => {
    const { srv, seeded, sessionId, pengawas, pid, patches, summaries, st, act, ack } = await setup();
    const mark = patches.length;
    const r = await act({ kind: 'pause', participantIds: [pid[0]], reason: 'asesi ke toilet' });
    expect(r.status).toBe(200);
    const [row] = r.body.actions;
    expect(row).toMatchObject({ kind: 'pause', participantId: pid[0], stationId: seeded[0].stationId, stationCode: seeded[0].code, ackedAt: null, result: null, reason: 'asesi ke toilet' });
    const cmd = await until(() => st[0].commands.find((c) => c.id === row.id));
    expect(cmd).toEqual({ id: row.id, kind: 'pause', nip: seeded[0].participant!.nip, minutes: null, reason: 'asesi ke toilet', requestedAt: row.requestedAt });
    expect(st[1].commands).toEqual([]); // only that station
    const pend = await until(() => patches.slice(mark).find((p) => p.id === seeded[0].stationId && p.pending?.length));
    expect(pend.pending).toEqual([{ id: row.id, kind: 'pause', requestedAt: row.requestedAt }]);
    await until(() => summaries.find((x) => x.changed.includes('actions') && x.session!.pendingActions === 1));

    const mark2 = patches.length;
    expect(await ack(0, row.id)).toEqual({ ok: true });
    const cleared = await until(() => patches.slice(mark2).find((p) => p.id === seeded[0].stationId && p.pending?.length === 0));
    expect(cleared).toBeDefined();
    const paused = await until(() => patches.slice(mark2).find((p) => p.id === seeded[0].stationId && p.participant?.pausedAt != null));
    expect(paused.participant!.pausedAt).toBeGreaterThanOrEqual(row.requestedAt);
    await until(() => summaries.findLast((x) => x.changed.includes('actions'))?.session!.pendingActions === 0);
    const list = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/actions`)).body.actions;
    expect(list[0]).toMatchObject({ id: row.id, result: 'applied', ackedAt: expect.any(Number), requestedBy: expect.any(String) });
  });

  it('resume adds the pause to pausedMs and moves the deadline by it', async () => {
    const { pid, st, tile, act, ack, applied } = await setup();
    await applied(0, { kind: 'pause', reason: 'asesi ke toilet' });
    const before = tile(0).participant!;
    expect(before.pausedAt).not.toBeNull();
    await new Promise((ok) => setTimeout(ok, 30));
    const r = await act({ kind: 'resume', participantIds: [pid[0]] });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id;
    await until(() => st[0].commands.find((c) => c.id === id));
    expect(await ack(0, id)).toEqual({ ok: true });
    const after = tile(0).participant!;
    expect(after.pausedAt).toBeNull();
    expect(after.pausedMs).toBeGreaterThanOrEqual(30);
    expect(after.deadlineAt).toBe(before.deadlineAt! + after.pausedMs);
  });

  it('add_time moves the deadline by the minutes added', async () => {
    const { pid, st, tile, act, ack } = await setup();
    const before = tile(0).participant!;
    const r = await act({ kind: 'add_time', participantIds: [pid[0]], minutes: 10, reason: 'gangguan listrik 10 menit' });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id;
    const cmd = await until(() => st[0].commands.find((c) => c.id === id));
    expect(cmd).toMatchObject({ kind: 'add_time', minutes: 10 });
    expect(await ack(0, id)).toEqual({ ok: true });
    // a repeated ack (the agent resends after a reconnect) is fine and applies nothing twice
    expect(await ack(0, id)).toEqual({ ok: true });
    const after = tile(0).participant!;
    expect(after.extraMin).toBe(before.extraMin + 10);
    expect(after.deadlineAt).toBe(before.deadlineAt! + 10 * 60_000);
  });

  it('another station cannot acknowledge a command that is not its own', async () => {
    const { pid, st, tile, act, ack } = await setup();
    const r = await act({ kind: 'pause', participantIds: [pid[1]], reason: 'diperiksa pengawas' });
    const id = r.body.actions[0].id;
    await until(() => st[1].commands.find((c) => c.id === id));
    const stolen = await ack(2, id);
    expect(stolen).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(tile(1).pending.map((p) => p.id)).toEqual([id]);
    expect(tile(1).participant!.pausedAt).toBeNull();
    expect(tile(2).participant!.pausedAt).toBeNull();
    const unknown = await ack(2, 999_999);
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a station that was away gets its unacknowledged commands again after hello', async () => {
    const { seeded, pid, st, connectStationListening, tile, act, ack, gone } = await setup();
    // a pause delivered to T1 and not acknowledged before the PC went away
    const first = await act({ kind: 'pause', participantIds: [pid[1]], reason: 'diperiksa pengawas' });
    await until(() => st[1].commands.find((c) => c.id === first.body.actions[0].id));
    const pending = tile(1).pending.map((p) => p.id);
    expect(pending).toHaveLength(1);
    gone(1);
    // and one requested while it is away
    const r = await act({ kind: 'add_time', participantIds: [pid[1]], minutes: 5, reason: 'mati listrik' });
    expect(r.status).toBe(200);
    const away = r.body.actions[0].id;
    const commands = await connectStationListening(1);
    await until(() => commands.length >= 2);
    expect(commands.map((c) => c.id)).toEqual([pending[0], away]); // oldest first
    expect(commands[1]).toMatchObject({ kind: 'add_time', minutes: 5, nip: seeded[1].participant!.nip });
    for (const c of commands) expect(await ack(1, c.id)).toEqual({ ok: true });
    expect(tile(1).pending).toEqual([]);
    expect(tile(1).participant).toMatchObject({ pausedAt: expect.any(Number), extraMin: 5 });
  });

  it('a refused command clears the pending mark and changes nothing; the reason is kept', async () => {
    const { srv, sessionId, pengawas, pid, st, tile, act, ack } = await setup();
    const before = tile(2).participant!;
    const r = await act({ kind: 'pause', participantIds: [pid[2]] });
    const id = r.body.actions[0].id;
    await until(() => st[2].commands.find((c) => c.id === id));
    expect(await ack(2, id, 'refused', 'peserta lain sedang login')).toEqual({ ok: true });
    expect(tile(2).pending).toEqual([]);
    expect(tile(2).participant).toEqual(before);
    const row = (await api(srv.url, pengawas, 'GET', `/sessions/${sessionId}/actions`)).body.actions.find((a: any) => a.id === id);
    expect(row).toMatchObject({ result: 'refused', message: 'peserta lain sedang login' });
  });

  it('several participants at once: one command per station', async () => {
    const { pid, st, act, ack } = await setup();
    const r = await act({ kind: 'add_time', participantIds: [pid[0], pid[2]], minutes: 3, reason: 'gangguan jaringan ruang' });
    expect(r.status).toBe(200);
    expect(r.body.actions).toHaveLength(2);
    for (const i of [0, 2]) {
      const a = r.body.actions.find((x: any) => x.participantId === pid[i]);
      await until(() => st[i].commands.find((c) => c.id === a.id));
      expect(await ack(i, a.id)).toEqual({ ok: true });
    }
  });

  it('end: the test is over for that participant; no more actions for them', async () => {
    const { pid, st, tile, act, ack } = await setup();
    const r = await act({ kind: 'end', participantIds: [pid[2]], reason: 'kedapatan membawa gawai' });
    expect(r.status).toBe(200);
    const id = r.body.actions[0].id;
    await until(() => st[2].commands.find((c) => c.id === id));
    expect(await ack(2, id)).toEqual({ ok: true });
    expect(tile(2).participant!.endedAt).toEqual(expect.any(Number));
    const again = await act({ kind: 'add_time', participantIds: [pid[2]], minutes: 5, reason: 'coba lagi' });
    expect(again.status).toBe(400);
    expect(again.body.issues[0].path).toBe('participantIds.0');
  });

  it('every action and acknowledgement is in the audit trail', async () => {
    const { v, srv, pengawas, pid, st, act, ack, applied } = await setup();
    await applied(0, { kind: 'pause', reason: 'asesi ke toilet' });
    const add = await applied(0, { kind: 'add_time', minutes: 10, reason: 'gangguan listrik 10 menit' });
    expect(await ack(0, add)).toEqual({ ok: true }); // repeated: not on the record again
    const both = await act({ kind: 'add_time', participantIds: [pid[0], pid[2]], minutes: 3, reason: 'gangguan jaringan ruang' });
    for (const a of both.body.actions) {
      const i = a.participantId === pid[0] ? 0 : 2;
      await until(() => st[i].commands.find((c) => c.id === a.id));
      expect(await ack(i, a.id)).toEqual({ ok: true });
    }
    await applied(2, { kind: 'pause' }, 'refused', 'peserta lain sedang login');

    // (the proctor's audit view is its venue's: this test's)
    const requested = (await api(srv.url, pengawas, 'GET', '/audit?action=participant.action_requested&limit=200')).body.rows;
    const acked = (await api(srv.url, pengawas, 'GET', '/audit?action=participant.action_acknowledged&limit=200')).body.rows;
    expect(requested.length).toBe(4); // one row a request, also for two participants at once
    expect(requested.every((r: any) => r.actorId === v.accounts.pengawas.id)).toBe(true);
    expect(acked.length).toBe(5); // each acknowledged once (the repeated add_time ack not again), the refusal too
    expect(acked.every((r: any) => r.actorRole === 'station')).toBe(true);
  });

  it('a restart rebuilds every participant\'s clock from the acknowledged actions, and what is still pending', async () => {
    const { srv, pengawas, roomId, pid, connectStationListening, tile, act, applied, gone } = await setup();
    // T0 paused, resumed and given time; T1 paused and given time; T2's test ended
    await applied(0, { kind: 'pause', reason: 'asesi ke toilet' });
    await new Promise((ok) => setTimeout(ok, 30));
    await applied(0, { kind: 'resume' });
    await applied(0, { kind: 'add_time', minutes: 10, reason: 'gangguan listrik 10 menit' });
    await applied(1, { kind: 'pause', reason: 'diperiksa pengawas' });
    await applied(1, { kind: 'add_time', minutes: 5, reason: 'mati listrik' });
    await applied(2, { kind: 'end', reason: 'kedapatan membawa gawai' });
    // one left pending at T0
    const r = await act({ kind: 'pause', participantIds: [pid[0]], reason: 'menunggu' });
    const pendingId = r.body.actions[0].id;
    const before = [0, 1, 2].map((i) => structuredClone(tile(i)));
    for (const i of [0, 1, 2]) gone(i);
    await srv.restart();
    for (const i of [0, 1, 2]) {
      const after = tile(i);
      expect(after.participant, `T${i}`).toEqual(before[i].participant);
    }
    expect(tile(0).pending).toEqual([expect.objectContaining({ id: pendingId, kind: 'pause' })]);
    const d = dashboardSocket(srv.url, pengawas);
    closeAfterTest(d);
    await connected(d);
    const snap = (await call(d, 'room:join', { roomId })).snapshot;
    expect(snap.session.pendingActions).toBe(1);
    const commands = await connectStationListening(0);
    await until(() => commands.find((c) => c.id === pendingId));
  });

  it('an action acknowledged by the old PC after the participant was moved: the live view agrees with the replay', async () => {
    const { srv, seeded, sessionId, pengawas, pid, st, connectStation, tile, act, ack, gone } = await setup();
    // T3's participant logs in; a pause is requested; the proctor moves them to the spare PC (T5);
    // then T3's agent, which did pause them, acknowledges.
    const { stream } = await connectStation(3);
    expect((await call(st[3].sock, 'station:events', { v: 1, stream, events: [{ seq: 1, at: Date.now(), type: 'login', nip: seeded[3].participant!.nip }] })).ok).toBe(true);
    const r = await act({ kind: 'pause', participantIds: [pid[3]], reason: 'PC bermasalah' });
    const id = r.body.actions[0].id;
    await until(() => st[3].commands.find((c) => c.id === id));
    const spare = seeded[5];
    const mv = await api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/participants/${pid[3]}/seat`, { stationId: spare.stationId, reason: 'PC mati, pindah ke cadangan' });
    expect(mv.status).toBe(200);
    expect(await ack(3, id)).toEqual({ ok: true });
    const live = structuredClone(tile(5).participant);
    expect(live).toMatchObject({ participantId: pid[3] });
    for (const i of [0, 1, 2, 3]) gone(i);
    await srv.restart();
    const replayed = tile(5).participant;
    expect(replayed).toMatchObject({ participantId: pid[3] });
    expect(live!.pausedAt).toBe(replayed!.pausedAt);
    expect(live).toEqual(replayed);
  });

  it('finish while participants work needs a reason; a session finished early can still be finalised', async () => {
    const { srv, seeded, roomId, sessionId, pengawas, st, connectStation, act, ack } = await setup();
    const transition = (body: object) => api(srv.url, pengawas, 'POST', `/sessions/${sessionId}/transition`, body);
    const working = srv.hub.snapshot(roomId)!.stations.filter((s) => s.participant?.loggedIn && !s.participant.finished && s.participant.endedAt === null);
    expect(working.length).toBeGreaterThan(0);
    const noReason = await transition({ action: 'finish' });
    expect(noReason.status).toBe(409);
    expect(noReason.body.message).toMatch(/still working/);
    const fin = await transition({ action: 'finish', reason: 'pemadaman listrik total, tes dihentikan' });
    expect(fin.status).toBe(200);
    expect(fin.body.session.state).toBe('finished');
    // the proctor ends the tests still open (if the server lets them), the stations acknowledge
    const idx = working.map((w) => seeded.findIndex((s) => s.stationId === w.id));
    for (const i of idx) await connectStation(i);
    const end = await act({ kind: 'end', participantIds: working.map((w) => w.participant!.participantId!), reason: 'tes dihentikan karena pemadaman' });
    if (end.status === 200) {
      for (const a of end.body.actions) {
        const i = seeded.findIndex((s) => s.stationId === a.stationId);
        await until(() => st[i].commands.find((c) => c.id === a.id));
        expect(await ack(i, a.id)).toEqual({ ok: true });
      }
    }
    // either way the session must not be stuck in finished: the berita acara needs it finalised (Pasal 14(1)l–m),
    // once everyone who did not complete the whole series has a reason (SE BKN 6/2026 §5.g.2)
    await giveReasons(srv.url, pengawas, sessionId);
    const done = await transition({ action: 'finalise' });
    expect(done.body.message ?? '').toBe('');
    expect(done.status).toBe(200);
  });
});
