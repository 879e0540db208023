import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call, connected, dashboardSocket, keepAlive, stationSocket, startTestServer, until, validFacts,
  type DashboardClient, type StationClient, type TestServer
} from '../helpers/server.ts';
import type { StationPatch, TelemetryEntry } from '../../protocol/index.ts';

let srv: TestServer;
const sockets: { close(): void }[] = [];
const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

beforeEach(async () => {
  srv = await startTestServer({ heartbeatMs: 300, flushMs: 50, writeMs: 100 });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await srv.dispose();
});

async function hello(st: StationClient, stream = 'stream-0001') {
  await connected(st);
  return call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'test', stream, facts: validFacts });
}

describe('station → dashboard live flow', () => {
  it('rejects an unknown token at the handshake', async () => {
    const st = track(stationSocket(srv.url, 'not-a-token'));
    await expect(connected(st)).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('sends a snapshot on join, then telemetry and state changes as coalesced deltas', async () => {
    const [a] = srv.seeded;
    const dash: DashboardClient = track(dashboardSocket(srv.url, await srv.login("pengawas")));
    await connected(dash);
    const join = await call(dash, 'room:join', { roomId: a.roomId });
    expect(join.ok).toBe(true);
    expect(join.snapshot.stations).toHaveLength(6);
    expect(join.snapshot.stations.find((s: any) => s.id === a.stationId).state).toBe('offline');

    const telemetry: TelemetryEntry[] = [];
    const patches: StationPatch[] = [];
    dash.on('room:telemetry', (m) => telemetry.push(...m.entries));
    dash.on('room:changes', (m) => patches.push(...m.patches));

    const st = track(stationSocket(srv.url, a.token));
    const h = await hello(st);
    expect(h).toMatchObject({ ok: true, stationId: a.stationId, lastApplied: 0, heartbeatMs: 300 });
    await until(() => patches.find((p) => p.id === a.stationId && p.state === 'online'));

    expect(await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 42, jitterMs: 3 })).toEqual({ ok: true });
    const e = await until(() => telemetry.find((t) => t.id === a.stationId && t.rtt === 42));
    expect(e.jit).toBe(3);

    // Two heartbeats over 300 ms: degraded, with an attention marker.
    await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 450, jitterMs: 30 });
    await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 480, jitterMs: 30 });
    const deg = await until(() => patches.find((p) => p.id === a.stationId && p.state === 'degraded'));
    expect(deg.attention?.map((x) => x.kind)).toContain('degraded');

    // Silence for 3 intervals: offline, and the transition is stored.
    st.close();
    await until(() => patches.find((p) => p.id === a.stationId && p.state === 'offline'), 3000);
    const detail = await call(dash, 'station:detail', { stationId: a.stationId });
    expect(detail.ok).toBe(true);
    expect(detail.detail.transitions.map((t: any) => t.to)).toEqual(['online', 'degraded', 'offline']);
    expect(detail.detail.compliance.find((c: any) => c.key === 'cpu').status).toBe('pass');
    expect(detail.detail.latency.recent.map((r: any) => r.rtt)).toEqual([42, 450, 480]);

    // Acknowledge clears the markers, for everyone watching.
    expect((await call(dash, 'station:ack-attention', { stationId: a.stationId })).ok).toBe(true);
    await until(() => patches.find((p) => p.id === a.stationId && Array.isArray(p.attention) && p.attention.length === 0));
    const again = await call(dash, 'room:join', { roomId: a.roomId });
    expect(again.snapshot.stations.find((s: any) => s.id === a.stationId).attention).toEqual([]);
  });

  it('applies participant events exactly once, in order, and reports gaps', async () => {
    const [a] = srv.seeded;
    const st = track(stationSocket(srv.url, a.token));
    await hello(st);
    const nip = a.participant!.nip;
    const t = Date.now();
    const batch = [
      { seq: 1, at: t, type: 'login', nip },
      { seq: 2, at: t + 1, type: 'instrument', instrument: 'manajerial_sosiokultural' },
      { seq: 3, at: t + 2, type: 'progress', instrument: 'manajerial_sosiokultural', percent: 50 }
    ];
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-0001', events: batch })).toEqual({ ok: true, applied: 3 });
    // A replay of the same batch is acknowledged and not applied again.
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-0001', events: batch })).toEqual({ ok: true, applied: 3 });
    // A gap: seq 5 without 4.
    const gap = await call(st, 'station:events', { v: 1, stream: 'stream-0001', events: [{ seq: 5, at: t + 3, type: 'finished' }] });
    expect(gap).toMatchObject({ ok: false, code: 'SEQ_GAP', expected: 4 });
    const rows = srv.db.$client.prepare('select seq, type from participant_events where station_id = ? order by seq').all(a.stationId);
    expect(rows).toEqual([{ seq: 1, type: 'login' }, { seq: 2, type: 'instrument' }, { seq: 3, type: 'progress' }]);
    const snap = srv.hub.snapshot(a.roomId)!;
    const p = snap.stations.find((s) => s.id === a.stationId)!.participant!;
    expect(p).toMatchObject({ nip, name: a.participant!.name, loggedIn: true, instrument: 'manajerial_sosiokultural', percent: 50, overallPercent: 10 });
    // A reconnecting agent learns where to resume.
    st.close();
    const st2 = track(stationSocket(srv.url, a.token));
    expect((await hello(st2)).lastApplied).toBe(3);
    expect((await hello(st2, 'stream-0002')).lastApplied).toBe(0);
  });
});

