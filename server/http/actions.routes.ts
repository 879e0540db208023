/** Participant actions: pause, resume, add time, end (delivered to the station, acknowledged by it). */
import express from 'express';
import { participantActionSchema } from '../../protocol/schemas/index.ts';
import { actionsOf, requestActions } from '../session/action.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { parseOr400 } from './errors.ts';
import { locals, reply, withSession } from './session-access.ts';

export function actionsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  r.get('/sessions/:id/actions', ...withSession(deps, 'room.view'), (_req, res) => {
    res.json({ ok: true, actions: actionsOf(deps, locals(res).ref) });
  });

  r.post('/sessions/:id/actions', ...withSession(deps, 'participant.control'), (req, res) => {
    const body = parseOr400(res, participantActionSchema, req.body);
    if (!body) return;
    const { ref, act } = locals(res);
    reply(res, requestActions(deps, act, ref, body));
  });

  return r;
}
