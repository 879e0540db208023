/** /api/users (admin): create users, change roles, scopes, activity, reset passwords, unlock. */
import express from 'express';
import { appendAudit } from '../../db/queries/audit.ts';
import {
  existingVenueIds, findUserByNip, getUser, insertUser, listUsers, lockUser, setPasswordHash, setRoles, setScopes,
  toUserRow, updateUserFields, venuesOfScopes
} from '../../db/queries/users.ts';
import { clearLoginHolds, loginHolds } from '../auth/login.service.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { actorOf } from '../auth/principal.ts';
import { type ScopeInput, type UserRow } from '../../protocol/index.ts';
import { idParamSchema, passwordResetSchema, userCreateSchema, userUpdateSchema } from '../../protocol/schemas/index.ts';
import { clientIp, principalOf, requireCap, requireUser } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';

export function usersRouter(ctx: ApiContext) {
  const { db, cfg, sessions, emitter } = ctx;
  const r = express.Router();

  /** true when every venue the scopes name exists; otherwise answers 400 and returns false */
  const venuesExist = (res: express.Response, scopes: ScopeInput[]) => {
    const ids = scopes.flatMap((s) => (s.kind === 'venue' ? [s.venueId] : []));
    const known = existingVenueIds(db, ids);
    const bad = ids.find((id) => !known.has(id));
    if (bad === undefined) return true;
    sendError(res, 'INVALID_PAYLOAD', { message: `unknown venue ${bad}`, pesan: `lokasi ${bad} tidak dikenal`, issues: [{ path: 'scopes', message: 'unknown venue' }] });
    return false;
  };

  // Venues the caller may see (any signed-in user): pickers and filters use it.
  r.get('/venues', requireUser, (_req, res) => {
    const p = principalOf(res)!;
    // the principal already resolved the scopes (every venue for a national user)
    res.json({ ok: true, venues: p.me.venues });
  });

  /** A row as the admin sees it: with the limiter's hold, when login refuses the account without a lock. */
  const shown = (row: UserRow, holds = loginHolds(db)): UserRow => {
    const hold = holds.get(row.nip);
    return hold ? { ...row, loginHeldUntil: hold.until, loginHeldFrom: hold.from } : row;
  };
  const rowOf = (id: number) => shown(toUserRow(db, getUser(db, id)!));

  /** The user named by :id, or null after answering 400/404. */
  const targetUser = (req: express.Request, res: express.Response) => {
    const id = parseOr400(res, idParamSchema, req.params.id);
    if (id === null) return null;
    const user = getUser(db, id);
    if (!user) sendError(res, 'NOT_FOUND');
    return user ?? null;
  };

  r.get('/users', requireCap('user.manage'), (_req, res) => {
    const holds = loginHolds(db);
    res.json({ ok: true, users: listUsers(db).map((u) => shown(u, holds)) });
  });

  r.post('/users', requireCap('user.manage'), async (req, res) => {
    const p = principalOf(res)!;
    const body = parseOr400(res, userCreateSchema, req.body);
    if (!body) return;
    if (findUserByNip(db, body.nip)) return sendError(res, 'CONFLICT', { message: `a user with NIP ${body.nip} exists`, pesan: `pengguna dengan NIP ${body.nip} sudah ada` });
    if (!venuesExist(res, body.scopes)) return;
    const problem = passwordProblem(body.password, body.nip);
    if (problem) return sendError(res, 'INVALID_PAYLOAD', { message: problem, pesan: 'kata sandi tidak boleh memuat NIP atau satu karakter berulang', issues: [{ path: 'password', message: problem }] });
    const passwordHash = await hashPassword(body.password, cfg.argon2);
    const now = Date.now();
    const id = db.transaction(() => {
      const id = insertUser(db, { ...body, passwordHash }, now);
      const { password: _pw, ...after } = body;
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.created', targetType: 'user', targetId: id, after, at: now });
      return id;
    });
    res.status(201).json({ ok: true, user: rowOf(id) });
  });

  r.patch('/users/:id', requireCap('user.manage'), (req, res) => {
    const p = principalOf(res)!;
    const target = targetUser(req, res);
    if (!target) return;
    const id = target.id;
    const body = parseOr400(res, userUpdateSchema, req.body);
    if (!body) return;
    // An admin cannot lock themselves out: the last way back in would be the command line.
    if (id === p.user.id && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
      return sendError(res, 'CONFLICT', { message: 'you cannot deactivate yourself or drop your own admin role', pesan: 'Anda tidak dapat menonaktifkan diri sendiri atau mencabut peran admin Anda sendiri' });
    }
    if (body.scopes && !venuesExist(res, body.scopes)) return;
    const before = toUserRow(db, target);
    const now = Date.now();
    let ended: string[] = [];
    db.transaction(() => {
      const { roles, scopes, ...fields } = body;
      updateUserFields(db, id, fields);
      if (roles) setRoles(db, id, roles);
      if (scopes) setScopes(db, id, scopes);
      if (body.active === false) ended = sessions.revokeAllOf(id, now);
      const after = toUserRow(db, getUser(db, id)!);
      appendAudit(db, actorOf(p, clientIp(req)), {
        action: roles || scopes ? 'user.access_changed' : 'user.updated', targetType: 'user', targetId: id,
        before: { name: before.name, jabatan: before.jabatan, instansi: before.instansi, roles: before.roles, scopes: before.scopes, active: before.active },
        after: { name: after.name, jabatan: after.jabatan, instansi: after.instansi, roles: after.roles, scopes: after.scopes, active: after.active },
        at: now
      });
    });
    if (ended.length) emitter.endSessions(ended, 'inactive');
    // Open dashboards of this user were authorised under the old roles/scopes: they reconnect.
    else if (body.roles || body.scopes || body.instansi !== undefined) emitter.endUserSockets(id, 'changed');
    res.json({ ok: true, user: rowOf(id) });
  });

  r.post('/users/:id/password', requireCap('user.manage'), async (req, res) => {
    const p = principalOf(res)!;
    const target = targetUser(req, res);
    if (!target) return;
    const id = target.id;
    const body = parseOr400(res, passwordResetSchema, req.body);
    if (!body) return;
    const problem = passwordProblem(body.password, target.nip);
    if (problem) return sendError(res, 'INVALID_PAYLOAD', { message: problem, pesan: 'kata sandi tidak boleh memuat NIP atau satu karakter berulang', issues: [{ path: 'password', message: problem }] });
    const hash = await hashPassword(body.password, cfg.argon2);
    const now = Date.now();
    let ended: string[] = [];
    db.transaction(() => {
      setPasswordHash(db, id, hash, now);
      ended = sessions.revokeAllOf(id, now);
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.password_reset', targetType: 'user', targetId: id, after: { sessionsEnded: ended.length }, at: now });
    });
    emitter.endSessions(ended, 'revoked');
    res.json({ ok: true });
  });

  r.post('/users/:id/unlock', requireCap('user.manage'), (req, res) => {
    const p = principalOf(res)!;
    const target = targetUser(req, res);
    if (!target) return;
    const id = target.id;
    // the real end of what kept the account out: its own lock or the limiter's hold, whichever is later
    const held = loginHolds(db).get(target.nip)?.until ?? null;
    const until = Math.max(target.lockedUntil ?? 0, held ?? 0) || null;
    db.transaction(() => {
      lockUser(db, id, null);
      clearLoginHolds(db, target.nip);
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.unlocked', targetType: 'user', targetId: id, before: { lockedUntil: until } });
    });
    res.json({ ok: true, user: rowOf(id) });
  });

  return r;
}

