/** Incidents (kejadian): list with filters, record, edit with history. */
import express from 'express';
import { listIncidents } from '../../db/queries/incidents.ts';
import { seesVenue } from '../auth/principal.ts';
import { idParamSchema, incidentEditSchema, incidentQuerySchema, incidentSchema } from '../../protocol/schemas/index.ts';
import { loadSessionRef } from '../session/context.ts';
import { editIncident, incidentSession, incidentWithHistory, recordIncident } from '../session/incident.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { actOf, locals, reply, withSession } from './session-access.ts';

export function incidentsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  r.get('/sessions/:id/incidents', ...withSession(deps, 'room.view'), (req, res) => {
    const q = parseOr400(res, incidentQuerySchema, req.query);
    if (!q) return;
    res.json({ ok: true, incidents: listIncidents(ctx.db, locals(res).ref.session.id, q) });
  });

  r.post('/sessions/:id/incidents', ...withSession(deps, 'incident.record'), (req, res) => {
    const body = parseOr400(res, incidentSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, recordIncident(deps, act, ref, body));
  });

  /** An incident is addressed by its own id here: find its session, then the same checks. */
  const byIncident = (cap: 'room.view' | 'incident.record'): express.RequestHandler[] => [
    requireCap(cap),
    (req, res, next) => {
      const id = parseOr400(res, idParamSchema, req.params.id);
      if (id === null) return;
      const sessionId = incidentSession(deps, id);
      const ref = sessionId === undefined ? undefined : loadSessionRef(ctx.db, sessionId);
      if (!ref) return sendError(res, 'NOT_FOUND', { message: 'no such incident', pesan: 'kejadian tidak ditemukan' });
      const p = principalOf(res)!;
      if (!seesVenue(p, ref.venueId)) return sendError(res, 'FORBIDDEN');
      res.locals.ref = ref;
      res.locals.act = actOf(req, p);
      res.locals.incidentId = id;
      next();
    }
  ];

  r.patch('/incidents/:id', ...byIncident('incident.record'), (req, res) => {
    const body = parseOr400(res, incidentEditSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, editIncident(deps, act, ref, res.locals.incidentId as number, body));
  });

  r.get('/incidents/:id/history', ...byIncident('room.view'), (_req, res) => {
    const h = incidentWithHistory(deps, locals(res).ref, res.locals.incidentId as number);
    if (!h) return sendError(res, 'NOT_FOUND');
    res.json({ ok: true, ...h });
  });

  return r;
}
