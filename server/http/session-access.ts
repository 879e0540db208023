/**
 * The doors the HTTP routes share: to a session (withSession) and to a room (withRoom). Each is
 * the capability, the thing named by :id (404 when unknown), then its room in the caller's scope
 * (by venue or through an activity; 403), in that order, before the route reads its query or body. What it found goes to
 * res.locals: `locals(res)` for a session, `roomOf(res)` for a room.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.ts';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { actorOf, agencyOperatorOf, seesRoom, type Principal } from '../auth/principal.ts';
import { type Capability } from '../../protocol/index.ts';
import type { RoomRef } from '../../protocol/routes.ts';
import { idParamSchema } from '../../protocol/schemas/index.ts';
import { loadSessionRef, type Act, type SessionDeps, type SessionRef } from '../session/context.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import { parseOr400, sendError } from './errors.ts';
import { msg } from '../../protocol/messages/index.ts';

export type SessionLocals = { ref: SessionRef; act: Act; principal: Principal };

/** requireCap(...caps), then the :id session, then scope. */
export function withSession(deps: SessionDeps, ...caps: Capability[]): RequestHandler[] {
  return [
    requireCap(...caps),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const ref = loadSessionRef(deps.db, id);
      if (!ref) return sendError(res, 'NOT_FOUND', { msg: msg('session.notFound') });
      const p = principalOf(res)!;
      if (!seesRoom(p, { id: ref.roomId, venueId: ref.venueId })) return sendError(res, 'FORBIDDEN');
      res.locals.ref = ref;
      res.locals.act = actOf(req, p);
      next();
    }
  ];
}

/** requireCap(...caps), then the :id room, then scope. */
export function withRoom(db: Db, ...caps: Capability[]): RequestHandler[] {
  return [
    requireCap(...caps),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const room = roomWithVenue(db, id);
      if (!room) return sendError(res, 'NOT_FOUND');
      if (!seesRoom(principalOf(res)!, room)) return sendError(res, 'FORBIDDEN');
      res.locals.room = room;
      next();
    }
  ];
}

export const actOf = (req: Request, p: Principal): Act => ({ actor: actorOf(p, clientIp(req)), userId: p.user.id });
export const locals = (res: Response) => ({ ref: res.locals.ref as SessionRef, act: res.locals.act as Act, principal: principalOf(res)! });
export const roomOf = (res: Response) => res.locals.room as RoomRef;

/**
 * Whose participants the caller may work on: everyone for the Tim Penyelenggara; an agency
 * operator (no live room) only its own agency's, none without an agency (Pasal 3 confidentiality).
 */
export function agencyLimit(p: Principal): string | null | undefined {
  return agencyOperatorOf(p.roles, [...p.caps], p.user);
}
