/** Incidents (kejadian): list with filters, record, edit with history; server/session/incident.service.ts. */
import express from 'express';
import { seesRoom } from '../auth/principal.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { idParamSchema } from '../../protocol/schemas/index.ts';
import { loadSessionRef } from '../session/context.ts';
import { editIncident, incidentSession, incidentsOf, incidentWithHistory, recordIncident } from '../session/incident.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { reject, route } from './route.ts';
import { actOf, finalisedDoor, locals, withSession } from './session-access.ts';
import { msg } from '../../protocol/messages/index.ts';

export function incidentsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.incidents, withSession(deps, 'room.view'))(({ query }, _req, res) => ({ ok: true, incidents: incidentsOf(deps, locals(res).ref, query) }));

  route(r, ROUTES.incidentRecord, withSession(deps, 'incident.record'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return recordIncident(deps, act, ref, body);
  });

  /** An incident is addressed by its own id here: find its session, then the same checks. */
  const byIncident = (cap: 'room.view' | 'incident.record'): express.RequestHandler[] => [
    requireCap(cap),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const sessionId = incidentSession(deps, id);
      const ref = sessionId === undefined ? undefined : loadSessionRef(ctx.db, sessionId);
      if (!ref) return sendError(res, 'NOT_FOUND', { msg: msg('incident.notFound') });
      const p = principalOf(res)!;
      if (!seesRoom(p, { id: ref.roomId, venueId: ref.venueId })) return sendError(res, 'FORBIDDEN');
      if (finalisedDoor(req, res, ref)) return;
      res.locals.ref = ref;
      res.locals.act = actOf(req, p);
      next();
    }
  ];

  route(r, ROUTES.incidentEdit, byIncident('incident.record'))(({ params, body }, _req, res) => {
    const { ref, act } = locals(res);
    return editIncident(deps, act, ref, params.id, body);
  });

  route(r, ROUTES.incidentHistory, byIncident('room.view'))(({ params }, _req, res) => {
    const h = incidentWithHistory(deps, locals(res).ref, params.id);
    if (!h) return reject('NOT_FOUND');
    return { ok: true, ...h };
  });

  return r;
}
