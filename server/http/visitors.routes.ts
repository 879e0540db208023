/** Others let into the test room, with time in and out (Pasal 14(1)k); server/session/visitor.service.ts. */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { visitorIn, visitorLeft, visitorsOf } from '../session/visitor.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, withSession } from './session-access.ts';

export function visitorsRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.visitors, withSession(deps, 'room.view'))((_in, _req, res) => ({ ok: true, visitors: visitorsOf(deps, locals(res).ref) }));

  route(r, ROUTES.visitorIn, withSession(deps, 'visitor.record'))(({ body }, _req, res) => {
    const { ref, act } = locals(res);
    return visitorIn(deps, act, ref, body);
  });

  route(r, ROUTES.visitorOut, withSession(deps, 'visitor.record'))(({ params, body }, _req, res) => {
    const { ref, act } = locals(res);
    return visitorLeft(deps, act, ref, params.vid, body.outAt);
  });

  return r;
}
