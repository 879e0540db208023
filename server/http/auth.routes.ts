/** /api/auth: login, logout, logout everywhere, who am I, password change, demo accounts. */
import express, { type Request } from 'express';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { demoUsers, getUser, rolesOf, setPasswordHash } from '../../db/queries/users.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { actorOf, loadPrincipal } from '../auth/principal.ts';
import { SESSION_COOKIE } from '../auth/session.service.ts';
import { type DemoAccount, type LoginResponse } from '../../protocol/index.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { clientIp, principalOf, requireUser } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { reject, route } from './route.ts';
import { issueAt, msg, wireMsg } from '../../protocol/messages/index.ts';

export function authRouter(ctx: ApiContext) {
  const { db, cfg, sessions, logins, emitter } = ctx;
  const r = express.Router();

  const secure = (req: Request) => (cfg.secureCookies === 'auto' ? req.secure : cfg.secureCookies);
  const cookieName = (req: Request) => (secure(req) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
  // clearing must repeat the attributes: a browser ignores a __Host- cookie without Secure
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: secure(req), path: '/' });

  const sessionBody = (db: Db, userId: number, sessionId: string, csrfToken: string, expiresAt: number): LoginResponse => {
    const user = getUser(db, userId)!;
    return { ok: true, user: loadPrincipal(db, user, sessionId).me, csrfToken, expiresAt, idleTimeoutMs: sessions.idleMs };
  };

  route(r, ROUTES.login, [])(async ({ body }, req, res) => {
    const ip = clientIp(req);
    const result = await logins.login(body.nip, body.password, ip);
    if (!result.ok) {
      if (result.code === 'BAD_CREDENTIALS') return reject('BAD_CREDENTIALS');
      return reject(result.code, { retryAfterSec: result.retryAfterSec });
    }
    const { token, session } = sessions.create(result.user.id, { ip, userAgent: req.get('user-agent') ?? null });
    res.cookie(cookieName(req), token, { ...cookieOptions(req), maxAge: sessions.maxMs });
    return sessionBody(db, result.user.id, session.id, session.csrfToken, session.expiresAt);
  });

  route(r, ROUTES.me, requireUser)((_in, _req, res) => {
    const p = principalOf(res)!;
    const s = res.locals.session as { csrfToken: string; expiresAt: number };
    return { ok: true, user: p.me, csrfToken: s.csrfToken, expiresAt: s.expiresAt, idleTimeoutMs: sessions.idleMs };
  });

  route(r, ROUTES.logout, requireUser)((_in, req, res) => {
    const p = principalOf(res)!;
    sessions.revoke(p.sessionId);
    appendAudit(db, actorOf(p, clientIp(req)), { action: 'auth.logout', targetType: 'user', targetId: p.user.id });
    emitter.endSessions([p.sessionId], 'logout');
    res.clearCookie(cookieName(req), cookieOptions(req));
    return { ok: true };
  });

  route(r, ROUTES.logoutAll, requireUser)((_in, req, res) => {
    const p = principalOf(res)!;
    const ids = sessions.revokeAllOf(p.user.id);
    appendAudit(db, actorOf(p, clientIp(req)), { action: 'auth.logout_all', targetType: 'user', targetId: p.user.id, after: { sessions: ids.length } });
    emitter.endSessions(ids, 'logout');
    res.clearCookie(cookieName(req), cookieOptions(req));
    return { ok: true, sessions: ids.length };
  });

  route(r, ROUTES.passwordChange, requireUser)(async ({ body }, req, res) => {
    const p = principalOf(res)!;
    const check = await logins.reauthenticate(p.user, body.current, clientIp(req));
    if (!check.ok) {
      if (check.code === 'BAD_CREDENTIALS') return reject('BAD_CREDENTIALS', wireMsg(msg('auth.currentPasswordWrong')));
      return reject(check.code, { retryAfterSec: check.retryAfterSec });
    }
    const problem = passwordProblem(body.next, p.user.nip);
    if (problem) return reject('INVALID_PAYLOAD', { ...wireMsg(problem), issues: [issueAt('next', problem)] });
    const hash = await hashPassword(body.next, cfg.argon2);
    const now = Date.now();
    let ended: string[] = [];
    db.transaction(() => {
      setPasswordHash(db, p.user.id, hash, now);
      // other browsers signed in with the old password are signed out; this one stays
      ended = sessions.revokeAllOf(p.user.id, now, p.sessionId);
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'auth.password_changed', targetType: 'user', targetId: p.user.id, after: { otherSessionsEnded: ended.length }, at: now });
    });
    emitter.endSessions(ended, 'revoked');
    return { ok: true };
  });

  // Demo mode only: the seeded, clearly labelled demo accounts, so a visitor can try every role.
  route(r, ROUTES.demoAccounts, [])(() => {
    if (!cfg.demoAccounts.length) return reject('NOT_FOUND');
    // the passwords come from the demo's configuration; the database only knows their hashes
    const password = new Map(cfg.demoAccounts.map((a) => [a.nip, a.password]));
    const accounts: DemoAccount[] = demoUsers(db).filter((u) => password.has(u.nip)).map((u) => (
      { nip: u.nip, name: u.name, roles: rolesOf(db, u.id), password: password.get(u.nip)!, note: u.jabatan ?? '' }
    ));
    return { ok: true, accounts };
  });

  return r;
}
