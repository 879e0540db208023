/**
 * The station agent as a process on a station PC:
 *   npm run agent -- --server URL --enroll CODE [--enroll-only] [--token-file PATH]   enroll this PC, then run
 *   npm run agent -- [--server URL] [--token-file PATH] [--heartbeat 2000] [--queue-dir DIR] [--exam-port 7701]
 *   npm run agent -- --server URL --token TOKEN …                                      (demo, benchmark)
 * Without --token (or CACT_AGENT_TOKEN) the token, and the server unless --server is given, come
 * from the token file that --enroll wrote (agent/token-store.ts for its default location).
 * The exam application on the PC talks to the exam bridge (127.0.0.1, agent/exam-bridge.ts): events,
 * session PIN checks, and proctor commands, which wait in a CommandDesk until it answers them.
 * Logs one pino line per connection change; SIGINT/SIGTERM close the socket, the exam bridge and
 * the queue (everything unsent stays on disk and is replayed by the next start).
 * When the server refuses the token (revoked, or the seat enrolled again elsewhere) the agent keeps
 * retrying slowly, says so in Indonesian and English, and switches to a new token as soon as a
 * re-enrollment has rewritten the token file.
 * Exit codes: 0 done, 1 failure, 2 usage or not enrolled, 3 enrollment refused.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { CommandDesk } from './command-desk.ts';
import { DurableQueue } from './durable-queue.ts';
import { checkCode, enroll, EnrollError, enrolledText, isTokenRefusal, tokenRefusedText } from './enroll.ts';
import { startExamBridge } from './exam-bridge.ts';
import { readStationFacts } from './facts.ts';
import { DEFAULT_HEARTBEAT_MS, StationAgent } from './station-agent.ts';
import { describeStation, findTokenFile, readTokenFile, TokenFileError, tokenFileCandidates, writableTokenFile, writeTokenFile } from './token-store.ts';
import { AGENT_VERSION } from './version.ts';

const USAGE = `usage:
  npm run agent -- --server URL --enroll CODE [--enroll-only] [--token-file PATH] [options]
  npm run agent -- [--server URL] [--token-file PATH] [options]       (token from the token file)
  npm run agent -- --server URL --token TOKEN [options]                (or CACT_AGENT_TOKEN)
options: [--heartbeat MS] [--queue-dir DIR] [--exam-port PORT]
default token file: ${tokenFileCandidates().join(' or ')}`;
const log = pino({ name: 'cact-agent' });
/** a refused token is repeated in full at most this often (the agent retries every ≤10 s) */
const REFUSAL_REPEAT_MS = 5 * 60_000;

function fail(message: string, code = 2): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(code);
}

/** thrown by exitWith() so that nothing else runs while stderr drains */
class Exited extends Error {}

