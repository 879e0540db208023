/**
 * StationAgent against a small in-test socket.io server that follows the /station contract
 * (hello → lastApplied, heartbeat acks, exactly-once in-order event application with SEQ_GAP).
 * The server is a stand-in so that the agent's behaviour under faults can be forced precisely;
 * the real server is exercised by the integration tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { httpProbe } from '../../agent/probe.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import type { ParticipantEvent } from '../../protocol/index.ts';
import { cleanupAfterEach, FACTS, until } from '../helpers/agent-kit.ts';

const NIP = '198501012010011001';

type FakeServer = Awaited<ReturnType<typeof fakeServer>>;

async function fakeServer() {
  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/probe') return void res.writeHead(404).end();
    if (req.headers.authorization !== 'Bearer good') return void res.writeHead(401).end();
    const n = Number(url.searchParams.get('bytes'));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n }).end(Buffer.alloc(n, 7));
  });
  const io = new Server(httpServer);
  const state = {
    applied: new Map<string, number>(),
    /** what hello claims, if it should lie (server state restored from an older backup …) */
    helloLastApplied: null as number | null,
    ackHeartbeats: true,
    connections: 0,
    heartbeats: [] as { rttMs: number | null; jitterMs: number | null }[],
    log: [] as ParticipantEvent[],
    probeResults: [] as unknown[]
  };
  const ns = io.of('/station');
  ns.use((socket, next) => (socket.handshake.auth?.token === 'good' ? next() : next(new Error('UNAUTHORIZED'))));
  ns.on('connection', (socket) => {
    state.connections++;
    socket.on('station:hello', (p, ack) => {
      const lastApplied = state.helloLastApplied ?? state.applied.get(p.stream) ?? 0;
      ack({ ok: true, stationId: 7, code: 'A-01', roomId: 1, heartbeatMs: 100, lastApplied, serverTime: Date.now() });
    });
    socket.on('station:heartbeat', (p, ack) => {
      state.heartbeats.push(p);
      if (state.ackHeartbeats) ack({ ok: true });
    });
    socket.on('station:events', (p: { stream: string; events: ParticipantEvent[] }, ack) => {
      let applied = state.applied.get(p.stream) ?? 0;
      for (const e of p.events) {
        if (e.seq <= applied) continue; // duplicate: already applied, exactly once
        if (e.seq !== applied + 1) {
          state.applied.set(p.stream, applied);
          return ack({ ok: false, code: 'SEQ_GAP', message: 'gap', expected: applied + 1 });
        }
        state.log.push(e);
        applied = e.seq;
      }
      state.applied.set(p.stream, applied);
      ack({ ok: true, applied });
    });
    socket.on('station:probe-result', (p, ack) => {
      state.probeResults.push(p);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { io, ns, state, url, close: () => new Promise<void>((r) => io.close(() => r())) };
}


const cleanup = cleanupAfterEach();

async function setup(opts: { token?: string; queue?: MemoryQueue } = {}) {
  const server = await fakeServer();
  const agent = new StationAgent({
    serverUrl: server.url,
    token: opts.token ?? 'good',
    agentVersion: 'test',
    queue: opts.queue ?? new MemoryQueue(),
    facts: async () => FACTS,
    heartbeatMs: 100,
    probe: async ({ bytes }) => ({ kbps: 4321, bytes, ms: 10 })
  });
  cleanup.push(server.close, () => agent.stop());
  return { server, agent };
}

describe('StationAgent', () => {
  it('says hello, heartbeats with its measured RTT and jitter, and delivers events in order', async () => {
    const { server, agent } = await setup();
    const connected = new Promise((r) => agent.once('connected', r));
    await agent.start();
    expect(await connected).toMatchObject({ stationId: 7, code: 'A-01', heartbeatMs: 100 });
    agent.report({ type: 'login', nip: NIP, name: 'Budi' });
    agent.report({ type: 'instrument', instrument: 'potensi' });
    for (let p = 10; p <= 50; p += 10) agent.report({ type: 'progress', instrument: 'potensi', percent: p });
    await until(() => server.state.log.length === 7 && agent.pendingCount === 0);
    expect(server.state.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await until(() => server.state.heartbeats.filter((h) => h.jitterMs !== null).length >= 2);
    expect(agent.lastRtt).toBeGreaterThanOrEqual(0);
    expect(agent.status()).toMatchObject({ connected: true, stationId: 7, pending: 0, lastSeq: 7, acked: 7 });
  });

  it('queues while offline and replays only what the server has not applied', async () => {
    const queue = new MemoryQueue();
    queue.sync(0); // an earlier run said hello and sent these (a queue that never met a server keeps its numbers)
    for (let p = 1; p <= 5; p++) queue.append({ type: 'progress', instrument: 'potensi', percent: p });
    const { server, agent } = await setup({ queue });
    server.state.applied.set(queue.stream, 2); // applied before the agent restarted, ack lost
    await agent.start();
    await until(() => agent.pendingCount === 0 && server.state.applied.get(queue.stream) === 5);
    expect(server.state.log.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('trips the watchdog after 3 unanswered heartbeats, reconnects by itself, and resumes', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    server.state.ackHeartbeats = false; // network silently cut: the socket stays open, nothing comes back
    const tripped = new Promise((r) => agent.once('watchdog', r));
    agent.report({ type: 'finished' }); // delivered: events still flow in this fake, only heartbeats vanish
    expect(await tripped).toBeGreaterThanOrEqual(3);
    server.state.ackHeartbeats = true;
    await until(() => server.state.connections >= 2 && agent.connected, 8000);
    agent.report({ type: 'questionnaire' });
    await until(() => agent.pendingCount === 0);
    expect(server.state.log.map((e) => e.type)).toEqual(['finished', 'questionnaire']);
  });

  it('simulateOutage: stops sending, queues, reconnects after the outage and replays', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    agent.simulateOutage(800);
    const down = new Promise((r) => agent.once('disconnected', r));
    agent.report({ type: 'login', nip: NIP });
    expect(agent.pendingCount).toBe(1); // not sent during the outage
    await down;
    agent.report({ type: 'instrument', instrument: 'manajerial_sosiokultural' });
    await until(() => agent.connected && agent.pendingCount === 0, 8000);
    expect(server.state.log.map((e) => e.type)).toEqual(['login', 'instrument']);
  });

  it('realigns on SEQ_GAP: a server that lost events gets the pending ones renumbered, none skipped', async () => {
    const queue = new MemoryQueue();
    queue.sync(0); // sent before: the server may have applied them
    for (let p = 1; p <= 3; p++) queue.append({ type: 'progress', instrument: 'potensi', percent: p });
    const { server, agent } = await setup({ queue });
    server.state.helloLastApplied = 1; // hello claims 1 applied, the event store actually has none
    const warned = new Promise((r) => agent.once('warning', r));
    await agent.start();
    await until(() => agent.pendingCount === 0);
    expect(await warned).toMatch(/renumbered/);
    // events 2 and 3 arrive as 1 and 2, in order; event 1 was claimed applied by the server's hello
    expect(server.state.log.map((e) => [e.seq, (e as { percent: number }).percent])).toEqual([
      [1, 2],
      [2, 3]
    ]);
  });

  it('answers a server probe with a probe-result', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    server.ns.emit('station:probe', { id: 'p1', bytes: 50_000 });
    await until(() => server.state.probeResults.length === 1);
    expect(server.state.probeResults[0]).toEqual({ v: 1, id: 'p1', kbps: 4321, bytes: 50_000, ms: 10 });
    expect(agent.status().lastKbps).toBe(4321);
  });

  it('keeps retrying (without throwing) when the server refuses the token', async () => {
    const { server, agent } = await setup({ token: 'bad' });
    const warnings: string[] = [];
    agent.on('warning', (m) => warnings.push(m));
    await agent.start();
    await until(() => warnings.filter((w) => /refused/.test(w)).length >= 2, 8000);
    expect(agent.connected).toBe(false);
    expect(server.state.connections).toBe(0);
  });
});

describe('httpProbe', () => {
  it('downloads the requested bytes with the station token and reports kbps = bits / ms', async () => {
    const { server } = await setup();
    const r = await httpProbe(server.url, 'good', 200_000);
    expect(r.bytes).toBe(200_000);
    expect(r.ms).toBeGreaterThan(0);
    expect(r.kbps).toBeCloseTo((200_000 * 8) / r.ms, 0);
    await expect(httpProbe(server.url, 'bad', 1000)).rejects.toThrow(/401/);
  });
});
