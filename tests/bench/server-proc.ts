/**
 * The server under test, in its own process so that its CPU and memory can be read from /proc:
 *   node --import tsx tests/bench/server-proc.ts --db FILE [--heartbeat 2000]
 * Started by bench.ts with an IPC channel. Messages:
 *   child → parent  { type: 'ready', url, port, pid }
 *   parent → child  { cmd: 'profile-start' } → { type: 'profile-started' }
 *                   { cmd: 'profile-stop', file } → { type: 'profile-saved', file }  (V8 .cpuprofile)
 *                   { cmd: 'stop' } → closes the server and exits 0
 * Exits by itself when the parent goes away.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startServer, type RunningServer } from '../../server/app.ts';
import { installLoopStats } from './loop-stats.ts';
import { exitWithParent, numFlag, parseFlags } from './proc.ts';

installLoopStats();

const flags = parseFlags(process.argv.slice(2));
const dbFile = flags.get('db');
if (!dbFile) {
  console.error('server-proc: --db FILE is required');
  process.exit(2);
}
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 200, 60_000);

let server: RunningServer | null = null;
let session: Session | null = null;

async function stop(code = 0) {
  try {
    await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    process.exit(code);
  }
}
exitWithParent(() => stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

process.on('message', async (m: { cmd?: string; file?: string }) => {
  try {
    if (m?.cmd === 'stop') await stop();
    else if (m?.cmd === 'profile-start') {
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

server = await startServer({ port: 0, host: '127.0.0.1', dbFile, heartbeatMs, logLevel: 'silent', webBuildDir: null });

// Instrumentation only (no behaviour change): time the hub's periodic work, which runs on the same
// event loop as the socket reads, so a long call delays every heartbeat waiting to be read.
const timings = new Map<string, number[]>();
function timed(name: string, obj: object, method: string) {
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
}
timed('hub.flush', server.hub, 'flush');
timed('hub.watch', server.hub, 'watch');
timed('writer.flush', server.hub.writer, 'flush');
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
if (process.send) process.send({ type: 'ready', url: server.url, port: server.port, pid: process.pid });
else console.log(`server-proc: listening at ${server.url} (pid ${process.pid})`);
