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
import { finalisedRefusal, loadSessionRef, type Act, type SessionDeps, type SessionRef } from '../session/context.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import { parseOr400, sendError } from './errors.ts';
import { msg } from '../../protocol/messages/index.ts';

export type SessionLocals = { ref: SessionRef; act: Act; principal: Principal };

/**
 * requireCap(...caps), then the :id session, then scope, then — for a request that changes
 * something — the session must not be finalised (finalisedDoor).
 */
export function withSession(deps: SessionDeps, ...caps: Capability[]): RequestHandler[] {
  return sessionDoor(deps, caps, true);
}

/**
 * The same door for a route that acts on a finalised session on purpose (a correction issued as a
 * new document): no finalised check. tests/integration/finalised-frozen.test.ts names every such route.
 */
export function withSessionRecord(deps: SessionDeps, ...caps: Capability[]): RequestHandler[] {
  return sessionDoor(deps, caps, false);
}

function sessionDoor(deps: SessionDeps, caps: Capability[], frozen: boolean): RequestHandler[] {
  return [
    requireCap(...caps),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const ref = loadSessionRef(deps.db, id);
      if (!ref) return sendError(res, 'NOT_FOUND', { msg: msg('session.notFound') });
      const p = principalOf(res)!;
      if (!seesRoom(p, { id: ref.roomId, venueId: ref.venueId })) return sendError(res, 'FORBIDDEN');
      if (frozen && finalisedDoor(req, res, ref)) return;
      res.locals.ref = ref;
      res.locals.act = actOf(req, p);
      next();
    }
  ];
}

/**
 * A finalised session is a closed record (Pasal 14(1)l–m: the berita acara and lists are signed):
 * any request that would change it — attendance, incidents, visitors, checklist, participant
 * actions, the roster, PIN, seats, completion reasons, its schedule — is answered 409 with the one
 * message session.finalised, whatever the route. Reads pass. Answers true when it refused.
 * Every door to a session (withSession, the incident door, the activity's session routes) calls it
 * after its access checks, so that whoever may not see the session is not told it is finalised.
 */
export function finalisedDoor(req: Request, res: Response, ref: SessionRef): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const frozen = finalisedRefusal(ref.session.state);
  if (!frozen) return false;
  sendError(res, frozen.code, { msg: frozen.msg });
  return true;
}

/**
 * The finalised door for a route that reaches a session another way (the activity's schedule:
 * reschedule, cancel, late registration — their service finds the session and answers 404/403
 * itself): when the :id session exists, the caller sees it and it is finalised, a change is
 * refused here, before the body is read; anything else goes on to the route.
 */
export function finalisedSessionDoor(db: Db): RequestHandler {
  return (req, res, next) => {
    const id = idParamSchema.safeParse(req.params.id);
    const ref = id.success ? loadSessionRef(db, id.data) : undefined;
    const p = principalOf(res);
    if (ref && p && seesRoom(p, { id: ref.roomId, venueId: ref.venueId }) && finalisedDoor(req, res, ref)) return;
    next();
  };
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

/**
 * The dashboard's address as the caller reached it: the QR code of a document issued now points
 * at its verification page there (a proctor's laptop and the printed paper are on the same network).
 */
export const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

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
