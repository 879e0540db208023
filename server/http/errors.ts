/**
 * HTTP errors: one JSON shape, { ok: false, code, message (English), pesan (Indonesian), … },
 * never a stack trace or SQL. Validation failures list the fields at fault.
 */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { ERROR_TEXT, type AckError, type ErrorCode } from '../../protocol/index.ts';
import type { Logger } from '../log.ts';
import { boundedIssues } from '../sockets/plain-json.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400, UNAUTHORIZED: 401, BAD_CREDENTIALS: 401, FORBIDDEN: 403, CSRF: 403, NOT_FOUND: 404,
  CONFLICT: 409, INVALID_STATE: 409, GONE: 410, PAYLOAD_TOO_LARGE: 413, LOCKED: 423, RATE_LIMITED: 429, INTERNAL: 500
};

export function sendError(res: Response, code: ErrorCode, detail?: { message?: string; pesan?: string } & Partial<AckError>) {
  const { message, pesan, issues, ...extra } = detail ?? {};
  const body: AckError = { ok: false, code, message: (message ?? ERROR_TEXT[code].en).slice(0, 300), pesan: (pesan ?? ERROR_TEXT[code].id).slice(0, 300), ...extra };
  // every field listed (a checklist has ~30), each short: an error body stays under 4 KB
  if (issues) {
    const list = issues.slice(0, 30);
    const cut = (n: number) => list.map((i) => ({ path: String(i.path).slice(0, 60), message: String(i.message).slice(0, n) }));
    body.issues = cut(200);
    if (JSON.stringify(body).length > 3800) body.issues = cut(40);
  }
  if (body.retryAfterSec) res.set('retry-after', String(body.retryAfterSec));
  res.status(STATUS[code] ?? 400).json(body);
}

/** Parse with zod; on failure answer 400 with the issues and return null. */
export function parseOr400<S extends z.ZodType>(res: Response, schema: S, input: unknown): z.infer<S> | null {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = boundedIssues(r.error.issues);
  const first = r.error.issues[0] as { params?: { pesan?: string } } | undefined;
  sendError(res, 'INVALID_PAYLOAD', { issues, ...(first?.params?.pesan ? { pesan: first.params.pesan } : {}) });
  return null;
}

/** Last handler of /api: malformed JSON, oversized bodies, and anything unexpected. */
export function apiErrorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (res.headersSent) return;
    if (e?.type === 'entity.too.large') return sendError(res, 'PAYLOAD_TOO_LARGE');
    if (e?.type === 'entity.parse.failed') return sendError(res, 'INVALID_PAYLOAD', { message: 'the body is not valid JSON', pesan: 'isi permintaan bukan JSON yang valid' });
    if (e?.status && e.status >= 400 && e.status < 500) return sendError(res, 'INVALID_PAYLOAD');
    log.error({ err }, 'api request failed');
    sendError(res, 'INTERNAL');
  };
}
