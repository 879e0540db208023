/**
 * Telemetry fan-out loses nothing to a dashboard that keeps up: not behind the same flush's
 * room:changes, and not for the second room of a dashboard that watches two (a regression:
 * socket.io's volatile emits dropped both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connected, dashboardSocket, stationSocket, startTestServer, until, validFacts, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 1000, flushMs: 5000 /* flushed by hand below */ }, [
    { code: 'A', name: 'Ruang A', rows: 1, cols: 2, session: 'running' },
    { code: 'B', name: 'Ruang B', rows: 1, cols: 2, session: 'running' }
  ]);
});
afterAll(async () => srv.dispose());

describe('room fan-out', () => {
  it('delivers every flush of telemetry for every joined room, with or without changes', async () => {
    const a = srv.seeded.find((s) => s.code.startsWith('A-'))!;
    const b = srv.seeded.find((s) => s.code.startsWith('B-'))!;
    const dash = dashboardSocket(srv.url, await srv.login("pengawas"));
    await connected(dash);
    expect((await call(dash, 'room:join', { roomId: a.roomId })).ok).toBe(true);
    expect((await call(dash, 'room:join', { roomId: b.roomId })).ok).toBe(true);
    const got = { [a.roomId]: 0, [b.roomId]: 0 } as Record<number, number>;
    dash.on('room:telemetry', (m) => got[m.roomId]++);

    const stations = [stationSocket(srv.url, a.token), stationSocket(srv.url, b.token)];
    for (const st of stations) {
      await connected(st);
      await call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 't', stream: 'stream-fan1', facts: validFacts });
    }
    const rounds = 8;
    for (let i = 0; i < rounds; i++) {
      for (const st of stations) await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: i % 2 ? 20 : 900, jitterMs: 1 });
      srv.hub.flush(); // half of these flushes also carry a state change
      await until(() => got[a.roomId] === i + 1 && got[b.roomId] === i + 1, 2000);
    }
    expect(got).toEqual({ [a.roomId]: rounds, [b.roomId]: rounds });
    for (const s of [dash, ...stations]) s.close();
  });
});
