/**
 * Session PIN entry (Pasal 14(1)i) from the station's side: StationAgent.verifyPin, the exam
 * bridge's POST /pin, and simulated participants who must type the PIN before logging in.
 * The server is a small in-test socket.io server that follows the /station contract for
 * station:pin-verify (3 wrong PINs lock the station); the real server's PIN rules are tested with it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../agent/event-queue.ts';
import { startExamBridge } from '../../agent/exam-bridge.ts';
import { mistyped } from '../../agent/sim/pin-gate.ts';
import { startSimulation } from '../../agent/sim/simulator.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { PIN_ALPHABET, type ParticipantEvent, type PinVerifyAck, type PinVerifyPayload } from '../../protocol/index.ts';
import { cleanupAfterEach, FACTS, until } from '../helpers/agent-kit.ts';

const NIP = '198501012010011001';
const NIP2 = '199002152015032002';
const PIN = 'K7MPRX';

type LogEntry = { token: string; kind: 'pin'; pin: string; nip: string | null; valid: boolean } | { token: string; kind: 'event'; event: ParticipantEvent };

async function fakeServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const state = {
    pin: PIN as string | null,
    /** the proctor has started the test; before that every PIN is answered not_started */
    started: true,
    /** not_started answers given */
    notStarted: 0,
    /** answer pin-verify at all (false: drop the connection instead, as a crashing server would) */
    dropOnPin: false,
    failures: new Map<string, number>(),
    log: [] as LogEntry[],
    applied: new Map<string, number>()
  };
  const ns = io.of('/station');
  ns.on('connection', (socket) => {
    const token = String(socket.handshake.auth?.token);
    socket.on('station:hello', (p, ack) => {
      ack({ ok: true, stationId: 7, code: token, roomId: 1, heartbeatMs: 200, lastApplied: state.applied.get(p.stream) ?? 0, serverTime: Date.now() });
    });
    socket.on('station:heartbeat', (_p, ack) => ack({ ok: true }));
    socket.on('station:events', (p: { stream: string; events: ParticipantEvent[] }, ack) => {
      let applied = state.applied.get(p.stream) ?? 0;
      for (const e of p.events) {
        if (e.seq !== applied + 1) continue;
        state.log.push({ token, kind: 'event', event: e });
        applied = e.seq;
      }
      state.applied.set(p.stream, applied);
      ack({ ok: true, applied });
    });
    socket.on('station:pin-verify', (p: PinVerifyPayload, ack: (r: PinVerifyAck) => void) => {
      if (state.dropOnPin) return void socket.disconnect(true);
      const failures = state.failures.get(token) ?? 0;
      if (failures >= 3) return ack({ ok: true, valid: false, outcome: 'locked', attemptsLeft: 0, lockedUntil: Date.now() + 300_000 });
      if (!state.started) {
        state.notStarted++;
        return ack({ ok: true, valid: false, outcome: 'not_started', attemptsLeft: 3 - failures, lockedUntil: null });
      }
      if (!state.pin) return ack({ ok: true, valid: false, outcome: 'no_pin', attemptsLeft: 3 - failures, lockedUntil: null });
      const valid = p.pin.toUpperCase() === state.pin;
      state.log.push({ token, kind: 'pin', pin: p.pin, nip: p.nip ?? null, valid });
      if (valid) {
        state.failures.set(token, 0);
        return ack({ ok: true, valid: true, outcome: 'ok', attemptsLeft: 3, lockedUntil: null });
      }
      state.failures.set(token, failures + 1);
      ack({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 2 - failures, lockedUntil: failures + 1 >= 3 ? Date.now() + 300_000 : null });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { io, state, url, close: () => new Promise<void>((r) => io.close(() => r())) };
}


const cleanup = cleanupAfterEach();

async function setup() {
  const server = await fakeServer();
  const agent = new StationAgent({ serverUrl: server.url, token: 'A-01', agentVersion: 'test', queue: new MemoryQueue(), facts: async () => FACTS, heartbeatMs: 200 });
  cleanup.push(server.close, () => agent.stop());
  return { server, agent };
}

describe('StationAgent.verifyPin', () => {
  it('answers NOT_READY at once while not connected: the participant is told to wait, not that the PIN is wrong', async () => {
    const { server, agent } = await setup();
    const t = Date.now();
    expect(await agent.verifyPin(PIN, NIP)).toMatchObject({ ok: false, code: 'NOT_READY', message: expect.stringMatching(/not connected/) });
    expect(Date.now() - t).toBeLessThan(500);
    expect(server.state.log).toEqual([]);
  });

  it('round trip: the right PIN is valid, a wrong one is counted, and the server sees the NIP', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    expect(await agent.verifyPin(mistyped(PIN), NIP)).toEqual({ ok: true, valid: false, outcome: 'wrong', attemptsLeft: 2, lockedUntil: null });
    expect(await agent.verifyPin(PIN.toLowerCase(), NIP)).toEqual({ ok: true, valid: true, outcome: 'ok', attemptsLeft: 3, lockedUntil: null });
    expect(await agent.verifyPin(PIN)).toMatchObject({ ok: true, valid: true }); // NIP not known yet: omitted
    expect(server.state.log.map((e) => e.kind === 'pin' && [e.pin, e.nip])).toEqual([
      [mistyped(PIN), NIP],
      [PIN.toLowerCase(), NIP],
      [PIN, null]
    ]);
  });

  it('refuses an empty PIN or a malformed NIP itself, without asking the server', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    expect(await agent.verifyPin('   ', NIP)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    const r = await agent.verifyPin(PIN, '12345');
    expect(r).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(!r.ok && r.issues?.map((i) => i.path)).toContain('nip');
    expect(server.state.log).toEqual([]);
  });

  it('answers NOT_READY when the connection drops while the server is checking', async () => {
    const { server, agent } = await setup();
    await agent.start();
    await until(() => agent.connected);
    server.state.dropOnPin = true;
    const t = Date.now();
    expect(await agent.verifyPin(PIN, NIP)).toMatchObject({ ok: false, code: 'NOT_READY' });
    expect(Date.now() - t).toBeLessThan(3000); // not the 8 s timeout: socket.io fails pending acks on disconnect
  });
});

describe('exam bridge POST /pin', () => {
  it('200 with the verdict when connected, 503 NOT_READY when the agent is offline, 400 for a bad body', async () => {
    const { server, agent } = await setup();
    const bridge = await startExamBridge({
      port: 0,
      report: (e) => agent.report(e),
      status: () => agent.status(),
      verifyPin: (pin, nip) => agent.verifyPin(pin, nip)
    });
    cleanup.push(() => bridge.close());
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${bridge.port}/pin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    let res = await post({ pin: PIN, nip: NIP });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_READY' });

    await agent.start();
    await until(() => agent.connected);
    res = await post({ pin: PIN, nip: NIP });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, valid: true, outcome: 'ok', attemptsLeft: 3, lockedUntil: null });
    res = await post({ pin: 'WRONG1' });
    expect(await res.json()).toMatchObject({ ok: true, valid: false, outcome: 'wrong' });

    for (const bad of [{}, { pin: '' }, { pin: PIN, nip: 'x' }, { pin: PIN, extra: 1 }]) {
      res = await post(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
    const form = await fetch(`http://127.0.0.1:${bridge.port}/pin`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: PIN });
    expect(form.status).toBe(415);
    expect(server.state.log.filter((e) => e.kind === 'pin')).toHaveLength(2);
  });
});

describe('simulated participants and the session PIN', () => {
  it('log in only after the PIN is accepted; a station in wrongPinFirst types one wrong PIN first', async () => {
    const server = await fakeServer();
    cleanup.push(server.close);
    let shown: string | null = null; // nothing on the projector yet
    const sim = await startSimulation({
      serverUrl: server.url,
      stations: [
        { token: 'A-01', code: 'A-01', participant: { nip: NIP, name: 'Budi' } },
        { token: 'A-02', code: 'A-02', participant: { nip: NIP2, name: 'Siti' } }
      ],
      heartbeatMs: 200,
      timeScale: 2000, // everyone is due to log in ~2 s after the start
      faults: false,
      seed: 3,
      pin: () => shown,
      wrongPinFirst: ['A-02']
    });
    cleanup.push(() => sim.stop());

    await new Promise((r) => setTimeout(r, 3000));
    expect(server.state.log.filter((e) => e.kind === 'event')).toEqual([]); // due, but no PIN shown yet
    expect(sim.stats().participants.waiting).toBe(2);
    shown = PIN;
    await until(() => ['A-01', 'A-02'].every((t) => server.state.log.some((e) => e.token === t && e.kind === 'event')), 15_000);

    const story = (token: string) =>
      server.state.log.filter((e) => e.token === token).slice(0, 3).map((e) => (e.kind === 'pin' ? `pin:${e.valid}:${e.nip}` : `event:${e.event.type}`));
    expect(story('A-01').slice(0, 2)).toEqual([`pin:true:${NIP}`, 'event:login']);
    expect(story('A-02')).toEqual([`pin:false:${NIP2}`, `pin:true:${NIP2}`, 'event:login']);
    const a02 = sim.stations.find((s) => s.station.code === 'A-02')!;
    expect(a02.pinGate?.attempts).toBe(2);
    expect(a02.script?.phase).not.toBe('waiting');
  }, 25_000);

  it('the PIN on the projector before "Mulai tes": answered not_started, they keep trying and log in once the test starts', async () => {
    const server = await fakeServer();
    server.state.started = false;
    cleanup.push(server.close);
    const sim = await startSimulation({
      serverUrl: server.url,
      stations: [{ token: 'A-01', code: 'A-01', participant: { nip: NIP, name: 'Budi' } }],
      heartbeatMs: 200,
      timeScale: 2000,
      faults: false,
      seed: 3,
      pin: () => PIN
    });
    cleanup.push(() => sim.stop());
    await until(() => server.state.notStarted >= 2, 15_000);
    expect(server.state.log.filter((e) => e.kind === 'event')).toEqual([]);
    expect(sim.stations[0].pinGate?.lastOutcome).toBe('not_started');
    expect(sim.stats().participants.waiting).toBe(1);
    server.state.started = true;
    await until(() => server.state.log.some((e) => e.kind === 'event' && e.event.type === 'login'), 10_000);
    expect(sim.stations[0].pinGate?.passed).toBe(true);
  }, 30_000);
});

describe('mistyped', () => {
  it('changes the PIN into another PIN of the same alphabet', () => {
    for (const pin of [PIN, 'YYYYYY', '333333', 'k7mprx']) {
      const m = mistyped(pin);
      expect(m).not.toBe(pin.toUpperCase());
      expect(m).toHaveLength(pin.length);
      expect([...m].every((c) => PIN_ALPHABET.includes(c))).toBe(true);
    }
  });
});
