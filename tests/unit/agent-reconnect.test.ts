/**
 * Every reconnect of StationAgent follows our Backoff (jitter after the cap), never socket.io's
 * own schedule (which caps after randomising: a herd after a long outage). Checked from the
 * outside: what a dead server (TCP accepted, then dropped) sees, and how a dropped connection
 * comes back.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent, type StationAgentOptions } from '../../agent/station-agent.ts';
import { cleanupAfterEach, FACTS, until as waitUntil } from '../helpers/agent-kit.ts';


const cleanup = cleanupAfterEach();

const until = (fn: () => unknown, timeoutMs = 5000) => waitUntil(fn, timeoutMs, 10);

function agentFor(url: string, extra: Partial<StationAgentOptions> = {}): StationAgent {
  const agent = new StationAgent({ serverUrl: url, token: 'good', agentVersion: 'test', queue: new MemoryQueue(), facts: async () => FACTS, heartbeatMs: 100, ...extra });
  cleanup.push(() => agent.stop());
  return agent;
}

/** A server that is "down": it accepts TCP and drops it at once, noting when each attempt came. */
async function deadServer() {
  const attempts: number[] = [];
  const server = net.createServer((sock) => {
    attempts.push(performance.now());
    sock.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { attempts, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A minimal /station server: hello and heartbeat acks, and a handle on each connection. */
async function liveServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const state = { connections: 0, at: [] as number[] };
  io.of('/station').on('connection', (socket) => {
    state.connections++;
    state.at.push(performance.now());
    socket.on('station:hello', (_p, ack) =>
      ack({ ok: true, stationId: 7, code: 'A-01', roomId: 1, heartbeatMs: 100, lastApplied: 0, serverTime: Date.now() })
    );
    socket.on('station:heartbeat', (_p, ack) => ack({ ok: true }));
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => io.close(() => r())));
  return { io, state, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
}

describe('StationAgent reconnects', () => {
  it('against a dead server, each attempt waits for our jittered delay, spread at the cap too, and nothing else retries', async () => {
    const server = await deadServer();
    // A fixed cycle of "random" numbers: the delays at the cap must follow it, not sit on maxMs.
    const cycle = [0.9, 0.1, 0.6, 0.3];
    let i = 0;
    const agent = agentFor(server.url, { reconnect: { minMs: 40, maxMs: 160 }, random: () => cycle[i++ % cycle.length] });
    const scheduled: { delay: number; attempt: number; at: number }[] = [];
    agent.on('reconnecting', (delay, attempt) => scheduled.push({ delay, attempt, at: performance.now() }));
    await agent.start();
    await until(() => scheduled.length >= 10);
    await agent.stop();

    expect(scheduled.map((s) => s.attempt)).toEqual(scheduled.map((_, k) => k));
    scheduled.forEach((s, k) => {
      const base = Math.min(160, 40 * 2 ** k);
      expect(s.delay).toBe(Math.round(base * (1 - 0.5 * cycle[k % cycle.length])));
    });
    // At the cap (attempt ≥ 2) the delays still differ: 88, 152, 112, 136 …
    expect(new Set(scheduled.slice(2).map((s) => s.delay)).size).toBe(4);
    // The server saw the first attempt plus one per scheduled delay that ran out — socket.io did
    // not retry on its own — and never before our delay was up.
    expect(server.attempts.length).toBeGreaterThanOrEqual(scheduled.length);
    expect(server.attempts.length).toBeLessThanOrEqual(scheduled.length + 1);
    for (let k = 1; k < server.attempts.length; k++) {
      expect(server.attempts[k] - scheduled[k - 1].at).toBeGreaterThanOrEqual(scheduled[k - 1].delay - 2);
    }
  });

  it('a dropped connection (transport close, server kick) comes back on our schedule within 250–500 ms', async () => {
    const server = await liveServer();
    const agent = agentFor(server.url);
    const scheduled: { delay: number; attempt: number }[] = [];
    agent.on('reconnecting', (delay, attempt) => scheduled.push({ delay, attempt }));
    await agent.start();
    await until(() => agent.connected);

    for (const [n, drop] of [
      [2, () => server.io.of('/station').sockets.forEach((s) => s.conn.close())], // network/transport gone
      [3, () => server.io.of('/station').disconnectSockets(true)] // the server kicked us
    ] as const) {
      const t0 = performance.now();
      drop();
      await until(() => server.state.connections === n && agent.connected, 3000);
      expect(server.state.at[n - 1] - t0).toBeLessThan(1000);
    }
    // One scheduled reconnect per drop, each the first attempt after a success: 250–500 ms.
    expect(scheduled.map((s) => s.attempt)).toEqual([0, 0]);
    for (const s of scheduled) {
      expect(s.delay).toBeGreaterThanOrEqual(250);
      expect(s.delay).toBeLessThanOrEqual(500);
    }
  });
});
