/**
 * The door to a session for the HTTP routes: the capability, the session (404 when unknown), then
 * the venue in the caller's scope (403), in that order. The resolved session and the actor go to
 * res.locals; `reply` turns a service result into the response.
 */
import type { Request, RequestHandler, Response } from 'express';
import { actorOf, can, type Principal } from '../auth/principal.ts';
import { seesVenue } from '../auth/principal.ts';
import { type Capability } from '../../protocol/index.ts';
import { idParamSchema } from '../../protocol/schemas/index.ts';
import { loadSessionRef, type Act, type Refusal, type SessionDeps, type SessionRef } from '../session/context.ts';
import { clientIp, principalOf, requireCap } from './auth.middleware.ts';
import { parseOr400, sendError } from './errors.ts';

export type SessionLocals = { ref: SessionRef; act: Act; principal: Principal };

/** requireCap(...caps), then the :id session, then scope. */
export function withSession(deps: SessionDeps, ...caps: Capability[]): RequestHandler[] {
  return [
    requireCap(...caps),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const ref = loadSessionRef(deps.db, id);
      if (!ref) return sendError(res, 'NOT_FOUND', { message: 'no such session', pesan: 'sesi tidak ditemukan' });
      const p = principalOf(res)!;
      if (!seesVenue(p, ref.venueId)) return sendError(res, 'FORBIDDEN');
      res.locals.ref = ref;
      res.locals.act = actOf(req, p);
      next();
    }
  ];
}

export const actOf = (req: Request, p: Principal): Act => ({ actor: actorOf(p, clientIp(req)), userId: p.user.id });
export const locals = (res: Response) => ({ ref: res.locals.ref as SessionRef, act: res.locals.act as Act, principal: principalOf(res)! });

/**
 * Whose participants the caller may work on: everyone for the Tim Penyelenggara; an agency
 * operator (no live room) only its own agency's, none without an agency (Pasal 3 confidentiality).
 */
export function agencyLimit(p: Principal): string | null | undefined {
  return p.roles.includes('operator_instansi') && !can(p, 'room.view') ? p.user.instansi : undefined;
}

export function reply<T extends object>(res: Response, r: ({ ok: true } & T) | Refusal) {
  if (r.ok) return res.json(r);
  const { ok: _ok, code, ...detail } = r;
  sendError(res, code, detail);
}
