/** A room's session: its summary, its lifecycle, and the session PIN (Pasal 14(1)i). */
import express from 'express';
import { roomWithVenue } from '../../db/queries/enrollment.ts';
import { listAttempts } from '../../db/queries/pins.ts';
import { seesVenue } from '../auth/principal.ts';
import { z } from 'zod';
import { SESSION_ACTIONS } from '../../protocol/index.ts';
import { idParamSchema, loginPolicySchema, pinIssueSchema, pinRevokeSchema, sessionTransitionSchema } from '../../protocol/schemas/index.ts';
import { sessionDetail, transition, transitionPreview } from '../session/lifecycle.service.ts';
import { setLoginPolicy } from '../session/login-policy.service.ts';
import { actOf } from './session-access.ts';
import { issuePin, revokePin, showPin, unlockPinStation } from '../session/pin.service.ts';
import { principalOf, requireCap } from './auth.middleware.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400, sendError } from './errors.ts';
import { locals, reply, withSession } from './session-access.ts';

const previewQuery = z.object({ action: z.enum(SESSION_ACTIONS) });

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

  // what a step would require and do: the transition dialog shows exactly this (issue 10 item 6)
  r.get('/sessions/:id/transition-preview', ...withSession(deps, 'session.control'), (req, res) => {
    const q = parseOr400(res, previewQuery, req.query);
    if (!q) return;
    res.json({ ok: true, preview: transitionPreview(deps, locals(res).ref, q.action) });
  });

  // a venue's rule for logins the desk has not registered: refuse (default) or flag (issue 10)
  r.put('/venues/:id/login-policy', requireCap('session.control'), (req, res) => {
    const venueId = parseOr400(res, idParamSchema, req.params.id);
    if (venueId === null) return;
    const body = parseOr400(res, loginPolicySchema, req.body);
    if (!body) return;
    const p = principalOf(res)!;
    if (!seesVenue(p, venueId)) return sendError(res, 'FORBIDDEN');
    reply(res, setLoginPolicy(deps, actOf(req, p), venueId, body.unregisteredLogin));
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
