/**
 * A share of the fault run's station PCs in one process: real StationAgents, each with the REAL
 * durable queue (agent/durable-queue.ts, its own directory, fsync'd) and a simulated participant
 * (agent/sim/participant-script.ts: login, instruments, a progress event every 3–6 s), so the
 * events survive this process being SIGKILLed and are replayed by the next start.
 *   node --import tsx tests/faults/agent-proc.ts --server URL --stations FILE.json --dir DIR
 *                                                [--heartbeat 2000] [--seed 1] [--time-scale 20]
 * FILE.json: [{ token, stationId, code, participant: { nip, name } | null }]. Station `code` keeps
 * its queue in DIR/<code>/ (events.jsonl, meta.json) and its ground truth in DIR/<code>/generated.jsonl:
 * one line per event the queue accepted (written right after append() returned, so an event is
 * logged only once it is durable), with the stream and seq it was given.
 *
 * IPC (optional):
 *   { type: 'recovery', code, tornTail, badLines, newStream, created, pending, stream } once per station at start
 *   { type: 'conn', code, up, at }   every hello ack (up: true, `at` = when the ack arrived) and every disconnect
 *   { type: 'status', connected, total, pending, generated } every second
 * { cmd: 'quiesce' }: the participants stop producing events (the end of the run: what is queued drains).
 * SIGTERM / SIGINT / { cmd: 'stop' } / parent gone: stops the agents and closes the queues (exit 0).
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DurableQueue } from '../../agent/durable-queue.ts';
import { ParticipantScript } from '../../agent/sim/participant-script.ts';
import { between, stationRng } from '../../agent/sim/rng.ts';
import { StationAgent } from '../../agent/station-agent.ts';
import { AGENT_VERSION } from '../../agent/version.ts';
import type { StationFacts } from '../../protocol/index.ts';
import { numFlag, parseFlags, stopOnAnySignal } from '../bench/proc.ts';

export type FaultStation = { token: string; stationId: number; code: string; participant: { nip: string; name: string } | null };

const flags = parseFlags(process.argv.slice(2));
const serverUrl = flags.get('server');
const file = flags.get('stations');
const dir = flags.get('dir');
if (!serverUrl || !file || !dir) {
  console.error('agent-proc: --server URL --stations FILE --dir DIR are required');
  process.exit(2);
}
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 100, 600_000);
const seed = numFlag(flags, 'seed', 1, 0);
const timeScale = numFlag(flags, 'time-scale', 20, 0.01);
const stations = JSON.parse(readFileSync(file, 'utf8')) as FaultStation[];

const FACTS: StationFacts = {
  cpuModel: 'Intel Core i5-10400', cpuGhz: 2.9, cpuCores: 6, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired', networkMbps: 1000
};

type Running = { st: FaultStation; agent: StationAgent; queue: DurableQueue; script: ParticipantScript | null; log: string };
const running: Running[] = [];
let generated = 0;
let stopping = false;
let quiesced = false;
process.on('message', (m: { cmd?: string }) => {
  if (m?.cmd === 'quiesce') quiesced = true;
});
const send = (m: object) => {
  try { process.send?.(m); } catch { /* parent gone */ }
};

async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(loop);
  await Promise.all(running.map((r) => r.agent.stop()));
  for (const r of running) r.queue.close();
  process.exit(0);
}
stopOnAnySignal(stop);

// A different stream of randomness for each start of this process: a restarted PC does not replay its first life.
const life = Date.now() % 1_000_000;
const t0 = Date.now();
for (const [i, st] of stations.entries()) {
  const sdir = join(dir, st.code);
  mkdirSync(sdir, { recursive: true });
  const queue = DurableQueue.open(sdir);
  send({ type: 'recovery', code: st.code, ...queue.recovery, pending: queue.pendingCount, stream: queue.stream });
  const rng = stationRng(seed + life, i);
  const agent = new StationAgent({
    serverUrl, token: st.token, agentVersion: `${AGENT_VERSION}-faults`, heartbeatMs, queue, facts: async () => FACTS, random: rng,
    onCommand: () => ({ result: 'refused', message: 'fault run: no commands' })
  });
  agent.on('connected', () => send({ type: 'conn', code: st.code, up: true, at: Date.now() }));
  agent.on('disconnected', () => send({ type: 'conn', code: st.code, up: false, at: Date.now() }));
  const script = st.participant
    ? new ParticipantScript({ nip: st.participant.nip, name: st.participant.name, timeScale, startAfterMs: 1000 + between(rng, 0, 5000) }, rng, t0)
    : null;
  running.push({ st, agent, queue, script, log: join(sdir, 'generated.jsonl') });
}

// starts spread over one heartbeat interval
running.forEach((r, i) => setTimeout(() => void r.agent.start(), Math.floor((i * heartbeatMs) / Math.max(1, running.length))));

const loop = setInterval(() => {
  if (quiesced) return;
  const now = Date.now();
  for (const r of running) {
    const s = r.script;
    if (!s || !s.active || now < s.nextAt || s.paused) continue;
    const input = s.step(now);
    if (!input) continue;
    const ev = r.agent.report(input); // numbered and fsync'd before it returns
    const { seq, at, type, ...data } = ev;
    appendFileSync(r.log, JSON.stringify({ st: r.st.stationId, code: r.st.code, stream: r.queue.stream, seq, at, type, data }) + '\n');
    generated++;
  }
}, 250);

setInterval(() => {
  send({
    type: 'status', total: running.length, generated, quiesced,
    connected: running.reduce((n, r) => n + (r.agent.connected ? 1 : 0), 0),
    pending: running.reduce((n, r) => n + r.queue.pendingCount, 0)
  });
}, 1000).unref();
