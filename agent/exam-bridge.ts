/**
 * The exam bridge: a tiny HTTP listener on 127.0.0.1 where the exam application on the same PC
 * hands participant events to the agent.
 *
 *   POST /events   body: one event or an array of 1..100, each a participantEventSchema without
 *                  seq (the agent numbers them) and clk (the agent's clock epoch), with optional at
 *                  (epoch ms on this PC's wall clock, i.e. Date.now(); default now — the agent
 *                  moves it onto its own step-free clock at receipt)
 *                  → 202 { ok: true, events: [{ seq, type }] } once they are on disk
 *                  → 400 { ok: false, code: 'INVALID_JSON' | 'INVALID_PAYLOAD', message, issues? }
 *   GET  /status   → 200 the agent's status (connected, rtt, pending …)
 *   POST /pin      body: { pin, nip? } — the session PIN a participant typed (Pasal 14(1)i), checked
 *                  by the server
 *                  → 200 { ok: true, valid, outcome, attemptsLeft, lockedUntil, text } the server's verdict
 *                    (outcome 'ok' | 'wrong' | 'expired' | 'revoked' | 'no_pin' | 'locked' | 'not_running'
 *                    | 'not_started' — the proctor has not started the test: ask again later —
 *                    | 'unregistered' — not registered at the desk); text { id, en }: show it to the participant
 *                  → 503 { ok: false, code: 'NOT_READY', message } the agent is offline or the server
 *                    did not answer: tell the participant to wait, the PIN was NOT judged wrong
 *                  → 400 INVALID_PAYLOAD; 429/502 when the server refused the request itself
 *   GET  /commands → 200 { ok: true, commands: StationCommand[] } proctor commands (pause, resume,
 *                  add_time, end) the exam application has not answered yet, oldest first; poll it
 *                  every second or two. Apply each once per id (an id can come back after an agent
 *                  restart); refuse one whose nip is not the participant logged in.
 *   POST /commands/ack  body: { id, result: 'applied' | 'refused', message? }
 *                  → 200 { ok: true } the agent acknowledges it to the server (again after a reconnect
 *                    if needed) → 404 NOT_FOUND no such command waiting (unknown or already answered)
 *
 * Only the local PC may talk to it: it binds 127.0.0.1, refuses a Host header that is not
 * 127.0.0.1/localhost (a DNS-rebinding page in the station's browser cannot reach it), and demands
 * Content-Type: application/json, which a cross-site form cannot send and a cross-site fetch can
 * only send after a CORS preflight that this server never grants. Error bodies use the contract's
 * AckError shape ({ ok: false, code, message, issues? }) so the exam application handles one format.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { PAYLOAD_LIMITS, type AckError, type ParticipantEvent, type ParticipantEventInput, type PinVerifyAck, type StationCommand } from '../protocol/index.ts';
import { commandAckSchema, participantEventSchema, pinVerifySchema } from '../protocol/schemas/index.ts';
import type { CommandResult } from './command-inbox.ts';

/** The contract's event schema without seq and clk and with an optional `at`: what the exam application sends. */
// Derived, not re-declared: a change to the contract's event shapes reaches the bridge by itself.
// No clk: the epoch names the agent's clock, which the exam application cannot know.
const inputOptions = (participantEventSchema.options as unknown as z.ZodObject<z.ZodRawShape>[]).map((o) =>
  o.omit({ seq: true, clk: true }).partial({ at: true })
);
export const participantEventInputSchema = z.discriminatedUnion(
  'type',
  inputOptions as [(typeof inputOptions)[number], ...(typeof inputOptions)[number][]]
) as unknown as z.ZodType<ParticipantEventInput>;
const arraySchema = z.array(participantEventInputSchema).min(1).max(PAYLOAD_LIMITS.maxEventsPerBatch);
// The socket payloads without the protocol version: the agent adds it.
const pinBodySchema = pinVerifySchema.omit({ v: true });
const ackBodySchema = commandAckSchema.omit({ v: true });

export type ExamBridgeOptions = {
  /** default 7701; 0 picks a free port (tests) */
  port?: number;
  report: (event: ParticipantEventInput) => ParticipantEvent;
  status: () => unknown;
  /** POST /pin; without it the route answers 404 */
  verifyPin?: (pin: string, nip: string | null) => Promise<PinVerifyAck>;
  /** GET /commands and POST /commands/ack (a CommandDesk); without it those routes answer 404 */
  commands?: { list: () => StationCommand[]; answer: (id: number, r: CommandResult) => boolean };
  /** told about a request that failed inside the agent (for its log) */
  onError?: (err: unknown) => void;
};

export type ExamBridge = { port: number; close: () => Promise<void> };

const BIND = '127.0.0.1';
const MAX_BODY = PAYLOAD_LIMITS.maxPacketBytes;

export function startExamBridge(opts: ExamBridgeOptions): Promise<ExamBridge> {
  const server = http.createServer((req, res) => {
    handle(req, res, opts).catch((err: unknown) => {
      // The cause (often a file system error naming the queue path) goes to the agent's log, not
      // to whoever is on the other end of the socket.
      opts.onError?.(err);
      send(res, 500, error('INTERNAL', 'the agent could not handle the request; try again'));
    });
  });
  server.headersTimeout = 5000;
  server.requestTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 7701, BIND, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          })
      });
    });
  });
}

