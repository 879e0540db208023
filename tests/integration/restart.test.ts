/**
 * Per-room state is derivable from what is stored: after a server restart on the same SQLite file
 * the room shows the same participants, progress, markers and stream positions.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app.ts';
import { call, connected, stationSocket, startTestServer, until, validFacts, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
afterAll(async () => srv?.dispose());

describe('restart', () => {
  it('rebuilds the room from the stored events, transitions and alerts', async () => {
    srv = await startTestServer({ heartbeatMs: 250, flushMs: 50, writeMs: 100 });
    const [a] = srv.seeded;
    const st = stationSocket(srv.url, a.token);
    await connected(st);
    await call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 't', stream: 'stream-rest', facts: { ...validFacts, webcam: false } });
    const t = Date.now();
    await call(st, 'station:events', {
      v: 1, stream: 'stream-rest',
      events: [
        { seq: 1, at: t, type: 'login', nip: a.participant!.nip },
        { seq: 2, at: t + 1, type: 'progress', instrument: 'literasi_digital', percent: 20 }
      ]
    });
    st.close();
    await until(() => srv.hub.stations.get(a.stationId)!.view.state === 'offline', 3000);
    const before = structuredClone(srv.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!);
    // The proctor had already seen (and acknowledged) this participant's stall.
    srv.db.$client.prepare("insert into station_alerts (station_id, kind, raised_at, acked_at, acked_by) values (?, 'stalled', ?, ?, 'pengawas')").run(a.stationId, Date.now(), Date.now());
    await srv.close();

    const again = await startServer({ port: 0, dbFile: `${srv.dir}/test.sqlite`, logLevel: 'silent', webBuildDir: null, heartbeatMs: 250 });
    try {
      const after = again.hub.snapshot(a.roomId)!.stations.find((s) => s.id === a.stationId)!;
      expect(after.participant).toEqual(before.participant);
      expect(after.participant).toMatchObject({ loggedIn: true, instrument: 'literasi_digital', overallPercent: 44 });
      expect(after.attention.map((x) => x.kind)).toEqual(['offline']);
      expect(after.state).toBe('offline');
      expect(after.compliance).toBe('fail');
      expect(after.lastSeenAt).toBe(before.stateSince); // last known, not the restart time
      // An hour without progress later: the acknowledged stall is not raised again.
      again.hub.watch(Date.now() + 3600_000);
      expect(after.attention.map((x) => x.kind)).toEqual(['offline']);
      const st2 = stationSocket(again.url, a.token);
      await connected(st2);
      const h = await call(st2, 'station:hello', { v: 1, t: Date.now(), agentVersion: 't', stream: 'stream-rest', facts: validFacts });
      expect(h.lastApplied).toBe(2);
      st2.close();
    } finally {
      await again.close();
    }
    // the first server is closed already: only its directory is left to remove
    srv.dispose = async () => rmSync(srv.dir, { recursive: true, force: true });
  });
});
