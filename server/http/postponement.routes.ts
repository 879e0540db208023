/**
 * Postponing a session with its Berita Acara Penundaan, its follow-ups, and resuming it (Perban
 * BKN 4/2024 Pasal 12(2)e–f, 12(3), Lampiran III); the rules are in
 * server/session/postponement.service.ts and server/domain/postponement.ts.
 */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { msg } from '../../protocol/messages/index.ts';
import { seesRoom } from '../auth/principal.ts';
import { followUpDone, postponeSession, postponementRef, resumeSession, sessionPostponements } from '../session/postponement.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { route } from './route.ts';
import { actOf, baseUrlOf, locals, withSession } from './session-access.ts';
import { idParamSchema } from '../../protocol/schemas/index.ts';

export function postponementRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  // the QR code on the berita acara points at this dashboard's verification page, as the proctor reaches it
  route(r, ROUTES.postpone, withSession(deps, 'session.control'))(({ body }, req, res) => {
    const { ref, act } = locals(res);
    return postponeSession(deps, act, ref, body, { baseUrl: baseUrlOf(req) });
  });

  route(r, ROUTES.postponements, withSession(deps, 'session.control'))((_in, _req, res) => ({ ok: true, ...sessionPostponements(deps, locals(res).ref) }));

  // the postponement's session (the one it was acted from) must be in the caller's scope
  const withPostponement = [
    requireCap('session.control'),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const found = postponementRef(ctx.db, id);
      if (!found) return sendError(res, 'NOT_FOUND', { msg: msg('postponement.notFound') });
      if (!seesRoom(principalOf(res)!, { id: found.ref.roomId, venueId: found.ref.venueId })) return sendError(res, 'FORBIDDEN');
      next();
    }
  ];
  route(r, ROUTES.postponementFollowUpDone, withPostponement)(({ params }, req, res) =>
    followUpDone(deps, actOf(req, principalOf(res)!), params.id, params.fid));

  route(r, ROUTES.sessionResume, withSession(deps, 'session.control'))(({ body }, _req, res) => {
    const { ref, act, principal } = locals(res);
    return resumeSession(deps, principal, act, ref, body);
  });

  return r;
}
