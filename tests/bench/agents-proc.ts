/**
 * The benchmark's own load generator, used when the simulator (agent/sim) is missing or lacks a
 * bench mode: real StationAgent instances (the library an exam application embeds), heartbeat
 * only — no faults, no participant events, no probes — with their starts spread evenly over one
 * heartbeat interval so the heartbeats are spread evenly too.
 *   node --import tsx tests/bench/agents-proc.ts --server URL --stations-file FILE.json [--heartbeat 2000]
 * FILE.json is an array of { token } (demo/seed.ts SeededStation works as is).
 * IPC (optional): sends { type: 'status', connected, total, watchdog, reconnects } every second;
 * { cmd: 'stop' } disconnects every agent and exits. Exits by itself when the parent goes away.
 */
import { readFileSync } from 'node:fs';
import { StationAgent } from '../../agent/station-agent.ts';
import { MemoryQueue } from '../../agent/event-queue.ts';
import type { StationFacts } from '../../protocol/index.ts';
import { numFlag, parseFlags, sleep, stopOnAnySignal } from './proc.ts';

const flags = parseFlags(process.argv.slice(2));
const serverUrl = flags.get('server');
const file = flags.get('stations-file');
if (!serverUrl || !file) {
  console.error('agents-proc: --server URL and --stations-file FILE are required');
  process.exit(2);
}
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 100, 600_000);
const stations = JSON.parse(readFileSync(file, 'utf8')) as { token: string }[];

const FACTS: StationFacts = {
  cpuModel: 'Intel Core i5-10400', cpuGhz: 2.9, cpuCores: 6, memoryGb: 8, diskGb: 256, screenWidth: 1920, screenHeight: 1080,
  webcam: true, browserName: 'chrome', browserVersion: '131', os: 'Windows 11', networkType: 'wired', networkMbps: 1000
};

const agents: StationAgent[] = [];
let watchdog = 0;
let reconnects = 0;
let warnings = 0;
let stopping = false;

async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all(agents.map((a) => a.stop()));
  process.exit(0);
}
stopOnAnySignal(stop);

const status = () => ({
  type: 'status', pid: process.pid, total: stations.length,
  connected: agents.reduce((n, a) => n + (a.connected ? 1 : 0), 0), watchdog, reconnects, warnings
});
setInterval(() => process.send?.(status()), 1000).unref();

// Spread the starts over one interval: agent i starts at i/N of it.
const t0 = Date.now();
for (let i = 0; i < stations.length && !stopping; i++) {
  const due = t0 + (i * heartbeatMs) / stations.length;
  const wait = due - Date.now();
  if (wait > 0) await sleep(wait);
  const agent = new StationAgent({
    serverUrl, token: stations[i].token, agentVersion: 'bench', queue: new MemoryQueue(), facts: async () => FACTS, heartbeatMs
  });
  let everConnected = false;
  agent.on('connected', () => {
    if (everConnected) reconnects++;
    everConnected = true;
  });
  agent.on('watchdog', () => watchdog++);
  agent.on('warning', () => warnings++);
  agents.push(agent);
  void agent.start();
}
