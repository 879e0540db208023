/**
 * What a station sends is bounded and believed only where it should be.
 *  4. a station's participant events are bounded (per minute with a burst, per participant per
 *     session): beyond, QUOTA_EXCEEDED with retryAfterSec, nothing stored, counted, a flood marker;
 *  5. an event dated a day ahead is stored at its arrival time (agentAt keeps what was sent);
 *  6. an event keeps the offset of the clock epoch (`clk`) it was taken on, after the clock steps;
 *  7. after a restart, a station that comes back within the grace is not reported offline;
 * 10. the database commits with synchronous = FULL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, helloStation, keepAlive, startTestServer, until, type TestServer } from '../helpers/server.ts';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.dispose();
  srv = null;
});

const stored = (s: TestServer, stationId: number) =>
  s.db.$client.prepare('select seq, at, agent_at as agentAt from participant_events where station_id = ? order by seq').all(stationId) as { seq: number; at: number; agentAt: number }[];
const progress = (from: number, n: number, at = Date.now()) =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, at, type: 'progress', instrument: 'potensi', percent: (i % 100) }));

describe('storage budget (item 4)', () => {
  it('refuses a flood per minute with QUOTA_EXCEEDED, stores none of it, counts it and raises a flood marker', async () => {
    srv = await startTestServer({ heartbeatMs: 500, flushMs: 50, eventBudget: { perMinute: 60, burst: 150, perParticipantSession: 100_000 } });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-flood1');
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-flood1', events: [{ seq: 1, at: Date.now(), type: 'login', nip: a.participant!.nip }, ...progress(2, 99)] })).toMatchObject({ ok: true, applied: 100 });
    const refused = await call(st, 'station:events', { v: 1, stream: 'stream-flood1', events: progress(101, 100) });
    expect(refused).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    expect(refused.retryAfterSec).toBeGreaterThan(0);
    expect(stored(srv, a.stationId)).toHaveLength(100);
    expect(srv.hub.stats.quotaRefused).toBe(100);
    await until(() => srv!.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.attention.some((m) => m.kind === 'flood'));
    // a smaller batch within what is left still goes through
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-flood1', events: progress(101, 40) })).toMatchObject({ ok: true, applied: 140 });
    st.close();
  });

  it('caps the events of one participant in one session', async () => {
    srv = await startTestServer({ heartbeatMs: 500, flushMs: 50, eventBudget: { perMinute: 100_000, burst: 100_000, perParticipantSession: 120 } });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-flood2');
    expect((await call(st, 'station:events', { v: 1, stream: 'stream-flood2', events: [{ seq: 1, at: Date.now(), type: 'login', nip: a.participant!.nip }, ...progress(2, 99)] })).ok).toBe(true);
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-flood2', events: progress(101, 30) })).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-flood2', events: progress(101, 20) })).toMatchObject({ ok: true, applied: 120 });
    // the count is rebuilt from the store after a restart
    st.close();
    await srv.restart();
    const { st: again } = await helloStation(srv.url, a.token, 'stream-flood2');
    expect(await call(again, 'station:events', { v: 1, stream: 'stream-flood2', events: progress(121, 1) })).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
    again.close();
  });
});

describe('event times (items 5 and 6)', () => {
  it('stores an event dated a day ahead at its arrival, keeping what the station said', async () => {
    srv = await startTestServer({ heartbeatMs: 500, flushMs: 50 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-future');
    const sent = Date.now() + 24 * 3600_000;
    const before = Date.now();
    expect((await call(st, 'station:events', { v: 1, stream: 'stream-future', events: [{ seq: 1, at: sent, type: 'login', nip: a.participant!.nip }] })).ok).toBe(true);
    const [row] = stored(srv, a.stationId);
    expect(row.agentAt).toBe(sent);
    expect(row.at).toBeGreaterThanOrEqual(before - 1000);
    expect(row.at).toBeLessThanOrEqual(Date.now());
    expect(srv.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.participant!.startedAt).toBeLessThanOrEqual(Date.now());
    st.close();
  });

  it('moves a queued event with the offset of the clock epoch it was taken on, not the current one', async () => {
    srv = await startTestServer({ heartbeatMs: 500, flushMs: 50 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-clock');
    const t0 = Date.now();
    // epoch A: the station's clock is right
    expect(await call(st, 'station:heartbeat', { v: 1, t: t0, clk: 'A', rttMs: 2, jitterMs: 0 })).toEqual({ ok: true });
    const takenAt = t0 - 30_000; // taken 30 s ago on clock A, still queued
    // the clock steps +1 h (a new epoch B) before the queue is sent
    expect(await call(st, 'station:heartbeat', { v: 1, t: Date.now() + 3600_000, clk: 'B', rttMs: 2, jitterMs: 0 })).toEqual({ ok: true });
    expect((await call(st, 'station:events', {
      v: 1, stream: 'stream-clock',
      events: [{ seq: 1, at: takenAt, clk: 'A', type: 'login', nip: a.participant!.nip }, { seq: 2, at: Date.now() + 3600_000, clk: 'B', type: 'instrument', instrument: 'potensi' }]
    })).ok).toBe(true);
    const [login, instrument] = stored(srv, a.stationId);
    expect(Math.abs(login.at - takenAt)).toBeLessThan(2000); // not moved by the −1 h of epoch B
    expect(Math.abs(instrument.at - Date.now())).toBeLessThan(2000);
    st.close();
  });
});

describe('restart grace (item 7)', () => {
  it('a station that reconnects within the grace after a restart is never reported offline', async () => {
    srv = await startTestServer({ heartbeatMs: 300, flushMs: 50 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-grace');
    const stop = keepAlive(st, 300); // online until the restart
    await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 2, jitterMs: 0 });
    await until(() => srv!.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.state === 'online');
    stop();
    // The server goes down under the agent (as a crash would): the agent does not close its
    // connection itself — that is a station going away, offline at once — and does not reconnect
    // until later.
    st.io.reconnection(false);
    await srv.restart();
    st.close();
    // the agent's reconnect timer was at its cap: it is back 5 s later (> 3 heartbeat intervals)
    await new Promise((r) => setTimeout(r, 5000));
    const { st: back } = await helloStation(srv.url, a.token, 'stream-grace');
    await call(back, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 2, jitterMs: 0 });
    await new Promise((r) => setTimeout(r, 300));
    const offline = srv.db.$client.prepare("select count(*) as n from station_transitions where station_id = ? and to_state = 'offline'").get(a.stationId) as { n: number };
    expect(offline.n).toBe(0);
    const view = srv.hub.snapshot(a.roomId)!;
    expect(view.stations.find((s) => s.id === a.stationId)!.attention).toEqual([]);
    expect(view.server.graceUntil).toBeGreaterThan(view.server.startedAt);
    back.close();
  });

  it('a station that does not come back is offline once the grace is over', async () => {
    srv = await startTestServer({ heartbeatMs: 300, flushMs: 50, restartGraceMs: 1500 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-grace2');
    const stop = keepAlive(st, 300); // online until the restart
    await until(() => srv!.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.state === 'online');
    stop();
    st.io.reconnection(false);
    await srv.restart();
    st.close();
    expect(srv.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.state).toBe('online');
    await until(() => srv!.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.state === 'offline', 5000);
  });
});

describe('a closed connection', () => {
  const transitions = (s: TestServer, stationId: number) =>
    s.db.$client.prepare('select to_state as state, reason from station_transitions where station_id = ? order by id').all(stationId) as { state: string; reason: string }[];
  const stateOf = (s: TestServer, a: { roomId: number; stationId: number }) => s.hub.snapshot(a.roomId)!.stations.find((x) => x.id === a.stationId)!.state;

  it('an agent that closes its connection is offline at once (no 3-heartbeat wait), and back online when it says hello again', async () => {
    // heartbeats every 10 s: the silence rule would take 30 s
    srv = await startTestServer({ heartbeatMs: 10_000, flushMs: 50 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-close');
    await until(() => stateOf(srv!, a) === 'online');
    const closedAt = Date.now();
    st.close();
    await until(() => stateOf(srv!, a) === 'offline', 3000);
    expect(Date.now() - closedAt).toBeLessThan(3000);
    expect(transitions(srv, a.stationId).at(-1)).toEqual({ state: 'offline', reason: 'disconnected' });
    const { st: back } = await helloStation(srv.url, a.token, 'stream-close');
    await until(() => stateOf(srv!, a) === 'online', 3000);
    expect(transitions(srv, a.stationId).at(-1)).toEqual({ state: 'online', reason: 'connected' });
    back.close();
  });

  it('an agent whose connection keeps dropping and coming back makes one offline transition, not one per drop', async () => {
    srv = await startTestServer({ heartbeatMs: 10_000, flushMs: 50 });
    const a = srv.seeded[0];
    for (let i = 0; i < 5; i++) {
      const { st } = await helloStation(srv.url, a.token, 'stream-flap');
      await until(() => stateOf(srv!, a) === 'online', 3000);
      st.close();
      if (i === 0) await until(() => stateOf(srv!, a) === 'offline', 3000);
      else await new Promise((r) => setTimeout(r, 100));
    }
    // the first drop: offline at once; the next four within 10 s: left to the silence rule (30 s here)
    const offline = transitions(srv, a.stationId).filter((t) => t.state === 'offline');
    expect(offline).toEqual([{ state: 'offline', reason: 'disconnected' }]);
    expect(stateOf(srv, a)).toBe('online');
  });

  it('a connection replaced by a newer one of the same PC does not make it offline', async () => {
    srv = await startTestServer({ heartbeatMs: 10_000, flushMs: 50 });
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-replace');
    await until(() => stateOf(srv!, a) === 'online');
    // the agent restarted before its old socket timed out: the server closes the old one
    const { st: newer } = await helloStation(srv.url, a.token, 'stream-replace');
    await until(() => !st.connected, 3000);
    st.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(stateOf(srv, a)).toBe('online');
    expect(transitions(srv, a.stationId).filter((t) => t.state === 'offline')).toEqual([]);
    newer.close();
  });
});

describe('durability (item 10)', () => {
  it('commits with synchronous = FULL', async () => {
    srv = await startTestServer();
    expect(srv.db.$client.pragma('synchronous', { simple: true })).toBe(2);
  });
});
