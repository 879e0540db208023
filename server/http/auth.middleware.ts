/**
 * Who is calling: the session cookie resolves to a Principal in res.locals. Routes then require
 * a user, a capability and (in the handler) the venue of the thing asked for. State-changing
 * requests carry the session's CSRF token; all of them must come from this origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Db } from '../../db/client.ts';
import { loadPrincipal, type Principal } from '../auth/principal.ts';
import { SESSION_COOKIE, type SessionService } from '../auth/session.service.ts';
import type { Capability } from '../../protocol/index.ts';
import { sendError } from './errors.ts';
import { msg } from '../../protocol/messages/index.ts';

export const principalOf = (res: Response) => res.locals.principal as Principal | undefined;
export const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * The session token from a Cookie header. Over HTTPS only the `__Host-` cookie counts: anyone on
 * the venue network could plant a plain `cact_session` through some plain-HTTP answer from this
 * host ("cookie tossing") and have the proctor work inside the planter's session.
 */
export function readSessionCookie(header: string | undefined, secure: boolean): string | undefined {
  if (!header) return undefined;
  const c = parseCookie(header);
  const hostOnly = c[`__Host-${SESSION_COOKIE}`];
  return secure ? hostOnly : hostOnly ?? c[SESSION_COOKIE];
}

/** Is this origin (scheme, host and port) the one the request was made to? */
export function sameOrigin(origin: string, host: string | undefined, scheme: 'http' | 'https' | null): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) is never this origin
  }
  if (!host || u.host !== host) return false;
  // behind a proxy that was not declared (trustProxy) the scheme is unknown: the host must do
  return scheme === null || u.protocol === `${scheme}:`;
}

/**
 * A request the page makes by itself (the room list refreshing every few seconds) says so with
 * this header: it is answered, but it is not the user's activity, so it never keeps an idle
 * session alive. Leaving it out only ever extends one's own session, as any request does.
 */
export const BACKGROUND_HEADER = 'x-cact-background';

export function authenticate(db: Db, sessions: SessionService): RequestHandler {
  return (req, res, next) => {
    const token = readSessionCookie(req.headers.cookie, req.secure);
    if (token) {
      const r = sessions.resolveToken(token, Date.now(), req.headers[BACKGROUND_HEADER] !== '1');
      if (r.ok) {
        res.locals.principal = loadPrincipal(db, r.user, r.session.id);
        res.locals.csrfToken = r.session.csrfToken;
        res.locals.session = r.session;
      } else {
        res.locals.sessionEnded = r.reason;
      }
    }
    next();
  };
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  if (principalOf(res)) return next();
  const ended = res.locals.sessionEnded && res.locals.sessionEnded !== 'unknown';
  sendError(res, 'UNAUTHORIZED', { msg: ended ? msg('auth.sessionEnded') : null });
}

/** The user must hold at least one of `caps`. */
export const requireCap = (...caps: Capability[]): RequestHandler => (req, res, next) => {
  const p = principalOf(res);
  if (!p) return requireUser(req, res, next);
  if (caps.some((c) => p.caps.has(c))) return next();
  sendError(res, 'FORBIDDEN');
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request defence for cookie-authenticated requests:
 *  - the browser's Fetch Metadata / Origin must not say another site;
 *  - a signed-in session must echo its synchronizer token in `x-csrf-token`.
 * Station routes (token in the Authorization header, no cookie) are exempt by path.
 */
export function csrfGuard(exempt: string[]): RequestHandler {
  return (req, res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const host = req.get('host');
    if (site === 'cross-site' || (origin !== undefined && !sameOrigin(origin, host, req.protocol === 'https' ? 'https' : 'http'))) return sendError(res, 'CSRF');
    if (exempt.includes(req.path)) return next();
    const expected = res.locals.csrfToken as string | undefined;
    if (!expected) return next(); // not signed in: requireUser answers 401
    const got = req.get('x-csrf-token') ?? '';
    const a = Buffer.from(got), b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return sendError(res, 'CSRF');
    next();
  };
}
