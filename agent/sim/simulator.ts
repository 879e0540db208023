/**
 * A realistic room of station PCs in one process, for the demo and the benchmark. Every station
 * is a real StationAgent with its own socket.io connection and an in-memory queue; only the PC
 * (facts), the network (extra latency, outages, bandwidth) and the exam application (participant
 * events) are simulated.
 *
 * With faults on: RTT spikes over 300 ms, a few stations lose their network for 10–40 s (they keep
 * queuing participant events and replay them on reconnect), a few PCs fail a Lampiran II item,
 * some facts are unknown, a few links are under 500 Kbps, and one participant stalls.
 * benchMode: no faults, no participant events, heartbeats only, starts spread evenly.
 * With a `pin` source each participant types the session PIN (agent.verifyPin) before logging in
 * (Pasal 14(1)i); stations in wrongPinFirst mistype it once. Proctor commands reach the station's
 * ParticipantScript (pause, resume, add_time, end → logout) and its answer is the agent's ack.
 *
 * Cost: one timer per agent (its heartbeat) plus ONE shared loop for all participant scripts and
 * outages, so ~2,500 agents fit in one process (each holds one socket = one file descriptor).
 */
import { stepFreeClock } from '../clock.ts';
import { MemoryQueue } from '../event-queue.ts';
import { StationAgent } from '../station-agent.ts';
import { AGENT_VERSION } from '../version.ts';
import { ParticipantScript } from './participant-script.ts';
import { PinGate } from './pin-gate.ts';
import { latencyModel, probeModel, simulatedFacts } from './profiles.ts';
import { between, stationRng, type Rng } from './rng.ts';

export type SimStation = {
  token: string;
  code: string;
  participant: { nip: string; name: string } | null;
  /** not used by the simulator; handed back to `pin` so one process can simulate several rooms */
  roomId?: number;
};

export type SimulationOptions = {
  serverUrl: string;
  stations: SimStation[];
  /** initial heartbeat; the server's hello ack may change it. Default 2000 */
  heartbeatMs?: number;
  /** simulated seconds per real second. Default 20 (a participant takes ~7–9 real minutes; ~5–6 at 30) */
  timeScale?: number;
  /** default true; ignored (false) in benchMode */
  faults?: boolean;
  /** default 1 */
  seed?: number;
  /** heartbeats only: no faults, no participant events, no simulated latency */
  benchMode?: boolean;
  /** agents start evenly over this many ms. Default heartbeatMs */
  spreadMs?: number;
  /**
   * The session PIN as shown on the room's projector, or null while there is none; asked again
   * every ~2 s until a PIN is shown. When given, a participant must have the PIN accepted before
   * logging in. Receives the station, for a process simulating several rooms (several sessions).
   */
  pin?: (station: SimStation) => string | null | Promise<string | null>;
  /** station codes whose participant first types a wrong PIN once */
  wrongPinFirst?: string[];
  /**
   * A room-wide latency spike (a switch or uplink hiccup) every `everyMs`, lasting `lengthMs`:
   * every simulated link adds 400–900 ms meanwhile, so every station turns degraded and recovers.
   * For measuring the dashboard under a spike (scripts/ui-fps.ts). Off by default.
   */
  spikes?: { everyMs: number; lengthMs: number };
  /** real ms between a participant's progress events [min, max]; default [3000, 6000] (tests ask for less) */
  progressGapMs?: [number, number];
};

export type SimulatedStation = {
  station: SimStation;
  agent: StationAgent;
  script: ParticipantScript | null;
  /** the participant's PIN entry; null without a `pin` option (or without a participant) */
  pinGate: PinGate | null;
};

export type SimulationStats = {
  total: number;
  connected: number;
  pending: number;
  inOutage: number;
  /** waiting = not logged in yet (also while typing the PIN); paused = by a proctor, not counted as testing */
  participants: { waiting: number; testing: number; paused: number; done: number; stalled: number };
  rtt: { p50: number | null; p95: number | null; max: number | null };
  /** times an agent's watchdog forced a reconnect (3 unanswered heartbeats) */
  watchdogTrips: number;
  /** connections after each agent's first one */
  reconnects: number;
};

export type Simulation = {
  stations: SimulatedStation[];
  stats(): SimulationStats;
  stop(): Promise<void>;
};

const LOOP_MS = 500;

