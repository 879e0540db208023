/**
 * The station agent as a process on a station PC:
 *   npm run agent -- --server URL --token TOKEN [--heartbeat 2000] [--queue-dir DIR] [--exam-port 7701]
 * The token may instead come from CACT_AGENT_TOKEN (keeps it out of the process list).
 * Logs one pino line per connection change; SIGINT/SIGTERM close the socket, the exam bridge and
 * the queue (everything unsent stays on disk and is replayed by the next start).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { DurableQueue } from './durable-queue.ts';
import { startExamBridge } from './exam-bridge.ts';
import { readStationFacts } from './facts.ts';
import { DEFAULT_HEARTBEAT_MS, StationAgent } from './station-agent.ts';
import { AGENT_VERSION } from './version.ts';

const USAGE = `usage: npm run agent -- --server URL --token TOKEN [--heartbeat MS] [--queue-dir DIR] [--exam-port PORT]`;
const log = pino({ name: 'cact-agent' });

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function defaultQueueDir(): string {
  const home = os.homedir();
  return home ? path.join(home, '.cact-agent') : path.resolve('data/agent');
}

function parse() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      heartbeat: { type: 'string' },
      'queue-dir': { type: 'string' },
      'exam-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const server = values.server ?? fail('--server is required');
  try {
    const u = new URL(server);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    fail(`--server must be an http(s) URL, got ${server}`);
  }
  const token = values.token ?? process.env.CACT_AGENT_TOKEN ?? fail('--token (or CACT_AGENT_TOKEN) is required');
  const int = (v: string | undefined, name: string, def: number, min: number, max: number) => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer ${min}..${max}`);
    return n;
  };
  return {
    server,
    token,
    heartbeatMs: int(values.heartbeat, '--heartbeat', DEFAULT_HEARTBEAT_MS, 100, 600_000),
    queueDir: path.resolve(values['queue-dir'] ?? defaultQueueDir()),
    examPort: int(values['exam-port'], '--exam-port', 7701, 0, 65535)
  };
}

async function main(): Promise<void> {
  const args = parse();
  const queue = DurableQueue.open(args.queueDir);
  const { tornTail, badLines, newStream } = queue.recovery;
  if (tornTail || badLines || newStream) log.warn({ dir: args.queueDir, ...queue.recovery }, 'queue recovered');
  log.info({ dir: args.queueDir, stream: queue.stream, pending: queue.pendingCount }, 'queue open');

  const agent = new StationAgent({
    serverUrl: args.server,
    token: args.token,
    agentVersion: AGENT_VERSION,
    heartbeatMs: args.heartbeatMs,
    queue,
    facts: async () => {
      const facts = await readStationFacts();
      log.info({ facts }, 'station facts');
      return facts;
    }
  });
  agent.on('connected', (info) => log.info({ ...info, pending: agent.pendingCount }, 'connected'));
  agent.on('disconnected', (reason) => log.warn({ reason, pending: agent.pendingCount }, 'disconnected'));
  agent.on('watchdog', (missed) => log.warn({ missed }, 'heartbeat watchdog: forcing reconnect'));
  agent.on('warning', (message, detail) => log.warn({ detail }, message));

  const bridge = await startExamBridge({
    port: args.examPort,
    report: (e) => agent.report(e),
    status: () => ({ agentVersion: AGENT_VERSION, ...agent.status() }),
    onError: (err) => log.error({ err }, 'exam bridge request failed')
  }).catch((err: Error) => fail(`exam bridge cannot listen on 127.0.0.1:${args.examPort}: ${err.message}`));
  log.info({ url: `http://127.0.0.1:${bridge.port}` }, 'exam bridge listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, pending: agent.pendingCount }, 'stopping');
    await agent.stop();
    await bridge.close();
    queue.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  log.info({ server: args.server, heartbeatMs: args.heartbeatMs }, 'connecting');
  await agent.start();
}

main().catch((err) => {
  log.fatal({ err }, 'agent failed');
  process.exit(1);
});
