/**
 * The store worker: the live path's writes leave the main thread, and a worker
 * that dies loses nothing that is a record — what it had not answered is sent again to a new one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, helloStation, startTestServer, until, type TestServer } from '../helpers/server.ts';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.dispose();
  srv = null;
});

const count = (s: TestServer, sql: string, ...args: unknown[]) => (s.db.$client.prepare(sql).get(...args) as { n: number }).n;

describe('store worker', () => {
  it('commits on its own connection: the main connection never checkpoints', async () => {
    srv = await startTestServer({ heartbeatMs: 500, flushMs: 50 });
    expect(srv.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const a = srv.seeded[0];
    const { st } = await helloStation(srv.url, a.token, 'stream-worker1');
    expect((await call(st, 'station:events', { v: 1, stream: 'stream-worker1', events: [{ seq: 1, at: Date.now(), type: 'login', nip: a.participant!.nip }] })).ok).toBe(true);
    // acknowledged means committed: the row is there when the ack arrives
    expect(count(srv, 'select count(*) as n from participant_events where station_id = ?', a.stationId)).toBe(1);
    st.close();
  });

  it('a worker that dies is replaced, and the transitions it had not stored are stored by the next', async () => {
    srv = await startTestServer({ heartbeatMs: 300, flushMs: 50 });
    const a = srv.seeded[0];
    const worker = (srv.hub.store as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const { st } = await helloStation(srv.url, a.token, 'stream-worker2');
    void worker.terminate(); // dies with the online transition perhaps in flight
    st.close();
    // online, then offline after 3 silent intervals: both end up stored, and both shown
    await until(() => count(srv!, "select count(*) as n from station_transitions where station_id = ? and to_state = 'offline'", a.stationId) === 1, 8000);
    expect(count(srv, "select count(*) as n from station_transitions where station_id = ? and to_state = 'online'", a.stationId)).toBe(1);
    await until(() => srv!.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!.state === 'offline', 3000);
    expect((srv.hub.store as unknown as { restarts: number }).restarts).toBeGreaterThanOrEqual(1);
  });
});
