/**
 * A queue line lost after its event reached the server (torn last line, a disk that dropped an
 * fsync'd write) must not make the agent reuse that number for a new event: the server would
 * answer lastApplied ≥ it and the new event would be dropped as "already applied" — lost.
 * Checked on the queue (sync after recovery) and end to end with an agent and a /station server
 * that applies exactly once (seq ≤ applied is skipped as a replay, like the real one).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { beforeEach, describe, expect, it } from 'vitest';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import type { ParticipantEvent } from '../../protocol/index.ts';
import { cleanupAfterEach, FACTS, until } from '../helpers/agent-kit.ts';

const progress = (percent: number) => ({ type: 'progress' as const, instrument: 'potensi' as const, percent });
const pct = (e: ParticipantEvent) => (e as { percent?: number }).percent ?? e.type;

let dir: string;
const cleanup = cleanupAfterEach();
beforeEach(() => {
  const own = (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-torn-')));
  cleanup.unshift(() => fs.rmSync(own, { recursive: true, force: true })); // last, once the agents are stopped
});

/** Cut the log's last line in half, as a crash (or a disk losing the write) would leave it. */
function tearLastLine(): void {
  const file = path.join(dir, 'events.jsonl');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.lastIndexOf('\n', text.length - 2) + 1;
  fs.truncateSync(file, start + Math.floor((text.length - start) / 2));
}

describe('DurableQueue after a torn tail', () => {
  it('renumbers a new event after lastApplied instead of dropping it, even across another restart', () => {
    const q = DurableQueue.open(dir);
    q.sync(0); // hello of a new stream
    for (let p = 1; p <= 3; p++) q.append(progress(p));
    q.ack(2); // meta.json now says nextSeq 4
    q.append(progress(4)); // 3 and 4 sent and applied; the crash came before their ack
    q.close();
    tearLastLine(); // event 4's line is lost

    const q2 = DurableQueue.open(dir);
    expect(q2.recovery.tornTail).toBe(true);
    expect(q2.pending().map(pct)).toEqual([3]);
    expect(q2.append(progress(50)).seq).toBe(4); // the number the server already has
    q2.close();

    const q3 = DurableQueue.open(dir); // restarted again before reaching the server
    expect(q3.sync(4)).toBe(true); // hello: lastApplied 4
    expect(q3.pending().map((e) => [e.seq, pct(e)])).toEqual([[5, 50]]); // 3 was applied, 50 follows
    expect(q3.append(progress(60)).seq).toBe(6);
    q3.close();
    const q4 = DurableQueue.open(dir);
    expect(q4.unsentFrom).toBe(7); // the sync was durable: 5 may have been sent now
    expect(q4.pending().map((e) => [e.seq, pct(e)])).toEqual([[5, 50], [6, 60]]);
    q4.close();
  });

  it('still drops replayed events the server really applied, and keeps (without renumbering) what follows', () => {
    const q = DurableQueue.open(dir);
    q.sync(0);
    for (let p = 1; p <= 5; p++) q.append(progress(p));
    q.ack(2);
    q.close();

    const q2 = DurableQueue.open(dir); // clean restart: 3, 4, 5 may have been sent
    q2.append(progress(60)); // 6, taken while offline
    expect(q2.sync(4)).toBe(false); // server applied up to 4
    expect(q2.pending().map((e) => [e.seq, pct(e)])).toEqual([[5, 5], [6, 60]]);
    q2.close();
  });
});

/** /station server that applies each seq once; `ackEvents: false` stores a batch but never answers (a crash before the ack). */
async function stationServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const state = { applied: new Map<string, number>(), log: [] as ParticipantEvent[], ackEvents: true };
  io.of('/station').on('connection', (socket) => {
    socket.on('station:hello', (p, ack) =>
      ack({ ok: true, stationId: 7, code: 'A-01', roomId: 1, heartbeatMs: 100, lastApplied: state.applied.get(p.stream) ?? 0, serverTime: Date.now() })
    );
    socket.on('station:heartbeat', (_p, ack) => ack({ ok: true }));
    socket.on('station:events', (p: { stream: string; events: ParticipantEvent[] }, ack) => {
      let applied = state.applied.get(p.stream) ?? 0;
      for (const e of p.events) {
        if (e.seq <= applied) continue; // a replay: already applied
        if (e.seq !== applied + 1) return ack({ ok: false, code: 'SEQ_GAP', message: 'gap', expected: applied + 1 });
        state.log.push(e);
        applied = e.seq;
      }
      state.applied.set(p.stream, applied);
      if (state.ackEvents) ack({ ok: true, applied });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => io.close(() => r())));
  return { state, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
}


function agentOn(url: string, queue: DurableQueue): StationAgent {
  const agent = new StationAgent({ serverUrl: url, token: 'good', agentVersion: 'test', queue, facts: async () => FACTS, heartbeatMs: 100 });
  cleanup.push(() => agent.stop());
  return agent;
}

describe('StationAgent after a torn queue tail', () => {
  it('an event reported after the restart reaches the server (once), though its first number was taken', async () => {
    const server = await stationServer();
    const q1 = DurableQueue.open(dir);
    const a1 = agentOn(server.url, q1);
    await a1.start();
    await until(() => a1.connected);
    a1.report(progress(1));
    a1.report(progress(2));
    await until(() => q1.acked === 2);
    server.state.ackEvents = false; // the server stores 3 and 4, the agent crashes before the ack
    q1.append(progress(3)); // (straight into the queue: the next heartbeat tick sends both in one batch)
    q1.append(progress(4));
    await until(() => server.state.applied.get(q1.stream) === 4);
    await a1.stop();
    q1.close();
    tearLastLine(); // … and the crash tore event 4's line

    const q2 = DurableQueue.open(dir);
    expect(q2.recovery.tornTail).toBe(true);
    server.state.ackEvents = true;
    const a2 = agentOn(server.url, q2);
    expect(q2.pending().map(pct)).toEqual([3]);
    a2.report({ type: 'finished' }); // while still offline: gets number 4 again
    await a2.start();
    await until(() => a2.connected && a2.pendingCount === 0);
    expect(server.state.log.map((e) => [e.seq, pct(e)])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 'finished']]);
    q2.close();
  });
});