export async function startSimulation(opts: SimulationOptions): Promise<Simulation> {
  const heartbeatMs = opts.heartbeatMs ?? 2000;
  const timeScale = opts.timeScale ?? 20;
  const bench = opts.benchMode ?? false;
  const faults = !bench && (opts.faults ?? true);
  const seed = opts.seed ?? 1;
  const spreadMs = opts.spreadMs ?? heartbeatMs;
  const n = opts.stations.length;
  const t0 = Date.now();
  const roomRng = stationRng(seed, -1);

  // Who is unlucky today: late starters, outages, the stalled participant.
  const seated = opts.stations.map((s, i) => (s.participant ? i : -1)).filter((i) => i >= 0);
  const late = new Set(choose(roomRng, seated, Math.max(seated.length >= 8 ? 1 : 0, Math.round(seated.length * 0.08))));
  const stalled = faults && seated.length >= 3 ? choose(roomRng, seated, 1)[0] : -1;
  const outageCount = faults && n >= 4 ? Math.max(1, Math.round(n * 0.05)) : 0;
  const outages = new Map<number, { at: number; ms: number; done: boolean }>();
  for (const i of choose(roomRng, opts.stations.map((_, i) => i), outageCount)) {
    outages.set(i, { at: t0 + between(roomRng, 30_000, 240_000), ms: between(roomRng, 10_000, 40_000), done: false });
  }

  const counters = { watchdogTrips: 0, reconnects: 0 };
  const wrongFirst = new Set(opts.wrongPinFirst ?? []);
  const stations: SimulatedStation[] = opts.stations.map((station, i) => {
    const rng = stationRng(seed, i);
    const facts = simulatedFacts(rng, faults);
    let script: ParticipantScript | null = null;
    const agent = new StationAgent({
      serverUrl: opts.serverUrl,
      token: station.token,
      agentVersion: `${AGENT_VERSION}-sim`,
      heartbeatMs,
      queue: new MemoryQueue(),
      facts: async () => facts,
      rttAdjust: bench ? undefined : withSpikes(latencyModel(rng, faults), rng, opts.spikes, t0),
      probe: probeModel(rng, faults),
      random: rng,
      clock: stepFreeClock(), // each simulated PC is its own process: its own clock epoch
      onCommand: (cmd) => {
        if (!script) return { result: 'refused', message: 'no participant at this station' };
        const { event, ...answer } = script.command(cmd, Date.now());
        if (event) agent.report(event); // logout is on its way before the ack says "applied"
        return answer;
      }
    });
    let everConnected = false;
    agent.on('watchdog', () => counters.watchdogTrips++);
    agent.on('connected', () => {
      if (everConnected) counters.reconnects++;
      everConnected = true;
    });
    let pinGate: PinGate | null = null;
    if (!bench && station.participant) {
      const startAfterMs = late.has(i)
        ? (between(rng, 15, 40) * 60_000) / timeScale // arrives 15–40 simulated minutes late
        : 2000 + (between(rng, 0, 4) * 60_000) / timeScale;
      script = new ParticipantScript(
        {
          nip: station.participant.nip,
          name: station.participant.name,
          timeScale,
          startAfterMs,
          stall: i === stalled ? { instrument: 1, percent: Math.round(between(rng, 30, 70)) } : undefined,
          progressGapMs: opts.progressGapMs
        },
        rng,
        t0
      );
      const pin = opts.pin;
      if (pin) {
        pinGate = new PinGate({
          source: () => pin(station),
          nip: station.participant.nip,
          verify: (p, nip) => agent.verifyPin(p, nip),
          wrongFirst: wrongFirst.has(station.code)
        });
      }
    }
    return { station, agent, script, pinGate };
  });

  // Start evenly over spreadMs so heartbeats (and connects) do not all land in the same millisecond.
  const startTimers = stations.map(({ agent }, i) =>
    setTimeout(() => void agent.start(), n > 1 ? Math.floor((i * spreadMs) / n) : 0)
  );

  // One loop for every participant script and outage in this process.
  const scripted = stations.filter((s) => s.script);
  const loop =
    scripted.length || outages.size
      ? setInterval(() => {
          const now = Date.now();
          for (const { agent, script, pinGate } of scripted) {
            if (!script!.active || now < script!.nextAt || script!.paused) continue;
            // Due to log in: not before the session PIN was accepted.
            if (script!.phase === 'waiting' && pinGate && !pinGate.poll(now)) continue;
            const ev = script!.step(now);
            if (ev) agent.report(ev);
          }
          for (const [i, o] of outages) {
            if (!o.done && now >= o.at) {
              o.done = true;
              stations[i].agent.simulateOutage(o.ms);
            }
          }
        }, LOOP_MS)
      : null;

  return {
    stations,
    stats: () => ({ ...stats(stations, outages), ...counters }),
    stop: async () => {
      startTimers.forEach(clearTimeout);
      if (loop) clearInterval(loop);
      await Promise.all(stations.map((s) => s.agent.stop()));
    }
  };
}

function withSpikes(model: (ms: number) => number, rng: Rng, spikes: SimulationOptions['spikes'], t0: number): (ms: number) => number {
  if (!spikes || spikes.everyMs <= 0) return model;
  return (measured) => {
    const into = (Date.now() - t0) % spikes.everyMs;
    return into >= spikes.everyMs - spikes.lengthMs ? measured + between(rng, 400, 900) : model(measured);
  };
}

function choose<T>(rng: Rng, items: T[], k: number): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.max(0, Math.min(k, copy.length)));
}

function stats(stations: SimulatedStation[], outages: Map<number, { at: number; ms: number }>): Omit<SimulationStats, 'watchdogTrips' | 'reconnects'> {
  const now = Date.now();
  const rtts: number[] = [];
  const participants = { waiting: 0, testing: 0, paused: 0, done: 0, stalled: 0 };
  let connected = 0;
  let pending = 0;
  for (const { agent, script } of stations) {
    if (agent.connected) {
      connected++;
      if (agent.lastRtt !== null) rtts.push(agent.lastRtt);
    }
    pending += agent.pendingCount;
    if (script) {
      if (script.phase === 'waiting') participants.waiting++;
      else if (script.phase === 'done') participants.done++;
      else if (script.paused) participants.paused++;
      else if (script.phase === 'stalled') participants.stalled++;
      else participants.testing++;
    }
  }
  rtts.sort((a, b) => a - b);
  const q = (p: number) => (rtts.length ? rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] : null);
  let inOutage = 0;
  for (const o of outages.values()) if (now >= o.at && now < o.at + o.ms) inOutage++;
  return {
    total: stations.length,
    connected,
    pending,
    inOutage,
    participants,
    rtt: { p50: q(0.5), p95: q(0.95), max: rtts.length ? rtts[rtts.length - 1] : null }
  };
}
