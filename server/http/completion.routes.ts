/**
 * Who completed the whole series and why the others did not (SE BKN 6/2026 §5.g.2; Pasal
 * 14(1)l–m): the list the finalise dialog reads, and the reason a proctor confirms;
 * server/session/completion.service.ts.
 */
import express from 'express';
import { ROUTES } from '../../protocol/routes.ts';
import { completionList, recordCompletion } from '../session/completion.service.ts';
import { sessionDeps, type ApiContext } from './context.ts';
import { route } from './route.ts';
import { locals, withSession } from './session-access.ts';

export function completionRouter(ctx: ApiContext) {
  const deps = sessionDeps(ctx);
  const r = express.Router();

  route(r, ROUTES.completionList, withSession(deps, 'session.control'))((_in, _req, res) => ({ ok: true, ...completionList(deps, locals(res).ref) }));

  route(r, ROUTES.participantCompletion, withSession(deps, 'session.control'))(({ params, body }, _req, res) => {
    const { ref, act } = locals(res);
    return recordCompletion(deps, act, ref, params.pid, body);
  });

  return r;
}
