/** /api/auth: login, logout, logout everywhere, who am I, password change, demo accounts. */
import express, { type Request, type Response } from 'express';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { demoUsers, getUser, rolesOf, setPasswordHash } from '../../db/queries/users.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { actorOf, loadPrincipal } from '../auth/principal.ts';
import { SESSION_COOKIE } from '../auth/session.service.ts';
import { type DemoAccount, type LoginResponse } from '../../protocol/index.ts';
import { loginSchema, passwordChangeSchema } from '../../protocol/schemas/index.ts';
import { clientIp, principalOf, requireUser } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';

export function authRouter(ctx: ApiContext) {
  const { db, cfg, sessions, logins, emitter } = ctx;
  const r = express.Router();

  const secure = (req: Request) => (cfg.secureCookies === 'auto' ? req.secure : cfg.secureCookies);
  const cookieName = (req: Request) => (secure(req) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
  // clearing must repeat the attributes: a browser ignores a __Host- cookie without Secure
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: secure(req), path: '/' });

  const sessionBody = (res: Response, db: Db, userId: number, sessionId: string, csrfToken: string, expiresAt: number): LoginResponse => {
    const user = getUser(db, userId)!;
    return { ok: true, user: loadPrincipal(db, user, sessionId).me, csrfToken, expiresAt, idleTimeoutMs: sessions.idleMs };
  };

  r.post('/login', async (req, res) => {
    const body = parseOr400(res, loginSchema, req.body);
    if (!body) return;
    const ip = clientIp(req);
    const result = await logins.login(body.nip, body.password, ip);
    if (!result.ok) {
      if (result.code === 'BAD_CREDENTIALS') return sendError(res, 'BAD_CREDENTIALS');
      return sendError(res, result.code, { retryAfterSec: result.retryAfterSec });
    }
    const { token, session } = sessions.create(result.user.id, { ip, userAgent: req.get('user-agent') ?? null });
    res.cookie(cookieName(req), token, { ...cookieOptions(req), maxAge: sessions.maxMs });
    res.json(sessionBody(res, db, result.user.id, session.id, session.csrfToken, session.expiresAt));
  });

  r.get('/me', requireUser, (req, res) => {
    const p = principalOf(res)!;
    const s = res.locals.session as { csrfToken: string; expiresAt: number };
    const body: LoginResponse = { ok: true, user: p.me, csrfToken: s.csrfToken, expiresAt: s.expiresAt, idleTimeoutMs: sessions.idleMs };
    res.json(body);
  });

  r.post('/logout', requireUser, (req, res) => {
    const p = principalOf(res)!;
    sessions.revoke(p.sessionId);
    appendAudit(db, actorOf(p, clientIp(req)), { action: 'auth.logout', targetType: 'user', targetId: p.user.id });
    emitter.endSessions([p.sessionId], 'logout');
    res.clearCookie(cookieName(req), cookieOptions(req));
    res.json({ ok: true });
  });

  r.post('/logout-all', requireUser, (req, res) => {
    const p = principalOf(res)!;
    const ids = sessions.revokeAllOf(p.user.id);
    appendAudit(db, actorOf(p, clientIp(req)), { action: 'auth.logout_all', targetType: 'user', targetId: p.user.id, after: { sessions: ids.length } });
    emitter.endSessions(ids, 'logout');
    res.clearCookie(cookieName(req), cookieOptions(req));
    res.json({ ok: true, sessions: ids.length });
  });

  r.post('/password', requireUser, async (req, res) => {
    const p = principalOf(res)!;
    const body = parseOr400(res, passwordChangeSchema, req.body);
    if (!body) return;
    const check = await logins.reauthenticate(p.user, body.current, clientIp(req));
    if (!check.ok) {
      if (check.code === 'BAD_CREDENTIALS') return sendError(res, 'BAD_CREDENTIALS', { message: 'the current password is wrong', pesan: 'kata sandi saat ini salah' });
      return sendError(res, check.code, { retryAfterSec: check.retryAfterSec });
    }
    const problem = passwordProblem(body.next, p.user.nip);
    if (problem) return sendError(res, 'INVALID_PAYLOAD', { message: problem, pesan: 'kata sandi baru tidak boleh memuat NIP atau satu karakter berulang', issues: [{ path: 'next', message: problem }] });
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
    res.json({ ok: true });
  });

  // Demo mode only: the seeded, clearly labelled demo accounts, so a visitor can try every role.
  r.get('/demo-accounts', (_req, res) => {
    if (!cfg.demoAccounts.length) return sendError(res, 'NOT_FOUND');
    // the passwords come from the demo's configuration; the database only knows their hashes
    const password = new Map(cfg.demoAccounts.map((a) => [a.nip, a.password]));
    const accounts: DemoAccount[] = demoUsers(db).filter((u) => password.has(u.nip)).map((u) => (
      { nip: u.nip, name: u.name, roles: rolesOf(db, u.id), password: password.get(u.nip)!, note: u.jabatan ?? '' }
    ));
    res.json({ ok: true, accounts });
  });

  return r;
}
