/** A room's session: its summary, its detail, and its lifecycle (Pasal 11–14: the stages). */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { sessionDetail, transition, transitionPreview } from '../session/lifecycle.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, roomOf, withRoom, withSession } from './session-access.ts';

export function sessionsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.roomSession, withRoom(ctx.db, 'room.view', 'participant.view'))((_in, _req, res) => ({
    ok: true, session: ctx.hub.rooms.get(roomOf(res).id)?.summary ?? null
  }));

  route(r, ROUTES.session, withSession(deps, 'room.view'))((_in, _req, res) => ({ ok: true, ...sessionDetail(deps, locals(res).ref) }));

  // what a step would require and do: the transition dialog shows exactly this
  route(r, ROUTES.transitionPreview, withSession(deps, 'session.control'))(({ query }, _req, res) => ({
    ok: true, preview: transitionPreview(deps, locals(res).ref, query.action)
  }));

  route(r, ROUTES.transition, withSession(deps, 'session.control'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return transition(deps, act, ref, body);
  });

  return r;
}
