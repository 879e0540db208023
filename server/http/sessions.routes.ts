/** A room's session: its summary, its detail, and its lifecycle (Pasal 11–14: the stages). */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { sessionDetail, transition, transitionPreview } from '../session/lifecycle.service.ts';
import { finaliseSession, instansiFromChecklist } from '../session/finalise.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { baseUrlOf, locals, roomOf, withRoom, withSession } from './session-access.ts';

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

  // Pasal 14(1)l–m: the lists and the berita acara are made with the step (finalise.service.ts)
  route(r, ROUTES.sessionFinalise, withSession(deps, 'session.control'))(({ body }, req, res) => {
    const { ref, act } = locals(res);
    return finaliseSession(deps, act, ref, body, { baseUrl: baseUrlOf(req) });
  });

  route(r, ROUTES.transition, withSession(deps, 'session.control'))(({ body }, req, res) => {
    const { ref, act } = locals(res);
    // the plain step finalises too, with the documents: the agency's co-signer is the one who
    // signed the daftar periksa for it (the form lets the proctor name another)
    if (body.action === 'finalise') {
      return finaliseSession(deps, act, ref, { instansi: instansiFromChecklist(deps, ref), note: body.reason }, { baseUrl: baseUrlOf(req) });
    }
    return transition(deps, act, ref, body);
  });

  return r;
}
