/** Participant actions: pause, resume, add time, end (delivered to the station, acknowledged by it). */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { actionsOf, requestActions } from '../session/action.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, withSession } from './session-access.ts';

export function actionsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.actions, withSession(deps, 'room.view'))((_in, _req, res) => ({ ok: true, actions: actionsOf(deps, locals(res).ref) }));

  route(r, ROUTES.actionRequest, withSession(deps, 'participant.control'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return requestActions(deps, act, ref, body);
  });

  return r;
}
