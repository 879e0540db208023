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
import { exitWithParent, numFlag, parseFlags } from './proc.ts';

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
if (process.send) process.send({ type: 'ready', url: server.url, port: server.port, pid: process.pid });
else console.log(`server-proc: listening at ${server.url} (pid ${process.pid})`);
