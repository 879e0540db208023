/**
 * /dashboard authentication: the browser's session cookie, checked at the handshake. A station
 * token in `auth` counts for nothing here. A browser must come from this origin (a page on
 * another site cannot open a socket with the proctor's cookie). The principal is loaded once per
 * connection; anything that changes it (logout, revocation, role or scope change) closes the
 * connection through the emitter, and a sweep closes connections whose session expired or idled.
 */
import type { Db } from '../../db/client.ts';
import { loadPrincipal, type Principal } from '../auth/principal.ts';
import type { SessionService } from '../auth/session.service.ts';
import { readSessionCookie, sameOrigin } from '../http/auth.middleware.ts';
import type { Logger } from '../log.ts';
import { sessionChannel, userChannel, type DashboardNs, type Emitter } from '../realtime/emitter.ts';

export const principals = new WeakMap<object, Principal>();

export function requireDashboardSession(ns: DashboardNs, db: Db, sessions: SessionService, trustProxy: boolean) {
  ns.use((socket, next) => {
    const h = socket.handshake;
    // the scheme the browser used: TLS here, or (behind a declared proxy) what the proxy says
    const https = h.secure || (trustProxy && String(h.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https');
    const origin = h.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, h.headers.host, https ? 'https' : 'http')) return next(new Error('FORBIDDEN'));
    const r = sessions.resolveToken(readSessionCookie(h.headers.cookie, https));
    if (!r.ok) return next(new Error('UNAUTHORIZED'));
    const p = loadPrincipal(db, r.user, r.session.id);
    principals.set(socket, p);
    socket.data = { userId: p.user.id, sessionId: p.sessionId, nip: p.user.nip, name: p.user.name, roles: p.roles };
    socket.join([sessionChannel(p.sessionId), userChannel(p.user.id)]);
    next();
  });
}

/** Every `everyMs`, close dashboards whose session has expired, idled out or been revoked; hourly, forget old sessions. */
export function sweepDashboardSessions(ns: DashboardNs, sessions: SessionService, emitter: Emitter, log: Logger, everyMs = 30_000) {
  const t = setInterval(() => {
    try {
      const now = Date.now();
      const seen = new Map<string, boolean>();
      for (const s of ns.sockets.values()) {
        const id = s.data.sessionId;
        if (!id || seen.has(id)) continue;
        const r = sessions.resolveId(id, now);
        seen.set(id, r.ok);
        if (!r.ok) emitter.endSessions([id], r.reason === 'unknown' ? 'revoked' : r.reason);
      }
    } catch (err) {
      log.error({ err }, 'session sweep failed');
    }
  }, everyMs);
  t.unref();
  const hourly = setInterval(() => sessions.prune(), 3600_000);
  hourly.unref();
  return () => {
    clearInterval(t);
    clearInterval(hourly);
  };
}
