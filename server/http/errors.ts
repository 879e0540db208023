/**
 * HTTP errors: one JSON shape, { ok: false, code, messageCode?, params?, message (English), pesan
 * (Indonesian), … }, never a stack trace or SQL. The words come from the message catalog
 * (protocol/messages/) by code and parameters; validation failures list the fields at fault,
 * each with its own code.
 */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { AckError, ErrorCode } from '../../protocol/index.ts';
import { msg, refusalWords, type Issue, type MessageCode, type Msg, type WireParams } from '../../protocol/messages/index.ts';
import { issueMsg } from '../../protocol/messages/issues.ts';
import type { Logger } from '../log.ts';
import { boundedIssues } from '../sockets/plain-json.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400, UNAUTHORIZED: 401, BAD_CREDENTIALS: 401, FORBIDDEN: 403, CSRF: 403, NOT_FOUND: 404,
  CONFLICT: 409, INVALID_STATE: 409, GONE: 410, PAYLOAD_TOO_LARGE: 413, LOCKED: 423, RATE_LIMITED: 429, INTERNAL: 500
};

/**
 * What a refusal says beyond its code: the catalog message (`msg`, or `messageCode` and `params`
 * as a refusal that already went through `refusalWords` carries them), the fields at fault, the
 * retry hints, and a route's own extra fields (the import's `errors` and `rows`). Texts are never
 * passed in: they are the catalog's.
 */
export type ErrorDetail = {
  msg?: Msg | null;
  messageCode?: MessageCode;
  params?: WireParams;
  issues?: readonly Issue[];
  retryAfterSec?: number;
  expected?: number;
};

export function sendError(res: Response, code: ErrorCode, detail: ErrorDetail = {}) {
  // texts passed along with a refusal (a service result handed on whole) are not used: the words are the catalog's
  const { msg: m, messageCode, params, issues, message: _en, pesan: _id, ...extra } = detail as ErrorDetail & { message?: unknown; pesan?: unknown };
  // a refusal that already carries its code and parameters is worded again from them
  const said = m ?? (messageCode ? ({ code: messageCode, params } as Msg) : null);
  const words = refusalWords(code, said);
  const body: AckError = { ok: false, code, ...words, message: words.message.slice(0, 300), pesan: words.pesan.slice(0, 300), ...extra };
  // every field listed (a checklist has ~30), each short: an error body stays under 4 KB
  if (issues) {
    const list = issues.slice(0, 30);
    const cut = (n: number) => list.map((i) => ({ ...i, path: String(i.path).slice(0, 60), message: String(i.message).slice(0, n) }));
    body.issues = cut(200);
    if (JSON.stringify(body).length > 3800) body.issues = cut(40);
  }
  if (body.retryAfterSec) res.set('retry-after', String(body.retryAfterSec));
  res.status(STATUS[code] ?? 400).json(body);
}

/** Parse with zod; on failure answer 400 with the issues (each with its catalog code) and return null. */
export function parseOr400<S extends z.ZodType>(res: Response, schema: S, input: unknown): z.infer<S> | null {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  // a problem our schemas word themselves (a NIP that cannot be real) says the refusal as a whole
  const first = r.error.issues[0];
  const own = first?.code === 'custom' ? issueMsg(first) : null;
  sendError(res, 'INVALID_PAYLOAD', { msg: own, issues: boundedIssues(r.error.issues) });
  return null;
}

/** Last handler of /api: malformed JSON, oversized bodies, and anything unexpected. */
export function apiErrorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (res.headersSent) return;
    if (e?.type === 'entity.too.large') return sendError(res, 'PAYLOAD_TOO_LARGE');
    if (e?.type === 'entity.parse.failed') return sendError(res, 'INVALID_PAYLOAD', { msg: msg('payload.notJson') });
    if (e?.status && e.status >= 400 && e.status < 500) return sendError(res, 'INVALID_PAYLOAD');
    log.error({ err }, 'api request failed');
    sendError(res, 'INTERNAL');
  };
}
