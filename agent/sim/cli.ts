/**
 * Runs a simulated room (or a benchmark share of one) in this process:
 *   tsx agent/sim/cli.ts --server URL --stations-file FILE.json [--heartbeat 2000] [--no-faults]
 *                        [--time-scale 20] [--seed 1] [--bench] [--spread-ms MS]
 *                        [--pin-file PIN.txt] [--wrong-pin-first CODE,CODE]
 * FILE.json: [{ token, code, participant: { nip, name } | null }, …] or { stations: [...] }.
 * --pin-file: the session PIN as shown on the projector (Pasal 14(1)i), re-read while participants
 * wait for it (missing or empty = no PIN yet); participants log in only after typing it.
 * --wrong-pin-first: stations whose participant first types a wrong PIN once.
 * Logs each connection change for small rooms (≤ 200 stations) and a summary line every 5 s;
 * the line "all connected" (with ms since start) tells a benchmark driver the room is up.
 * At most ~2,500 stations per process: each holds one socket (file descriptor limit 20,000).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startSimulation, type SimStation } from './simulator.ts';

const USAGE =
  'usage: tsx agent/sim/cli.ts --server URL --stations-file FILE.json [--heartbeat MS] [--no-faults] [--time-scale N] [--seed N] [--bench] [--spread-ms MS] [--pin-file FILE] [--wrong-pin-first CODE,CODE]';
const log = pino({ name: 'cact-sim' });

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    'stations-file': { type: 'string' },
    heartbeat: { type: 'string', default: '2000' },
    'no-faults': { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    bench: { type: 'boolean', default: false },
    'spread-ms': { type: 'string' },
    'summary-ms': { type: 'string', default: '5000' },
    'pin-file': { type: 'string' },
    'wrong-pin-first': { type: 'string' }
  },
  strict: true
});

const num = (v: string | undefined, name: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) fail(`${name} must be a number ≥ ${min}`);
  return n;
};

const server = values.server ?? fail('--server is required');
const file = values['stations-file'] ?? fail('--stations-file is required');
let stations: SimStation[];
try {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as SimStation[] | { stations: SimStation[] };
  stations = Array.isArray(raw) ? raw : raw.stations;
  if (!Array.isArray(stations) || stations.some((s) => typeof s?.token !== 'string')) throw new Error('no stations array');
} catch (err) {
  fail(`cannot read ${file}: ${(err as Error).message}`);
}

const heartbeatMs = num(values.heartbeat, '--heartbeat', 100)!;
const pinFile = values['pin-file'];
/** one read per second however many participants look at the "projector" */
let pinCache = { at: 0, pin: null as string | null };
const readPin = (): string | null => {
  const now = Date.now();
  if (now - pinCache.at < 1000) return pinCache.pin;
  let pin: string | null = null;
  try {
    pin = fs.readFileSync(pinFile!, 'utf8').trim() || null;
  } catch {
    pin = null; // not written yet
  }
  pinCache = { at: now, pin };
  return pin;
};
const bench = values.bench;
const perStationLogs = stations.length <= 200 && !bench;
const t0 = Date.now();

const sim = await startSimulation({
  serverUrl: server,
  stations,
  heartbeatMs,
  timeScale: num(values['time-scale'], '--time-scale', 0.01),
  faults: !values['no-faults'],
  seed: num(values.seed, '--seed', 0),
  benchMode: bench,
  spreadMs: num(values['spread-ms'], '--spread-ms', 0),
  pin: pinFile ? readPin : undefined,
  wrongPinFirst: values['wrong-pin-first']?.split(',').map((c) => c.trim()).filter(Boolean)
});
log.info({ stations: stations.length, heartbeatMs, bench, faults: !values['no-faults'] && !bench }, 'simulation started');

let allConnected = false;
for (const { agent, station } of sim.stations) {
  agent.on('connected', (info) => {
    if (perStationLogs) log.info({ code: station.code, stationId: info.stationId, pending: agent.pendingCount }, 'connected');
  });
  agent.on('disconnected', (reason) => {
    if (perStationLogs) log.warn({ code: station.code, reason, pending: agent.pendingCount }, 'disconnected');
  });
  agent.on('watchdog', (missed) => {
    if (perStationLogs) log.warn({ code: station.code, missed }, 'watchdog: forcing reconnect');
  });
  agent.on('command', (cmd, r) => {
    if (perStationLogs) log.info({ code: station.code, id: cmd.id, kind: cmd.kind, ...r }, 'proctor command');
  });
  agent.on('warning', (message) => {
    if (perStationLogs) log.warn({ code: station.code }, message);
  });
}

const summary = setInterval(() => {
  const s = sim.stats();
  if (!allConnected && s.connected === s.total) {
    allConnected = true;
    log.info({ ms: Date.now() - t0, connected: s.connected }, 'all connected');
  }
  log.info(s, 'summary');
}, num(values['summary-ms'], '--summary-ms', 100)!);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(summary);
  log.info({ signal, ...sim.stats() }, 'stopping');
  await sim.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Started by the benchmark with an IPC channel: when the parent goes away, so do we.
process.on('disconnect', () => void shutdown('SIGTERM'));