/** An operator-facing failure: the bilingual message alone, no usage text. */
function exitWith(message: string, code: number): never {
  process.exitCode = code;
  process.stderr.write(message + '\n', () => process.exit(code)); // flushed even when stderr is a pipe
  throw new Exited();
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
      enroll: { type: 'string' },
      'enroll-only': { type: 'boolean' },
      'token-file': { type: 'string' },
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
  const server = values.server;
  if (server !== undefined) {
    try {
      const u = new URL(server);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      fail(`--server must be an http(s) URL, got ${server}`);
    }
  }
  const token = values.token ?? (process.env.CACT_AGENT_TOKEN || undefined); // set but empty = not set
  if (values.enroll !== undefined) {
    if (values.token !== undefined) fail('--enroll and --token exclude each other');
    if (server === undefined) fail('--enroll needs --server (the address the enrollment code was made on)');
  } else if (values['enroll-only']) {
    fail('--enroll-only needs --enroll CODE');
  }
  if (token !== undefined && values.enroll === undefined && server === undefined) fail('--token needs --server');
  const int = (v: string | undefined, name: string, def: number, min: number, max: number) => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer ${min}..${max}`);
    return n;
  };
  return {
    server,
    token: values.enroll === undefined ? token : undefined,
    enroll: values.enroll,
    enrollOnly: values['enroll-only'] ?? false,
    tokenFile: values['token-file'],
    heartbeatMs: int(values.heartbeat, '--heartbeat', DEFAULT_HEARTBEAT_MS, 100, 600_000),
    queueDir: path.resolve(values['queue-dir'] ?? defaultQueueDir()),
    examPort: int(values['exam-port'], '--exam-port', 7701, 0, 65535)
  };
}

type Credentials = { server: string; token: string; stationCode?: string; tokenFile: string | null };

/** --enroll: check the code and that the token file can be written, spend the code, save the token. */
async function enrollNow(server: string, rawCode: string, tokenFileArg: string | undefined): Promise<Credentials> {
  try {
    const code = checkCode(rawCode);
    const file = writableTokenFile(tokenFileArg); // before the one-time code is spent
    const r = await enroll(server, code, os.hostname());
    writeTokenFile(file, {
      server, token: r.token, stationId: r.stationId, stationCode: r.stationCode, roomId: r.roomId,
      roomName: r.roomName, venueName: r.venueName, enrolledAt: new Date().toISOString()
    });
    console.log(enrolledText(r));
    console.log(`token disimpan di / token saved to ${file}`);
    log.info({ stationId: r.stationId, stationCode: r.stationCode, roomName: r.roomName, venueName: r.venueName, tokenFile: file }, 'enrolled');
    return { server, token: r.token, stationCode: r.stationCode, tokenFile: file };
  } catch (err) {
    if (err instanceof EnrollError) exitWith(`Pendaftaran gagal / enrollment failed:\n${err.message}`, 3);
    if (err instanceof TokenFileError) exitWith(err.message, 1);
    throw err;
  }
}

/** The token from the token file; exits with a bilingual explanation when there is none. */
function fromTokenFile(serverArg: string | undefined, tokenFileArg: string | undefined): Credentials {
  try {
    const file = findTokenFile(tokenFileArg);
    const read = file ? readTokenFile(file) : null;
    if (!file || !read) {
      const where = file ?? tokenFileCandidates().join(', ');
      exitWith(
        [
          `PC ini belum terdaftar: file token tidak ada (${where}).`,
          `Daftarkan dengan kode dari admin/petugas TI:  npm run agent -- --server URL --enroll KODE`,
          `This PC is not enrolled: no token file (${where}).`,
          `Enroll it with a code from an admin/IT officer:  npm run agent -- --server URL --enroll CODE`
        ].join('\n'),
        2
      );
    }
    const s = read.station;
    if (read.looseMode) log.warn({ tokenFile: file }, 'token file is readable by other users: chmod 600 it');
    if (serverArg && serverArg.replace(/\/+$/, '') !== s.server.replace(/\/+$/, '')) {
      log.warn({ tokenFile: file, enrolledOn: s.server, server: serverArg }, 'this PC was enrolled on another server address; its token may be refused');
    }
    log.info({ tokenFile: file, ...describeStation(s) }, 'token file read');
    return { server: serverArg ?? s.server, token: s.token, stationCode: s.stationCode, tokenFile: file };
  } catch (err) {
    if (err instanceof TokenFileError) exitWith(err.message, 1);
    throw err;
  }
}

/** The token file's station if its token now differs from `current` (a re-enrollment happened meanwhile). */
function replacedToken(file: string | null, current: string) {
  if (!file) return null;
  try {
    const read = readTokenFile(file);
    return read && read.station.token !== current ? read.station : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = parse();
  let creds: Credentials =
    args.enroll !== undefined
      ? await enrollNow(args.server!, args.enroll, args.tokenFile)
      : args.token !== undefined
        ? { server: args.server!, token: args.token, tokenFile: null }
        : fromTokenFile(args.server, args.tokenFile);
  if (args.enrollOnly) return; // nothing left open: the process ends with exit code 0

  const queue = DurableQueue.open(args.queueDir);
  const { tornTail, badLines, newStream } = queue.recovery;
  if (tornTail || badLines || newStream) log.warn({ dir: args.queueDir, ...queue.recovery }, 'queue recovered');
  log.info({ dir: args.queueDir, stream: queue.stream, pending: queue.pendingCount }, 'queue open');

  // Outlives agent re-creation on a token change: a command still waiting keeps its answer.
  const desk = new CommandDesk();
  let stopping = false;
  let refusedSince = 0;
  let refusalShownAt = 0;

  const makeAgent = (token: string) => {
    const a = new StationAgent({
      serverUrl: creds.server,
      token,
      agentVersion: AGENT_VERSION,
      heartbeatMs: args.heartbeatMs,
      queue,
      onCommand: (cmd) => {
        log.info({ id: cmd.id, kind: cmd.kind, nip: cmd.nip, minutes: cmd.minutes }, 'proctor command: waiting for the exam application');
        return desk.handle(cmd);
      },
      facts: async () => {
        const facts = await readStationFacts();
        log.info({ facts }, 'station facts');
        return facts;
      }
    });
    a.on('connected', (info) => {
      refusedSince = refusalShownAt = 0;
      log.info({ ...info, pending: a.pendingCount }, 'connected');
    });
    a.on('disconnected', (reason) => log.warn({ reason, pending: a.pendingCount }, 'disconnected'));
    a.on('watchdog', (missed) => log.warn({ missed }, 'heartbeat watchdog: forcing reconnect'));
    a.on('reconnecting', (delayMs, attempt) => log.debug({ delayMs, attempt }, 'reconnecting'));
    a.on('command', (cmd, r) => log.info({ id: cmd.id, kind: cmd.kind, ...r }, 'proctor command answered'));
    a.on('warning', (message, detail) => {
      if (isTokenRefusal(message)) return void onTokenRefused(a);
      log.warn({ detail }, message);
    });
    return a;
  };

  let agent = makeAgent(creds.token);

  const onTokenRefused = async (from: StationAgent) => {
    if (from !== agent || stopping) return;
    const next = replacedToken(creds.tokenFile, creds.token);
    if (next) {
      // re-enrolled (e.g. `--enroll CODE --enroll-only` while this service ran): carry on with the new token
      log.info({ tokenFile: creds.tokenFile, stationCode: next.stationCode }, 'token file has a new token: reconnecting with it');
      creds = { ...creds, server: args.server ?? next.server, token: next.token, stationCode: next.stationCode };
      await agent.stop();
      agent = makeAgent(next.token);
      await agent.start().catch((err: unknown) => log.error({ err }, 'restart with the new token failed'));
      return;
    }
    // the agent retries every ≤10 s: say it in full on the first refusal, then every few minutes
    const now = Date.now();
    if (!refusedSince) refusedSince = now;
    if (now - refusalShownAt < REFUSAL_REPEAT_MS) return;
    refusalShownAt = now;
    log.error({ server: creds.server, stationCode: creds.stationCode ?? null, tokenFile: creds.tokenFile, refusedSince: new Date(refusedSince).toISOString() },
      'station token refused: revoked or replaced; re-enroll this PC with a new code (--enroll CODE) / token PC ditolak: daftarkan ulang dengan kode baru');
    console.error(tokenRefusedText({ server: creds.server, stationCode: creds.stationCode, tokenFile: creds.tokenFile }));
  };

  const bridge = await startExamBridge({
    port: args.examPort,
    report: (e) => agent.report(e),
    status: () => ({ agentVersion: AGENT_VERSION, ...agent.status() }),
    verifyPin: (pin, nip) => agent.verifyPin(pin, nip), // the PIN itself is never logged
    commands: desk,
    onError: (err) => log.error({ err }, 'exam bridge request failed')
  }).catch((err: Error) => fail(`exam bridge cannot listen on 127.0.0.1:${args.examPort}: ${err.message}`));
  log.info({ url: `http://127.0.0.1:${bridge.port}` }, 'exam bridge listening');

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

  log.info({ server: creds.server, heartbeatMs: args.heartbeatMs }, 'connecting');
  await agent.start();
}

main().catch((err) => {
  if (err instanceof Exited) return;
  log.fatal({ err }, 'agent failed');
  process.exit(1);
});
