/** A room's session: its summary, its lifecycle, and the session PIN (Pasal 14(1)i). */
import express from 'express';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { listAttempts } from '../../db/queries/pins.ts';
import { seesVenue } from '../auth/principal.ts';
import { idParamSchema, pinIssueSchema, pinRevokeSchema, sessionTransitionSchema } from '../protocol/index.ts';
import { sessionDetail, transition } from '../session/lifecycle.service.ts';
import { issuePin, revokePin, showPin, unlockPinStation } from '../session/pin.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { locals, reply, withSession } from './session-access.ts';

export function sessionsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  r.get('/rooms/:id/session', requireCap('room.view', 'participant.view'), (req, res) => {
    const id = parseOr400(res, idParamSchema, req.params.id);
    if (id === null) return;
    const room = roomWithVenue(ctx.db, id);
    if (!room) return sendError(res, 'NOT_FOUND');
    if (!seesVenue(principalOf(res)!, room.venueId)) return sendError(res, 'FORBIDDEN');
    res.json({ ok: true, session: ctx.hub.rooms.get(id)?.summary ?? null });
  });

  r.get('/sessions/:id', ...withSession(deps, 'room.view'), (_req, res) => {
    res.json({ ok: true, ...sessionDetail(deps, locals(res).ref) });
  });

  r.post('/sessions/:id/transition', ...withSession(deps, 'session.control'), (req, res) => {
    const body = parseOr400(res, sessionTransitionSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, transition(deps, act, ref, body));
  });

  // The PIN itself only to those who run the session: coordinators watch the room page too.
  r.get('/sessions/:id/pin', ...withSession(deps, 'session.control'), (_req, res) => {
    res.json({ ok: true, pin: showPin(deps, locals(res).ref) });
  });

  r.post('/sessions/:id/pin', ...withSession(deps, 'session.control'), (req, res) => {
    const body = parseOr400(res, pinIssueSchema, req.body ?? {});
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, issuePin(deps, act, ref, { lifetimeMin: body.lifetimeMin, rotateMin: body.rotateMin }));
  });

  r.post('/sessions/:id/pin/revoke', ...withSession(deps, 'session.control'), (req, res) => {
    const body = parseOr400(res, pinRevokeSchema, req.body ?? {});
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, revokePin(deps, act, ref, body.reason ?? null));
  });

  r.get('/sessions/:id/pin/attempts', ...withSession(deps, 'session.control'), (_req, res) => {
    res.json({ ok: true, attempts: listAttempts(ctx.db, locals(res).ref.session.id) });
  });

  r.post('/sessions/:id/stations/:stationId/pin-unlock', ...withSession(deps, 'session.control'), (req, res) => {
    const stationId = parseOr400(res, idParamSchema, req.params.stationId);
    if (stationId === null) return;
    const { ref, act } = locals(res);
    reply(res, unlockPinStation(deps, act, ref, stationId));
  });

  return r;
}
