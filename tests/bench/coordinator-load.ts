/**
 * A load process of the coordinator benchmark (tests/bench/coordinator-bench.ts): its share of the
 * stations, simulated by agent/sim in bench mode (real StationAgent instances, heartbeats only,
 * starts spread over one interval), plus the one thing the benchmark needs on top: cutting a
 * chosen station off for real and bringing it back.
 *   node --import tsx tests/bench/coordinator-load.ts --server URL --stations-file FILE.json [--heartbeat 2000]
 * FILE.json: [{ token, code, participant }] (demo/seed.ts SeededStation works as is).
 * IPC:
 *   child → parent  { type: 'status', connected, total, watchdog, reconnects } every second
 *   parent → child  { cmd: 'cut', index }     → the agent stops: its socket is closed and nothing more is
 *                                               sent (a PC switched off); answers { type: 'cut', index, at }
 *                                               with `at` taken right after the socket was closed
 *                   { cmd: 'restore', index } → the same agent starts again (a fresh connection and hello);
 *                                               answers { type: 'restored', index, at }
 *                   { cmd: 'stop' }           → every agent stops, the process exits
 * The server learns of a cut only by its own rule (server/live/room-hub.ts watch: silence for
 * offlineAfterBeats heartbeat intervals); a socket that closes does not make a station offline.
 * Exits by itself when the parent goes away.
 */
import { readFileSync } from 'node:fs';
import { startSimulation, type SimStation } from '../../agent/sim/simulator.ts';
import { numFlag, parseFlags, stopOnAnySignal } from './proc.ts';

const flags = parseFlags(process.argv.slice(2));
const serverUrl = flags.get('server');
const file = flags.get('stations-file');
if (!serverUrl || !file) {
  console.error('coordinator-load: --server URL and --stations-file FILE are required');
  process.exit(2);
}
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 100, 600_000);
const stations = JSON.parse(readFileSync(file, 'utf8')) as SimStation[];

const sim = await startSimulation({ serverUrl, stations, heartbeatMs, benchMode: true, seed: 7 });

let stopping = false;
stopOnAnySignal(async () => {
  if (stopping) return;
  stopping = true;
  await sim.stop();
  process.exit(0);
});

process.on('message', (m: { cmd?: string; index?: number }) => {
  if (stopping || typeof m?.index !== 'number') return;
  const s = sim.stations[m.index];
  if (!s) return process.send?.({ type: 'error', message: `no station at index ${m.index}` });
  if (m.cmd === 'cut') {
    void s.agent.stop().then(() => process.send?.({ type: 'cut', index: m.index, at: Date.now() }));
  } else if (m.cmd === 'restore') {
    void s.agent.start().then(() => process.send?.({ type: 'restored', index: m.index, at: Date.now() }));
  }
});

setInterval(() => {
  const st = sim.stats();
  process.send?.({ type: 'status', connected: st.connected, total: st.total, watchdog: st.watchdogTrips, reconnects: st.reconnects });
}, 1000).unref();
