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
import { ROUTES } from '../../protocol/routes.ts';
import { idParamSchema } from '../../protocol/schemas/index.ts';
import { clientIp, principalOf, requireCap, requireUser } from './auth.middleware.ts';
import type { ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { reject, route } from './route.ts';
import { issueAt, msg, wireMsg } from '../../protocol/messages/index.ts';

export function usersRouter(ctx: ApiContext) {
  const { db, cfg, sessions, emitter } = ctx;
  const r = express.Router();

  /** null when every venue the scopes name exists; otherwise the 400 naming the first unknown one */
  const unknownVenue = (scopes: ScopeInput[]) => {
    const ids = scopes.flatMap((s) => (s.kind === 'venue' ? [s.venueId] : []));
    const known = existingVenueIds(db, ids);
    const bad = ids.find((id) => !known.has(id));
    if (bad === undefined) return null;
    return reject('INVALID_PAYLOAD', { ...wireMsg(msg('venue.unknown', { id: bad })), issues: [issueAt('scopes', msg('venue.unknown', { id: bad }))] });
  };

  // Venues the caller may see (any signed-in user): pickers and filters use it.
  // The principal already resolved the scopes (every venue for a national user).
  route(r, ROUTES.venues, requireUser)((_in, _req, res) => ({ ok: true, venues: principalOf(res)!.me.venues }));

  /** A row as the admin sees it: with the limiter's hold, when login refuses the account without a lock. */
  const shown = (row: UserRow, holds = loginHolds(db)): UserRow => {
    const hold = holds.get(row.nip);
    return hold ? { ...row, loginHeldUntil: hold.until, loginHeldFrom: hold.from } : row;
  };
  const rowOf = (id: number) => shown(toUserRow(db, getUser(db, id)!));

  /** user.manage, then the user named by :id (404); the user to res.locals.target. */
  const withUser: express.RequestHandler[] = [
    requireCap('user.manage'),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const user = getUser(db, id);
      if (!user) return sendError(res, 'NOT_FOUND');
      res.locals.target = user;
      next();
    }
  ];
  const targetOf = (res: express.Response) => res.locals.target as NonNullable<ReturnType<typeof getUser>>;

  route(r, ROUTES.users, requireCap('user.manage'))(() => {
    const holds = loginHolds(db);
    return { ok: true, users: listUsers(db).map((u) => shown(u, holds)) };
  });

  route(r, ROUTES.userCreate, requireCap('user.manage'))(async ({ body }, req, res) => {
    const p = principalOf(res)!;
    if (findUserByNip(db, body.nip)) return reject('CONFLICT', wireMsg(msg('user.nipExists', { nip: body.nip })));
    const badVenue = unknownVenue(body.scopes);
    if (badVenue) return badVenue;
    const problem = passwordProblem(body.password, body.nip);
    if (problem) return reject('INVALID_PAYLOAD', { ...wireMsg(problem), issues: [issueAt('password', problem)] });
    const passwordHash = await hashPassword(body.password, cfg.argon2);
    const now = Date.now();
    const id = db.transaction(() => {
      const id = insertUser(db, { ...body, passwordHash }, now);
      const { password: _pw, ...after } = body;
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.created', targetType: 'user', targetId: id, after, at: now });
      return id;
    });
    return { ok: true, user: rowOf(id) };
  });

  route(r, ROUTES.userUpdate, withUser)(({ body }, req, res) => {
    const p = principalOf(res)!;
    const target = targetOf(res);
    const id = target.id;
    // An admin cannot lock themselves out: the last way back in would be the command line.
    if (id === p.user.id && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
      return reject('CONFLICT', wireMsg(msg('user.selfLockout')));
    }
    const badVenue = body.scopes ? unknownVenue(body.scopes) : null;
    if (badVenue) return badVenue;
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
    return { ok: true, user: rowOf(id) };
  });

  route(r, ROUTES.userPasswordReset, withUser)(async ({ body }, req, res) => {
    const p = principalOf(res)!;
    const target = targetOf(res);
    const id = target.id;
    const problem = passwordProblem(body.password, target.nip);
    if (problem) return reject('INVALID_PAYLOAD', { ...wireMsg(problem), issues: [issueAt('password', problem)] });
    const hash = await hashPassword(body.password, cfg.argon2);
    const now = Date.now();
    let ended: string[] = [];
    db.transaction(() => {
      setPasswordHash(db, id, hash, now);
      ended = sessions.revokeAllOf(id, now);
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.password_reset', targetType: 'user', targetId: id, after: { sessionsEnded: ended.length }, at: now });
    });
    emitter.endSessions(ended, 'revoked');
    return { ok: true };
  });

  route(r, ROUTES.userUnlock, withUser)((_in, req, res) => {
    const p = principalOf(res)!;
    const target = targetOf(res);
    const id = target.id;
    // the real end of what kept the account out: its own lock or the limiter's hold, whichever is later
    const held = loginHolds(db).get(target.nip)?.until ?? null;
    const until = Math.max(target.lockedUntil ?? 0, held ?? 0) || null;
    db.transaction(() => {
      lockUser(db, id, null);
      clearLoginHolds(db, target.nip);
      appendAudit(db, actorOf(p, clientIp(req)), { action: 'user.unlocked', targetType: 'user', targetId: id, before: { lockedUntil: until } });
    });
    return { ok: true, user: rowOf(id) };
  });

  return r;
}