describe('streams and clocks', () => {
  it('keeps a position per stream, so a station that switches streams and back loses nothing', async () => {
    const [a] = srv.seeded;
    const t = Date.now();
    const ev = (seq: number) => ({ seq, at: t + seq, type: 'progress', instrument: 'potensi', percent: seq });
    const st = track(stationSocket(srv.url, a.token));
    await hello(st, 'stream-AAAA');
    await call(st, 'station:events', { v: 1, stream: 'stream-AAAA', events: [{ seq: 1, at: t, type: 'login', nip: a.participant!.nip }, ev(2), ev(3)] });
    // Another PC with the same token (a swapped spare) reports on its own stream …
    expect((await hello(st, 'stream-BBBB')).lastApplied).toBe(0);
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-BBBB', events: [ev(1)] })).toEqual({ ok: true, applied: 1 });
    // … and a batch for a stream this connection did not announce is refused.
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-AAAA', events: [ev(4)] })).toMatchObject({ ok: false, code: 'NOT_READY' });
    // The first PC comes back: its stream resumes where it was.
    expect((await hello(st, 'stream-AAAA')).lastApplied).toBe(3);
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-AAAA', events: [ev(4)] })).toEqual({ ok: true, applied: 4 });
  });

  it('puts event times on the server clock when the station clock is wrong', async () => {
    const [, b] = srv.seeded;
    const skew = -37 * 60_000; // the station PC's clock is 37 minutes behind
    const st = track(stationSocket(srv.url, b.token));
    await connected(st);
    await call(st, 'station:hello', { v: 1, t: Date.now() + skew, agentVersion: 'test', stream: 'stream-skew', facts: validFacts });
    const before = Date.now();
    await call(st, 'station:events', { v: 1, stream: 'stream-skew', events: [{ seq: 1, at: Date.now() + skew, type: 'login', nip: b.participant!.nip }] });
    const p = srv.hub.snapshot(b.roomId)!.stations.find((s) => s.id === b.stationId)!.participant!;
    expect(Math.abs(p.startedAt! - before)).toBeLessThan(2000);
    expect(p.deadlineAt! - p.startedAt!).toBe(180 * 60_000);
    const row = srv.db.$client.prepare('select at, agent_at as agentAt from participant_events where station_id = ?').get(b.stationId) as { at: number; agentAt: number };
    expect(Math.round((row.at - row.agentAt) / 60_000)).toBe(37);
  });
});

describe('bandwidth probes', () => {
  it('asks the agent, stores the result, degrades under 500 Kbps, and refuses a second probe moments later', async () => {
    const [a] = srv.seeded;
    const st = track(stationSocket(srv.url, a.token));
    const asked = new Promise<{ id: string; bytes: number }>((ok) => st.on('station:probe', ok));
    await hello(st);
    track({ close: keepAlive(st, 300) }); // it stays online meanwhile, as a live agent does
    const dash = track(dashboardSocket(srv.url, await srv.login("pengawas")));
    await connected(dash);
    expect((await call(dash, 'station:probe', { stationId: a.stationId })).ok).toBe(true);
    const req = await asked;
    expect(req.bytes).toBeGreaterThan(0);
    expect(await call(dash, 'station:probe', { stationId: a.stationId })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await call(dash, 'room:probe-all', { roomId: a.roomId })).toEqual({ ok: true, count: 0 }); // the only online one was just probed
    // a result for a probe the server never asked for is refused and changes nothing
    expect(await call(st, 'station:probe-result', { v: 1, id: 'made-up', kbps: 12, bytes: req.bytes, ms: 5000 })).toMatchObject({ ok: false, code: 'UNKNOWN_PROBE' });
    expect(srv.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.kbps).not.toBe(12);
    expect(await call(st, 'station:probe-result', { v: 1, id: req.id, kbps: 420, bytes: req.bytes, ms: 5000 })).toEqual({ ok: true });
    // the same answer twice is not believed twice
    expect(await call(st, 'station:probe-result', { v: 1, id: req.id, kbps: 9, bytes: req.bytes, ms: 5000 })).toMatchObject({ ok: false, code: 'UNKNOWN_PROBE' });
    // the degraded state is shown once its transition is stored
    const view = await until(() => {
      const v = srv.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!;
      return v.state === 'degraded' && v;
    });
    expect(view).toMatchObject({ kbps: 420, state: 'degraded' });
    const row = srv.db.$client.prepare('select last_kbps as k from stations where id = ?').get(a.stationId) as { k: number };
    expect(row.k).toBe(420);
  });
});
