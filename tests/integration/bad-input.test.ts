/**
 * The edge never crashes and never stores half of a bad message: wrong types, missing fields,
 * oversized strings, unknown events, future protocol versions, oversized packets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call, connected, dashboardSocket, stationSocket, startTestServer, validFacts, type TestServer
} from '../helpers/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ heartbeatMs: 500, flushMs: 50 });
});
afterAll(async () => srv.dispose());

const eventCount = () => (srv.db.$client.prepare('select count(*) as n from participant_events').get() as { n: number }).n;

describe('bad input at the station edge', () => {
  it('answers every malformed payload with a clear error ack and stores nothing of it', async () => {
    const [a] = srv.seeded;
    const st = stationSocket(srv.url, a.token);
    await connected(st);
    // Nothing counts before the station has said who it is.
    expect(await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 5, jitterMs: 1 })).toMatchObject({ ok: false, code: 'NOT_READY' });
    expect(await call(st, 'station:events', { v: 1, stream: 'stream-bad1', events: [{ seq: 1, at: Date.now(), type: 'logout' }] })).toMatchObject({ ok: false, code: 'NOT_READY' });
    expect((await call(st, 'station:hello', { v: 1, t: Date.now(), agentVersion: 'x', stream: 'stream-bad1', facts: validFacts })).ok).toBe(true);

    const cases: [string, unknown, string][] = [
      ['station:heartbeat', { v: 1, t: 'yesterday', rttMs: 5, jitterMs: 1 }, 'INVALID_PAYLOAD'],
      ['station:heartbeat', { v: 1, rttMs: 5, jitterMs: 1 }, 'INVALID_PAYLOAD'],
      ['station:heartbeat', { v: 1, t: Date.now(), rttMs: -5, jitterMs: 1 }, 'INVALID_PAYLOAD'],
      ['station:heartbeat', { v: 2, t: Date.now(), rttMs: 5, jitterMs: 1 }, 'UNSUPPORTED_VERSION'],
      ['station:heartbeat', null, 'INVALID_PAYLOAD'],
      ['station:heartbeat', 'hello', 'INVALID_PAYLOAD'],
      ['station:heartbeat', { v: 1, t: Date.now(), rttMs: 5, jitterMs: 1, extra: 1 }, 'INVALID_PAYLOAD'],
      ['station:hello', { v: 1, t: Date.now(), agentVersion: 'x'.repeat(5000), stream: 'stream-bad1', facts: validFacts }, 'INVALID_PAYLOAD'],
      ['station:hello', { v: 1, t: Date.now(), agentVersion: 'x', stream: 'bad stream!', facts: validFacts }, 'INVALID_PAYLOAD'],
      ['station:probe-result', { v: 1, id: 'p', kbps: 'fast', bytes: 1, ms: 1 }, 'INVALID_PAYLOAD'],
      ['station:events', { v: 1, stream: 'stream-bad1', events: [] }, 'INVALID_PAYLOAD'],
      ['station:events', { v: 1, stream: 'stream-bad1', events: [{ seq: 1, at: Date.now(), type: 'teleport' }] }, 'INVALID_PAYLOAD'],
      ['station:events', { v: 1, stream: 'stream-bad1', events: [{ seq: 1, at: Date.now(), type: 'login', nip: '123' }] }, 'INVALID_PAYLOAD'],
      ['station:nonsense', { v: 1 }, 'UNKNOWN_EVENT'],
      ['room:join', { roomId: a.roomId }, 'UNKNOWN_EVENT']
    ];
    for (const [event, payload, code] of cases) {
      const res = await call(st, event, payload);
      expect(res, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({ ok: false, code });
      expect(typeof res.message).toBe('string');
    }
    const invalid = await call(st, 'station:heartbeat', { v: 1, t: 'x' });
    expect(invalid.issues[0]).toMatchObject({ path: 't' });

    // A batch whose 3rd event is bad is refused whole: the first two are not stored either.
    const t = Date.now();
    const before = eventCount();
    const half = await call(st, 'station:events', {
      v: 1, stream: 'stream-bad1',
      events: [
        { seq: 1, at: t, type: 'login', nip: a.participant!.nip },
        { seq: 2, at: t, type: 'instrument', instrument: 'potensi' },
        { seq: 3, at: t, type: 'progress', instrument: 'potensi', percent: 250 }
      ]
    });
    expect(half).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(eventCount()).toBe(before);

    // The connection and the server still work.
    expect(await call(st, 'station:heartbeat', { v: 1, t: Date.now(), rttMs: 10, jitterMs: 1 })).toEqual({ ok: true });
    const metrics = await (await fetch(`${srv.url}/api/metrics`)).json();
    expect(metrics.invalid).toBeGreaterThanOrEqual(13);
    expect(metrics.unknownEvents).toBeGreaterThanOrEqual(2);
    st.close();
  });

  it('cuts a connection that sends an oversized packet, and keeps serving others', async () => {
    const [, b] = srv.seeded;
    const st = stationSocket(srv.url, b.token);
    await connected(st);
    const closed = new Promise<string>((ok) => st.once('disconnect', (r) => ok(r)));
    st.emit('station:heartbeat', { v: 1, t: Date.now(), rttMs: 1, jitterMs: 1, pad: 'x'.repeat(200_000) } as any, () => {});
    expect(await closed).toMatch(/transport close|io server disconnect/);
    const health = await (await fetch(`${srv.url}/api/health`)).json();
    expect(health.ok).toBe(true);
  });

  it('validates dashboard requests too', async () => {
    const d = dashboardSocket(srv.url, await srv.login("pengawas"));
    await connected(d);
    expect(await call(d, 'room:join', { roomId: 'one' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await call(d, 'room:join', { roomId: 999999 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(d, 'station:detail', {})).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await call(d, 'station:heartbeat', { v: 1 })).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    d.close();
  });

  it('refuses the bandwidth probe without a station token', async () => {
    expect((await fetch(`${srv.url}/api/probe?bytes=2048`)).status).toBe(401);
    const ok = await fetch(`${srv.url}/api/probe?bytes=2048`, { headers: { authorization: `Bearer ${srv.seeded[0].token}` } });
    expect(ok.status).toBe(200);
    expect((await ok.arrayBuffer()).byteLength).toBe(2048);
    const bad = await fetch(`${srv.url}/api/probe?bytes=abc`, { headers: { authorization: `Bearer ${srv.seeded[0].token}` } });
    expect(bad.status).toBe(400);
  });
});
