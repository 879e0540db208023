/**
 * The server under test in its own process, for tests that must survive the server dying
 * (tests/integration/hostile-payloads.test.ts) or that kill it on purpose (tests/faults/faults.ts):
 *   node --import tsx tests/faults/server-proc.ts --db FILE [--port 0] [--heartbeat 2000]
 *                                                 [--log-level silent] [--config JSON]
 * `--config` is merged into startServer's ConfigInput (e.g. '{"pinCheckGapMs":0}').
 * `--port` lets a restarted server listen where the agents (and a TCP proxy in front of some of
 * them) already point.
 *
 * On purpose there is NO uncaughtException handler here (production's server/main.ts installs a
 * last-resort one): an error that escapes the server's own handlers ends this process, so a test
 * sees it as an exit instead of a log line.
 *
 * IPC (when started with a channel):
 *   child → parent  { type: 'ready', url, port, pid }
 *   parent → child  { cmd: 'stop' } → closes the server (flushing its batch writer) and exits 0
 * Exits by itself when the parent goes away, and on SIGTERM/SIGINT (gracefully).
 */
import { startServer, type RunningServer } from '../../server/app.ts';
import type { ConfigInput } from '../../server/config.ts';
import { exitWithParent, numFlag, parseFlags } from '../bench/proc.ts';

const flags = parseFlags(process.argv.slice(2));
const dbFile = flags.get('db');
if (!dbFile) {
  console.error('server-proc: --db FILE is required');
  process.exit(2);
}
const port = numFlag(flags, 'port', 0, 0, 65535);
const heartbeatMs = numFlag(flags, 'heartbeat', 2000, 200, 60_000);
const logLevel = (flags.get('log-level') ?? 'silent') as ConfigInput['logLevel'];
let extra: ConfigInput = {};
try {
  extra = flags.has('config') ? (JSON.parse(flags.get('config')!) as ConfigInput) : {};
} catch (err) {
  console.error(`server-proc: --config is not JSON: ${(err as Error).message}`);
  process.exit(2);
}

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
exitWithParent(() => stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('message', (m: { cmd?: string }) => {
  if (m?.cmd === 'stop') void stop();
});

server = await startServer({ webBuildDir: null, ...extra, port, host: '127.0.0.1', dbFile, heartbeatMs, logLevel });
if (process.send) process.send({ type: 'ready', url: server.url, port: server.port, pid: process.pid });
else console.log(`server-proc: listening at ${server.url} (pid ${process.pid})`);
