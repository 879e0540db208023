/**
 * The server under test in a process of its own: for tests that must survive the server dying
 * (tests/integration/hostile-payloads.test.ts), that kill it on purpose (crash-durability.test.ts,
 * tests/faults/faults.ts), or that read its CPU and memory from /proc (the benchmarks):
 *   node --import tsx tests/helpers/server-proc.ts --db FILE [--port 0] [--heartbeat 2000]
 *        [--log-level silent] [--config JSON] [--instrument]
 * `--config` is merged into startServer's ConfigInput (e.g. '{"pinCheckGapMs":0}'). `--port` lets a
 * restarted server listen where the agents (and a TCP proxy in front of some of them) already point.
 * `--instrument` (the benchmarks): event-loop delay and GC pauses (tests/bench/loop-stats.ts), the
 * hub's periodic work timed by wrapping its methods (no behaviour change), V8 CPU profiles on request.
 *
 * On purpose there is NO uncaughtException handler here (production's server/main.ts installs a
 * last-resort one): an error that escapes the server's own handlers ends this process, so a test
 * sees it as an exit instead of a log line.
 *
 * IPC (when started with a channel):
 *   child → parent  { type: 'ready', url, port, pid }
 *   parent → child  { cmd: 'stop' } → closes the server (flushing its batch writer) and exits 0
 *   with --instrument also:
 *                   { cmd: 'profile-start' } → { type: 'profile-started' }
 *                   { cmd: 'profile-stop', file } → { type: 'profile-saved', file }  (V8 .cpuprofile)
 *                   { cmd: 'loop-reset' } / { cmd: 'loop-stats' } → { type: 'loop-stats', … }
 *                   { cmd: 'timings' } → { type: 'timings', timings: { 'hub.flush': { n, mean_ms, p99_ms, max_ms }, … } }
 * Exits by itself when the parent goes away, and on SIGTERM/SIGINT (gracefully).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startServer, type RunningServer } from '../../server/app.ts';
import type { ConfigInput } from '../../server/config.ts';
import { installLoopStats } from '../bench/loop-stats.ts';
import { numFlag, parseFlags, stopOnAnySignal } from '../bench/proc.ts';

const flags = parseFlags(process.argv.slice(2));
const dbFile = flags.get('db');
if (!dbFile) {
  console.error('server-proc: --db FILE is required');
  process.exit(2);
}
const port = numFlag(flags, 'port', 0, 0, 65535);
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 200, 60_000);
const logLevel = (flags.get('log-level') ?? 'silent') as ConfigInput['logLevel'];
const instrument = flags.has('instrument');
let extra: ConfigInput = {};
try {
  extra = flags.has('config') ? (JSON.parse(flags.get('config')!) as ConfigInput) : {};
} catch (err) {
  console.error(`server-proc: --config is not JSON: ${(err as Error).message}`);
  process.exit(2);
}

if (instrument) installLoopStats();

let server: RunningServer | null = null;
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    process.exit(code);
  }
}
stopOnAnySignal(() => stop());

server = await startServer({ webBuildDir: null, ...extra, port, host: '127.0.0.1', dbFile, heartbeatMs, logLevel });
if (instrument) instrumentServer(server);
if (process.send) process.send({ type: 'ready', url: server.url, port: server.port, pid: process.pid });
else console.log(`server-proc: listening at ${server.url} (pid ${process.pid})`);

/** CPU profiles on request, and the hub's periodic work timed (it runs on the loop that reads the heartbeats). */
function instrumentServer(srv: RunningServer) {
  let session: Session | null = null;
  process.on('message', async (m: { cmd?: string; file?: string }) => {
    try {
      if (m?.cmd === 'profile-start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 }); // µs
        await session.post('Profiler.start');
        process.send?.({ type: 'profile-started' });
      } else if (m?.cmd === 'profile-stop' && session && m.file) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(m.file, JSON.stringify(profile));
        session.disconnect();
        session = null;
        process.send?.({ type: 'profile-saved', file: m.file });
      }
    } catch (err) {
      process.send?.({ type: 'error', message: String((err as Error)?.stack ?? err) });
    }
  });

  // a long call here delays every heartbeat waiting to be read
  const timings = new Map<string, number[]>();
  const timed = (name: string, obj: object, method: string) => {
    const o = obj as Record<string, (...a: unknown[]) => unknown>;
    const orig = o[method].bind(obj);
    o[method] = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return orig(...args);
      } finally {
        const list = timings.get(name) ?? [];
        list.push(performance.now() - t0);
        timings.set(name, list);
      }
    };
  };
  timed('hub.flush', srv.hub, 'flush');
  timed('hub.watch', srv.hub, 'watch');
  timed('writer.flush', srv.hub.writer, 'flush');
  timed('board.tick', srv.board, 'tick');
  process.on('message', (m: { cmd?: string }) => {
    if (m?.cmd === 'loop-reset') timings.clear();
    else if (m?.cmd === 'timings') {
      const out: Record<string, { n: number; mean_ms: number; p99_ms: number; max_ms: number }> = {};
      for (const [k, v] of timings) {
        const sorted = [...v].sort((a, b) => a - b);
        const r = (x: number) => Math.round(x * 10) / 10;
        out[k] = { n: v.length, mean_ms: r(v.reduce((a, b) => a + b, 0) / v.length), p99_ms: r(sorted[Math.ceil(0.99 * sorted.length) - 1]), max_ms: r(sorted[sorted.length - 1]) };
      }
      process.send?.({ type: 'timings', timings: out });
    }
  });
}