/** method and path → handler; a POST handler gets the parsed JSON body */
type Route = { method: 'GET' | 'POST'; run: (opts: ExamBridgeOptions, body: unknown) => Promise<Reply> | Reply };
type Reply = { status: number; body: unknown };

const ROUTES: Record<string, Route> = {
  '/status': { method: 'GET', run: (opts) => ({ status: 200, body: opts.status() }) },
  '/events': { method: 'POST', run: (opts, body) => postEvents(opts, body) },
  '/pin': { method: 'POST', run: (opts, body) => postPin(opts, body) },
  '/commands': {
    method: 'GET',
    run: (opts) => (opts.commands ? { status: 200, body: { ok: true, commands: opts.commands.list() } } : unavailable('/commands'))
  },
  '/commands/ack': { method: 'POST', run: (opts, body) => postCommandAck(opts, body) }
};
const ROUTE_LIST = Object.entries(ROUTES).map(([path, r]) => `${r.method} ${path}`).join(', ');

async function handle(req: http.IncomingMessage, res: http.ServerResponse, opts: ExamBridgeOptions): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (host !== '127.0.0.1' && host !== 'localhost') {
    return send(res, 403, error('FORBIDDEN', 'only local requests (Host 127.0.0.1 or localhost) are accepted'));
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
  if (!route) return send(res, 404, error('NOT_FOUND', `routes: ${ROUTE_LIST}`));
  if (req.method !== route.method) {
    req.resume();
    return send(res, 405, error('METHOD_NOT_ALLOWED', `use ${route.method} ${url.pathname}`), { allow: route.method });
  }
  if (route.method === 'GET') {
    const r = await route.run(opts, undefined);
    return send(res, r.status, r.body);
  }

  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return send(res, 415, error('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'));
  }
  const raw = await readBody(req);
  if (raw === null) return send(res, 413, error('TOO_LARGE', `body larger than ${MAX_BODY} bytes`), { connection: 'close' });

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    return send(res, 400, error('INVALID_JSON', `body is not valid JSON: ${(err as Error).message}`));
  }
  const r = await route.run(opts, body);
  return send(res, r.status, r.body);
}

function postEvents(opts: ExamBridgeOptions, body: unknown): Reply {
  // Picking the schema by shape (rather than a union) keeps the issues specific: "percent: too big".
  const parsed = Array.isArray(body) ? arraySchema.safeParse(body) : participantEventInputSchema.safeParse(body);
  if (!parsed.success) return invalid('event does not match the participant event schema', parsed.error);
  // Validated as a whole first, so a bad array is refused without half of it queued.
  const inputs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const events = inputs.map((e) => opts.report(e));
  return { status: 202, body: { ok: true, events: events.map((e) => ({ seq: e.seq, type: e.type })) } };
}

/** HTTP status for an error the agent or the server gave instead of a verdict. */
const PIN_ERROR_STATUS: Partial<Record<string, number>> = { NOT_READY: 503, INVALID_PAYLOAD: 400, RATE_LIMITED: 429 };

async function postPin(opts: ExamBridgeOptions, body: unknown): Promise<Reply> {
  if (!opts.verifyPin) return unavailable('/pin');
  const parsed = pinBodySchema.safeParse(body);
  if (!parsed.success) return invalid('body must be { pin, nip? }', parsed.error);
  const verdict = await opts.verifyPin(parsed.data.pin, parsed.data.nip ?? null);
  if (verdict.ok) return { status: 200, body: verdict };
  // 502: the server itself refused the request (not a verdict on the PIN)
  return { status: PIN_ERROR_STATUS[verdict.code] ?? 502, body: verdict };
}

function postCommandAck(opts: ExamBridgeOptions, body: unknown): Reply {
  if (!opts.commands) return unavailable('/commands/ack');
  const parsed = ackBodySchema.safeParse(body);
  if (!parsed.success) return invalid("body must be { id, result: 'applied' | 'refused', message? }", parsed.error);
  const { id, result, message } = parsed.data;
  if (!opts.commands.answer(id, message ? { result, message } : { result })) {
    return { status: 404, body: error('NOT_FOUND', `no command ${id} is waiting for an answer (unknown or already answered)`) };
  }
  return { status: 200, body: { ok: true } };
}

function invalid(message: string, err: z.ZodError): Reply {
  return {
    status: 400,
    body: { ...error('INVALID_PAYLOAD', message), issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
  };
}

function unavailable(path: string): Reply {
  return { status: 404, body: error('NOT_FOUND', `${path} is not available on this agent`) };
}

/** The body as text, or null if it exceeds MAX_BODY. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Contract codes where they fit (INVALID_PAYLOAD, NOT_FOUND, INTERNAL), HTTP-level ones otherwise. */
type BridgeCode = AckError['code'] | 'INVALID_JSON' | 'FORBIDDEN' | 'METHOD_NOT_ALLOWED' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_LARGE';

function error(code: BridgeCode, message: string): Omit<AckError, 'code'> & { code: BridgeCode } {
  return { ok: false, code, message };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers
  });
  res.end(json);
}
