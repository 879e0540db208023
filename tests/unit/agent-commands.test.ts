/**
 * Proctor commands (pause, resume, add time, end) from the station's side: the agent hands each
 * command id to its handler once and acknowledges it, the exam bridge lets an exam application
 * answer, and simulated participants obey. The server is a small in-test socket.io server that
 * follows the /station contract for station:command and station:command-ack; it re-sends
 * unacknowledged commands after each hello only when a test asks it to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { CommandDesk } from '../../agent/command-desk.ts';
import { startExamBridge } from '../../agent/exam-bridge.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { ParticipantScript } from '../../agent/sim/participant-script.ts';
import { mulberry32 } from '../../agent/sim/rng.ts';
import { startSimulation } from '../../agent/sim/simulator.ts';
import { StationAgent, type CommandHandler } from '../../agent/station-agent.ts';
import type { CommandAckPayload, ParticipantEvent, ParticipantEventInput, StationCommand } from '../../protocol/index.ts';
import { cleanupAfterEach, FACTS, sleep, until } from '../helpers/agent-kit.ts';

const NIP = '198501012010011001';
const OTHER_NIP = '199002152015032002';

const cmd = (id: number, kind: StationCommand['kind'], nip = NIP, minutes: number | null = null): StationCommand => ({
  id, kind, nip, minutes, reason: kind === 'add_time' ? 'listrik padam 10 menit' : null, requestedAt: Date.now()
});

async function fakeServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const state = {
    /** re-send these after every hello, as the real server does with unacknowledged commands */
    resend: [] as StationCommand[],
    /** answer command acks (false: swallow them, as a connection dying mid-ack would) */
    answerAcks: true,
    acks: [] as { conn: number; ack: CommandAckPayload }[],
    connections: 0,
    events: [] as { at: number; event: ParticipantEvent }[],
    applied: new Map<string, number>(),
    socket: null as Socket | null
  };
  const ns = io.of('/station');
  ns.on('connection', (socket) => {
    const conn = ++state.connections;
    state.socket = socket;
    socket.on('station:hello', (p, ack) => {
      ack({ ok: true, stationId: 7, code: 'A-01', roomId: 1, heartbeatMs: 200, lastApplied: state.applied.get(p.stream) ?? 0, serverTime: Date.now() });
      for (const c of state.resend) socket.emit('station:command', c);
    });
    socket.on('station:heartbeat', (_p, ack) => ack({ ok: true }));
    socket.on('station:events', (p: { stream: string; events: ParticipantEvent[] }, ack) => {
      let applied = state.applied.get(p.stream) ?? 0;
      for (const e of p.events) {
        if (e.seq !== applied + 1) continue;
        state.events.push({ at: Date.now(), event: e });
        applied = e.seq;
      }
      state.applied.set(p.stream, applied);
      ack({ ok: true, applied });
    });
    socket.on('station:command-ack', (p: CommandAckPayload, ack) => {
      state.acks.push({ conn, ack: p });
      if (state.answerAcks) ack({ ok: true });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const send = (c: StationCommand) => state.socket!.emit('station:command', c);
  return { io, state, url, send, close: () => new Promise<void>((r) => io.close(() => r())) };
}


const cleanup = cleanupAfterEach();

async function setup(onCommand?: CommandHandler) {
  const server = await fakeServer();
  const agent = new StationAgent({
    serverUrl: server.url, token: 'good', agentVersion: 'test', queue: new MemoryQueue(), facts: async () => FACTS, heartbeatMs: 200, onCommand
  });
  cleanup.push(server.close, () => agent.stop());
  await agent.start();
  await until(() => agent.connected);
  return { server, agent };
}

describe('StationAgent commands', () => {
  it('hands a command to the handler and acknowledges its answer', async () => {
    const seen: StationCommand[] = [];
    const { server, agent } = await setup(async (c) => {
      seen.push(c);
      return c.nip === NIP ? { result: 'applied' } : { result: 'refused', message: 'another participant is logged in' };
    });
    const reported: unknown[] = [];
    agent.on('command', (c, r) => reported.push([c.id, r.result]));
    server.send(cmd(1, 'add_time', NIP, 10));
    server.send(cmd(2, 'pause', OTHER_NIP));
    await until(() => server.state.acks.length === 2);
    expect(seen.map((c) => [c.id, c.kind, c.minutes])).toEqual([[1, 'add_time', 10], [2, 'pause', null]]);
    expect(server.state.acks.map((a) => a.ack)).toEqual([
      { v: 1, id: 1, result: 'applied' },
      { v: 1, id: 2, result: 'refused', message: 'another participant is logged in' }
    ]);
    expect(reported).toEqual([[1, 'applied'], [2, 'refused']]);
    await until(() => agent.unconfirmedCommandAcks.length === 0);
  });

  it('a re-sent id is acknowledged again with the same answer, never applied twice', async () => {
    let applied = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { server } = await setup(async () => {
      applied++;
      await gate; // the exam application is slow to answer
      return { result: 'applied' };
    });
    server.send(cmd(5, 'pause'));
    server.send(cmd(5, 'pause')); // repeat while the handler works: ignored
    await sleep(200);
    expect(applied).toBe(1);
    expect(server.state.acks).toEqual([]);
    release();
    await until(() => server.state.acks.length === 1);
    server.send(cmd(5, 'pause')); // the server did not see the ack: asks again
    await until(() => server.state.acks.length === 2);
    expect(applied).toBe(1);
    expect(server.state.acks.map((a) => a.ack)).toEqual([
      { v: 1, id: 5, result: 'applied' },
      { v: 1, id: 5, result: 'applied' }
    ]);
  });

  it('sends an unconfirmed ack again after the next hello', async () => {
    let applied = 0;
    const { server, agent } = await setup(() => (applied++, { result: 'applied' }));
    server.state.answerAcks = false; // the ack reaches the server, its confirmation never comes back
    server.send(cmd(9, 'end'));
    await until(() => server.state.acks.length === 1);
    expect(agent.unconfirmedCommandAcks).toEqual([9]);
    server.state.answerAcks = true;
    server.state.socket!.disconnect(true); // the connection drops; the agent reconnects by itself
    await until(() => server.state.acks.length === 2, 8000);
    expect(server.state.acks.map((a) => [a.conn, a.ack.id, a.ack.result])).toEqual([[1, 9, 'applied'], [2, 9, 'applied']]);
    await until(() => agent.unconfirmedCommandAcks.length === 0);
    expect(applied).toBe(1);
  });

  it('a handler that throws leaves the command unanswered; the re-send after a hello gets another try', async () => {
    let calls = 0;
    const { server, agent } = await setup(() => {
      if (++calls === 1) throw new Error('exam application busy');
      return { result: 'applied' };
    });
    const warnings: string[] = [];
    agent.on('warning', (m) => warnings.push(m));
    server.state.resend = [cmd(3, 'resume')];
    server.send(cmd(3, 'resume'));
    await until(() => warnings.some((w) => /busy/.test(w)));
    expect(server.state.acks).toEqual([]);
    server.state.socket!.disconnect(true);
    await until(() => server.state.acks.length === 1, 8000);
    expect(server.state.acks[0].ack).toEqual({ v: 1, id: 3, result: 'applied' });
    expect(calls).toBe(2);
  });

  it('without a handler every command is refused, with a reason', async () => {
    const { server } = await setup();
    server.send(cmd(4, 'pause'));
    await until(() => server.state.acks.length === 1);
    expect(server.state.acks[0].ack).toMatchObject({ id: 4, result: 'refused', message: expect.stringMatching(/no exam application/) });
  });
});

describe('exam bridge /commands', () => {
  it('lists the commands waiting for the exam application and turns its answer into the ack', async () => {
    const desk = new CommandDesk();
    const { server, agent } = await setup(desk.handle);
    const bridge = await startExamBridge({ port: 0, report: (e) => agent.report(e), status: () => agent.status(), commands: desk });
    cleanup.push(() => bridge.close());
    const base = `http://127.0.0.1:${bridge.port}`;
    const ack = (body: unknown) => fetch(`${base}/commands/ack`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect(await (await fetch(`${base}/commands`)).json()).toEqual({ ok: true, commands: [] });
    server.send(cmd(11, 'pause'));
    server.send(cmd(12, 'add_time', NIP, 15));
    await until(() => desk.list().length === 2);
    server.send(cmd(11, 'pause')); // a repeat is not listed twice
    await sleep(100);
    const listed = (await (await fetch(`${base}/commands`)).json()) as { commands: StationCommand[] };
    expect(listed.commands.map((c) => [c.id, c.kind, c.nip, c.minutes])).toEqual([[11, 'pause', NIP, null], [12, 'add_time', NIP, 15]]);

    let res = await ack({ id: 12, result: 'refused', message: 'peserta sudah selesai' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    res = await ack({ id: 11, result: 'applied' });
    expect(res.status).toBe(200);
    await until(() => server.state.acks.length === 2);
    expect(server.state.acks.map((a) => a.ack)).toEqual([
      { v: 1, id: 12, result: 'refused', message: 'peserta sudah selesai' },
      { v: 1, id: 11, result: 'applied' }
    ]);
    expect(await (await fetch(`${base}/commands`)).json()).toEqual({ ok: true, commands: [] });

    res = await ack({ id: 11, result: 'applied' }); // already answered
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ack({ id: 999, result: 'applied' })).status).toBe(404);
    for (const bad of [{ id: 'x', result: 'applied' }, { id: 11, result: 'maybe' }, { id: 11 }]) {
      const r = await ack(bad);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'INVALID_PAYLOAD' });
    }
    expect((await fetch(`${base}/commands`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/commands/ack`)).status).toBe(405);
    // a re-sent, already answered command is acknowledged by the agent without asking the exam application
    server.send(cmd(11, 'pause'));
    await until(() => server.state.acks.length === 3);
    expect(desk.list()).toEqual([]);
  });
});

describe('ParticipantScript commands (virtual clock)', () => {
  const SCALE = 600;
  const start = (stall?: { instrument: number; percent: number }) =>
    new ParticipantScript({ nip: NIP, name: 'Budi', timeScale: SCALE, startAfterMs: 0, stall }, mulberry32(7), 0);
  const run = (s: ParticipantScript, from: number, to: number) => {
    const out: ParticipantEventInput[] = [];
    for (let now = from; now <= to; now += 100) {
      const ev = s.step(now);
      if (ev) out.push(ev);
    }
    return out;
  };

  it('pause: no events and the clock stands still; resume continues where it stopped', () => {
    const a = start();
    const b = start(); // same seed: the same participant without the pause
    const evA = run(a, 0, 5000);
    const evB = run(b, 0, 5000);
    expect(evA).toEqual(evB);
    expect(a.phase).toBe('instrument');
    expect(a.command(cmd(1, 'pause'), 5000)).toEqual({ result: 'applied' });
    expect(a.command(cmd(2, 'pause'), 5100)).toMatchObject({ result: 'refused', message: 'already paused' });
    expect(run(a, 5100, 65_000)).toEqual([]); // a minute of real time, nothing sent
    expect(a.command(cmd(3, 'resume'), 65_000)).toEqual({ result: 'applied' });
    expect(a.command(cmd(4, 'resume'), 65_000)).toMatchObject({ result: 'refused', message: 'not paused' });
    // After the pause A does exactly what B did, 60 s later.
    const after = run(a, 65_100, 125_000).map((e) => ({ ...e, at: e.at! - 60_000 }));
    const bAfter = run(b, 5100, 65_000);
    expect(after.length).toBeGreaterThan(3);
    expect(after).toEqual(bAfter);
  });

  it('add_time is noted, end sends logout and stops, another NIP or no login yet is refused', () => {
    const s = new ParticipantScript({ nip: NIP, name: null, timeScale: SCALE, startAfterMs: 1000 }, mulberry32(2), 0);
    expect(s.command(cmd(1, 'pause'), 0)).toMatchObject({ result: 'refused', message: expect.stringMatching(/not logged in/) });
    run(s, 0, 3000);
    expect(s.command(cmd(2, 'add_time', OTHER_NIP, 5), 3000)).toMatchObject({ result: 'refused', message: expect.stringMatching(OTHER_NIP) });
    expect(s.command(cmd(3, 'add_time', NIP, 10), 3000)).toEqual({ result: 'applied' });
    expect(s.extraMin).toBe(10);
    expect(s.command(cmd(4, 'end'), 3100)).toEqual({ result: 'applied', event: { type: 'logout', at: 3100 } });
    expect(s.phase).toBe('done');
    expect(run(s, 3200, 60_000)).toEqual([]);
    expect(s.command(cmd(5, 'resume'), 60_000)).toMatchObject({ result: 'refused' });
  });
});

describe('simulated station obeys proctor commands', () => {
  it('pause stops progress events, resume restarts them, end sends logout', async () => {
    const server = await fakeServer();
    cleanup.push(server.close);
    const sim = await startSimulation({
      serverUrl: server.url,
      stations: [{ token: 'good', code: 'A-01', participant: { nip: NIP, name: 'Budi' } }],
      heartbeatMs: 200,
      timeScale: 600, // an instrument lasts 6–8 s
      progressGapMs: [200, 400], // progress every 0.2–0.4 s instead of the usual 3–6 s
      faults: false,
      seed: 4
    });
    cleanup.push(() => sim.stop());
    const types = () => server.state.events.map((e) => e.event.type);
    const ackOf = (id: number) => server.state.acks.find((a) => a.ack.id === id)?.ack;
    await until(() => types().includes('progress'), 15_000);

    server.send(cmd(21, 'pause', OTHER_NIP)); // not this station's participant
    server.send(cmd(22, 'pause'));
    await until(() => ackOf(22));
    expect(ackOf(21)).toMatchObject({ result: 'refused', message: expect.stringMatching(OTHER_NIP) });
    expect(ackOf(22)).toEqual({ v: 1, id: 22, result: 'applied' });
    expect(sim.stats().participants).toMatchObject({ paused: 1, testing: 0 });
    const pausedCount = server.state.events.length;
    // past the moment its next event was due, and one turn of the simulator's 500 ms loop more
    const script = sim.stations[0].script!;
    expect(script.nextAt - Date.now()).toBeLessThan(3000);
    await sleep(Math.max(0, script.nextAt - Date.now()) + 600);
    expect(server.state.events.length).toBe(pausedCount);

    server.send(cmd(23, 'resume'));
    await until(() => ackOf(23));
    expect(ackOf(23)).toMatchObject({ result: 'applied' });
    await until(() => server.state.events.length > pausedCount, 8000);
    expect(sim.stats().participants).toMatchObject({ paused: 0, testing: 1 });

    server.send(cmd(24, 'add_time', NIP, 10));
    server.send(cmd(25, 'end'));
    await until(() => ackOf(25));
    expect(ackOf(24)).toMatchObject({ result: 'applied' });
    await until(() => types().at(-1) === 'logout');
    const ended = server.state.events.length;
    expect(sim.stats().participants).toMatchObject({ done: 1 });
    await sleep(1000); // two turns of the simulator's loop
    expect(server.state.events.length).toBe(ended); // nothing after logout
    expect(types()).not.toContain('finished');
  });
});
