/**
 * The exam bridge: a tiny HTTP listener on 127.0.0.1 where the exam application on the same PC
 * hands participant events to the agent.
 *
 *   POST /events   body: one event or an array of 1..100, each a participantEventSchema without
 *                  seq (the agent numbers them) and with optional at (epoch ms; default now)
 *                  → 202 { ok: true, events: [{ seq, type }] } once they are on disk
 *                  → 400 { ok: false, code: 'INVALID_JSON' | 'INVALID_PAYLOAD', message, issues? }
 *   GET  /status   → 200 the agent's status (connected, rtt, pending …)
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
import {
  PAYLOAD_LIMITS,
  participantEventSchema,
  type AckError,
  type ParticipantEvent,
  type ParticipantEventInput
} from '../server/protocol/index.ts';

/** The contract's event schema without seq and with an optional `at`: what the exam application sends. */
// Derived, not re-declared: a change to the contract's event shapes reaches the bridge by itself.
const inputOptions = (participantEventSchema.options as unknown as z.ZodObject<z.ZodRawShape>[]).map((o) =>
  o.omit({ seq: true }).partial({ at: true })
);
export const participantEventInputSchema = z.discriminatedUnion(
  'type',
  inputOptions as [(typeof inputOptions)[number], ...(typeof inputOptions)[number][]]
) as unknown as z.ZodType<ParticipantEventInput>;
const arraySchema = z.array(participantEventInputSchema).min(1).max(PAYLOAD_LIMITS.maxEventsPerBatch);

export type ExamBridgeOptions = {
  /** default 7701; 0 picks a free port (tests) */
  port?: number;
  report: (event: ParticipantEventInput) => ParticipantEvent;
  status: () => unknown;
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
      send(res, 500, error('INTERNAL', 'the agent could not store the event; try again'));
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

async function handle(req: http.IncomingMessage, res: http.ServerResponse, opts: ExamBridgeOptions): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (host !== '127.0.0.1' && host !== 'localhost') {
    return send(res, 403, error('FORBIDDEN', 'only local requests (Host 127.0.0.1 or localhost) are accepted'));
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/status') {
    if (req.method !== 'GET') return send(res, 405, error('METHOD_NOT_ALLOWED', 'use GET /status'), { allow: 'GET' });
    return send(res, 200, opts.status());
  }
  if (url.pathname !== '/events') return send(res, 404, error('NOT_FOUND', 'routes: POST /events, GET /status'));
  if (req.method !== 'POST') return send(res, 405, error('METHOD_NOT_ALLOWED', 'use POST /events'), { allow: 'POST' });

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
  // Picking the schema by shape (rather than a union) keeps the issues specific: "percent: too big".
  const parsed = Array.isArray(body) ? arraySchema.safeParse(body) : participantEventInputSchema.safeParse(body);
  if (!parsed.success) {
    return send(res, 400, {
      ...error('INVALID_PAYLOAD', 'event does not match the participant event schema'),
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    });
  }
  // Validated as a whole first, so a bad array is refused without half of it queued.
  const inputs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const events = inputs.map((e) => opts.report(e));
  return send(res, 202, { ok: true, events: events.map((e) => ({ seq: e.seq, type: e.type })) });
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
