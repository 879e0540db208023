/**
 * The agent's step-free clock (agent/clock.ts) and what the agent sends with it: when NTP steps
 * the PC's clock while events wait in the queue, every event must still be on the same clock as
 * the heartbeats that share its `clk`, so the server's per-epoch offset puts it at its true time.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { stepFreeClock } from '../../agent/clock.ts';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { type ParticipantEvent } from '../../protocol/index.ts';
import { clockEpochSchema } from '../../protocol/schemas/index.ts';
import { cleanupAfterEach, FACTS, until as waitUntil } from '../helpers/agent-kit.ts';

const NIP = '198501012010011001';
const HOUR = 3_600_000;

const cleanup = cleanupAfterEach();

/** Real time for the referee and the server; never stepped. */
const trueNow = () => performance.timeOrigin + performance.now();

const until = (fn: () => unknown, timeoutMs = 8000) => waitUntil(fn, timeoutMs, 20);

describe('stepFreeClock', () => {
  it('ignores a step of the wall clock; fromWall moves a wall time onto it', () => {
    let wall = 1_760_000_000_000;
    let mono = 5000;
    const clock = stepFreeClock({ wall: () => wall, mono: () => mono });
    wall += 1000;
    mono += 1000;
    expect(clock.now()).toBe(1_760_000_001_000);
    expect(clock.fromWall(wall - 200)).toBe(1_760_000_000_800);
    wall += HOUR; // NTP steps the PC's clock an hour forward
    mono += 500;
    expect(clock.now()).toBe(1_760_000_001_500);
    expect(clock.fromWall(wall)).toBe(1_760_000_001_500); // the exam application's Date.now(), moved back
    expect(clockEpochSchema.safeParse(clock.clk).success).toBe(true);
    expect(stepFreeClock().clk).not.toBe(clock.clk); // a new epoch per clock (process start)
  });
});

/** /station server that notes what it received and when (on the true clock). */
async function recordingServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  type Timed = { t: number; clk?: string; rttMs?: number | null; recv: number };
  const state = { hellos: [] as Timed[], heartbeats: [] as Timed[], events: [] as ParticipantEvent[], applied: 0 };
  io.of('/station').on('connection', (socket) => {
    socket.on('station:hello', (p, ack) => {
      state.hellos.push({ ...p, recv: trueNow() });
      ack({ ok: true, stationId: 7, code: 'A-01', roomId: 1, heartbeatMs: 100, lastApplied: state.applied, serverTime: Date.now() });
    });
    socket.on('station:heartbeat', (p, ack) => {
      state.heartbeats.push({ ...p, recv: trueNow() });
      ack({ ok: true });
    });
    socket.on('station:events', (p: { events: ParticipantEvent[] }, ack) => {
      for (const e of p.events) if (e.seq === state.applied + 1) (state.events.push(e), state.applied++);
      ack({ ok: true, applied: state.applied });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => io.close(() => r())));
  return { state, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
}

describe('StationAgent on its step-free clock', () => {
  it('events queued before an NTP step of +1 h keep times consistent with the heartbeats of their clk', async () => {
    // The PC's wall clock: real time until NTP steps it.
    const realNow = Date.now;
    let step = 0;
    Date.now = () => realNow() + step;
    cleanup.push(() => void (Date.now = realNow));

    const server = await recordingServer();
    const clock = stepFreeClock();
    const agent = new StationAgent({ serverUrl: server.url, token: 'good', agentVersion: 'test', queue: new MemoryQueue(), facts: async () => FACTS, heartbeatMs: 100, clock });
    cleanup.push(() => agent.stop());
    await agent.start();
    await until(() => agent.connected && server.state.heartbeats.length >= 3);

    agent.simulateOutage(1500); // offline: the events wait in the queue
    const taken: { type: string; at: number }[] = [];
    const report = (e: Parameters<StationAgent['report']>[0]) => (agent.report(e), taken.push({ type: e.type, at: trueNow() }));
    report({ type: 'login', nip: NIP });
    report({ type: 'instrument', instrument: 'potensi', at: Date.now() }); // `at` from the exam application
    await new Promise((r) => setTimeout(r, 200));
    step = HOUR; // NTP corrects the clock while the PC is offline
    report({ type: 'progress', instrument: 'potensi', percent: 10 });
    report({ type: 'progress', instrument: 'potensi', percent: 20, at: Date.now() });
    const before = server.state.heartbeats.length;
    await until(() => server.state.hellos.length >= 2 && server.state.events.length === 4 && server.state.heartbeats.length >= before + 3);

    // The offset the server measures from the heartbeats (receipt − t − rtt/2) did not move with the step …
    const offsets = server.state.heartbeats.map((h) => h.recv - h.t - (h.rttMs ?? 0) / 2);
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThan(150);
    // … so each event, moved with it, lands at the time it was really taken, before the step or after,
    const offset = offsets.sort((a, b) => a - b)[Math.floor(offsets.length / 2)];
    server.state.events.forEach((e, i) => {
      expect(e.type).toBe(taken[i].type);
      expect(Math.abs(e.at + offset - taken[i].at)).toBeLessThan(150);
    });
    // … and all of it names the one clock epoch it is on.
    for (const x of [...server.state.hellos, ...server.state.heartbeats, ...server.state.events]) expect(x.clk).toBe(clock.clk);
  });

  it('a queued event keeps the clk it was taken with across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-clk-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const first = stepFreeClock();
    const q1 = DurableQueue.open(dir);
    const a1 = new StationAgent({ serverUrl: 'http://127.0.0.1:9', token: 'good', agentVersion: 'test', queue: q1, facts: async () => FACTS, clock: first });
    const ev = a1.report({ type: 'finished' }); // never started: stays queued
    expect(ev.clk).toBe(first.clk);
    q1.close();

    const q2 = DurableQueue.open(dir); // the next process: a new clock epoch, the old event keeps its own
    expect(q2.pending()).toEqual([ev]);
    q2.close();
  });
});
